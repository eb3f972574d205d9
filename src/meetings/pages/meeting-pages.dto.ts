import { Transform } from 'class-transformer';
import { IsIn, IsString, Matches, MaxLength } from 'class-validator';
import { IsOptionalNotNull } from '../../common/dto-rules';
import { PageNumber, PageQueryDto } from '../../common/pagination';
import { PARTNER_KINDS, type PartnerKind } from '../../partners/partner-kind';
import { MEETING_STATUSES, type MeetingStatus } from '../meeting-kinds';

/** An empty form field ("from=") is no filter. */
const blankAsUndefined = () =>
  Transform(({ value }: { value: unknown }) => (value === '' ? undefined : value));

/** to-close: meetings that have ended, neither closed nor cancelled. */
export const WHEN = ['upcoming', 'past', 'to-close', 'all'] as const;

/** Filters of the meetings page (GET form): calendar days, not instants. */
export class MeetingsPageQueryDto extends PageQueryDto {
  @IsOptionalNotNull()
  @blankAsUndefined()
  @IsIn(WHEN)
  when?: (typeof WHEN)[number];

  @IsOptionalNotNull()
  @blankAsUndefined()
  @IsIn(MEETING_STATUSES)
  status?: MeetingStatus;

  @IsOptionalNotNull()
  @blankAsUndefined()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { context: { format: 'day' } })
  from?: string;

  @IsOptionalNotNull()
  @blankAsUndefined()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { context: { format: 'day' } })
  to?: string;
}

export class CalendarQueryDto {
  @IsOptionalNotNull()
  @blankAsUndefined()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { context: { format: 'month' } })
  month?: string;
}

export class InvitePageQueryDto {
  @IsOptionalNotNull()
  @blankAsUndefined()
  @IsString()
  @MaxLength(200)
  q?: string;

  @IsOptionalNotNull()
  @blankAsUndefined()
  @IsIn(PARTNER_KINDS)
  kind?: PartnerKind;

  @PageNumber()
  page: number = 1;
}
