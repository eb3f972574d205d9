import { ApiProperty } from '@nestjs/swagger';
import { IsISO8601, Matches } from 'class-validator';

export class SpeakerCostsQueryDto {
  @ApiProperty({ example: '2026-01-01', description: 'First day (network time zone), included' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { context: { format: 'day' } })
  @IsISO8601({ strict: true })
  from: string;

  @ApiProperty({ example: '2026-12-31', description: 'Last day (network time zone), included' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { context: { format: 'day' } })
  @IsISO8601({ strict: true })
  to: string;
}
