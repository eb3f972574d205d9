import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { PageQueryDto } from '../common/pagination';
import { PARTNER_KINDS, type PartnerKind } from '../partners/partner-kind';
import { MEETING_STATUSES, type MeetingStatus } from './meeting-kinds';

/** An empty form field ("from=") is no filter. */
const blankAsUndefined = () =>
  Transform(({ value }: { value: unknown }) => (value === '' ? undefined : value));

export const WHEN = ['upcoming', 'past', 'all'] as const;

/** Filters of the meetings page (GET form): calendar days, not instants. */
export class MeetingsPageQueryDto extends PageQueryDto {
  @IsOptional()
  @blankAsUndefined()
  @IsIn(WHEN)
  when?: (typeof WHEN)[number];

  @IsOptional()
  @blankAsUndefined()
  @IsIn(MEETING_STATUSES)
  status?: MeetingStatus;

  @IsOptional()
  @blankAsUndefined()
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  from?: string;

  @IsOptional()
  @blankAsUndefined()
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  to?: string;
}

export class CalendarQueryDto {
  @IsOptional()
  @blankAsUndefined()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/)
  month?: string;
}

export class InvitePageQueryDto {
  @IsOptional()
  @blankAsUndefined()
  @IsString()
  @MaxLength(200)
  q?: string;

  @IsOptional()
  @blankAsUndefined()
  @IsIn(PARTNER_KINDS)
  kind?: PartnerKind;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100000)
  page: number = 1;
}
