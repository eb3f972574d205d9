import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { IsOptionalNotNull, NumberFromText, IsCalendarDay } from '../../common/dto-rules';

/** The period of the activity report: a calendar year, or two days (both included). */
export class ActivityPeriodQueryDto {
  @ApiPropertyOptional({
    example: 2026,
    description: 'A calendar year (default: the current year in TIME_ZONE); not with from/to',
  })
  @IsOptionalNotNull()
  @NumberFromText()
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;

  @ApiPropertyOptional({ example: '2026-01-01', description: 'First day (TIME_ZONE), included' })
  @IsOptionalNotNull()
  @IsCalendarDay()
  from?: string;

  @ApiPropertyOptional({ example: '2026-06-30', description: 'Last day (TIME_ZONE), included' })
  @IsOptionalNotNull()
  @IsCalendarDay()
  to?: string;
}
