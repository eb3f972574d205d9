import { ApiProperty, ApiPropertyOptional, IntersectionType, OmitType } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsArray,
  IsIn,
  IsInt,
  Length,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { IsCalendarDay, IsOptionalNullable } from '../../common/dto-rules';
import { CreateMeetingDto } from '../create-meeting.dto';
import { SERIES_FREQUENCIES, type SeriesFrequency } from './meeting-series.entity';
import { MAX_OCCURRENCES, NTH_VALUES, WEEKDAYS, type Weekday } from './series-rule';

/** A local time of day, 'HH:MM' (24 h). */
export function IsLocalTime() {
  return Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { context: { format: 'time' } });
}

/** A calendar day, 'YYYY-MM-DD'. */
export function IsDay(options: { each?: boolean } = {}) {
  return (target: object, key: string) => {
    IsCalendarDay(options)(target, key);
    Length(10, 10, options)(target, key);
  };
}

/** How a series repeats and ends; its days and times are in the network's time zone. */
export class SeriesRuleDto {
  @ApiProperty({ enum: SERIES_FREQUENCIES })
  @IsIn(SERIES_FREQUENCIES)
  frequency: SeriesFrequency;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    minimum: 1,
    maximum: 12,
    default: 1,
    description: 'Every N weeks or months',
  })
  @IsOptionalNullable()
  @IsInt()
  @Min(1)
  @Max(12)
  interval?: number | null;

  @ApiProperty({ enum: WEEKDAYS, isArray: true, description: 'Weekly: the days; monthly: one day' })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(7)
  @IsIn(WEEKDAYS, { each: true })
  weekdays: Weekday[];

  @ApiPropertyOptional({
    type: Number,
    enum: NTH_VALUES,
    nullable: true,
    description: 'Monthly: n-th weekday, -1 = last',
  })
  @IsOptionalNullable()
  @IsIn(NTH_VALUES)
  nth?: number | null;

  @ApiProperty({ example: '2027-01-12', description: 'The series starts on or after this day' })
  @IsDay()
  firstDay: string;

  @ApiProperty({ example: '10:00', description: 'Local start time (TIME_ZONE)' })
  @IsLocalTime()
  startTime: string;

  @ApiProperty({ example: '12:00', description: 'Local end time, the same day' })
  @IsLocalTime()
  endTime: string;

  @ApiPropertyOptional({
    type: String,
    example: '2027-12-31',
    nullable: true,
    description: 'Last day (or count)',
  })
  @IsOptionalNullable()
  @IsDay()
  until?: string | null;

  @ApiPropertyOptional({ type: Number, minimum: 1, maximum: MAX_OCCURRENCES, nullable: true })
  @IsOptionalNullable()
  @IsInt()
  @Min(1)
  @Max(MAX_OCCURRENCES)
  count?: number | null;

  @ApiPropertyOptional({ type: [String], example: ['2027-08-10'], description: 'Days left out' })
  @IsOptionalNullable()
  @IsArray()
  @ArrayMaxSize(MAX_OCCURRENCES)
  @IsDay({ each: true })
  skippedDays?: string[] | null;
}

/** A new series: the meeting's fields (without its instants) and the rule, side by side. */
export class CreateSeriesDto extends IntersectionType(
  OmitType(CreateMeetingDto, ['startsAt', 'endsAt'] as const),
  SeriesRuleDto,
) {}
