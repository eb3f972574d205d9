import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsISO8601, Matches, Max, Min } from 'class-validator';
import { IsOptionalNotNull } from '../../common/dto-rules';

/** The period of the activity report: a calendar year, or two days (both included). */
export class ActivityPeriodQueryDto {
  @ApiPropertyOptional({
    example: 2026,
    description: 'A calendar year (default: the current year in TIME_ZONE); not with from/to',
  })
  @IsOptionalNotNull()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;

  @ApiPropertyOptional({ example: '2026-01-01', description: 'First day (TIME_ZONE), included' })
  @IsOptionalNotNull()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { context: { format: 'day' } })
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ example: '2026-06-30', description: 'Last day (TIME_ZONE), included' })
  @IsOptionalNotNull()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { context: { format: 'day' } })
  @IsISO8601({ strict: true })
  to?: string;
}
