import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { IsInstant } from './dto-decorators';

export class ParticipationQueryDto {
  @ApiPropertyOptional({ description: 'Meetings starting at or after (default: a year ago)' })
  @IsOptional()
  @IsInstant()
  from?: string;

  @ApiPropertyOptional({ description: 'Meetings starting before (default: now)' })
  @IsOptional()
  @IsInstant()
  to?: string;
}

export class WeakTiesQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 50, description: 'Default: WEAK_TIES_MISSED' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  missed?: number;
}
