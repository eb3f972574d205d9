import { ApiProperty } from '@nestjs/swagger';
import { IsCalendarDay } from '../../../common/dto-rules';

export class SpeakerCostsQueryDto {
  @ApiProperty({ example: '2026-01-01', description: 'First day (network time zone), included' })
  @IsCalendarDay()
  from: string;

  @ApiProperty({ example: '2026-12-31', description: 'Last day (network time zone), included' })
  @IsCalendarDay()
  to: string;
}
