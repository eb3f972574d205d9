import { IsIn, IsString, MaxLength } from 'class-validator';
import {
  BlankAsUndefined,
  IsCalendarDay,
  IsCalendarMonth,
  IsOptionalNotNull,
} from '../../common/dto-rules';
import { PageNumber, PageQueryDto } from '../../common/pagination';
import { PARTNER_KINDS, type PartnerKind } from '../../partners/partner-kind';
import { MEETING_STATUSES, type MeetingStatus } from '../meeting-kinds';

/** to-close: meetings that have ended, neither closed nor cancelled. */
export const WHEN = ['upcoming', 'past', 'to-close', 'all'] as const;

/** Filters of the meetings page (GET form): calendar days, not instants. */
export class MeetingsPageQueryDto extends PageQueryDto {
  @IsOptionalNotNull()
  @BlankAsUndefined()
  @IsIn(WHEN)
  when?: (typeof WHEN)[number];

  @IsOptionalNotNull()
  @BlankAsUndefined()
  @IsIn(MEETING_STATUSES)
  status?: MeetingStatus;

  @IsOptionalNotNull()
  @BlankAsUndefined()
  @IsCalendarDay()
  from?: string;

  @IsOptionalNotNull()
  @BlankAsUndefined()
  @IsCalendarDay()
  to?: string;
}

export class CalendarQueryDto {
  @IsOptionalNotNull()
  @BlankAsUndefined()
  @IsCalendarMonth()
  month?: string;
}

export class InvitePageQueryDto {
  @IsOptionalNotNull()
  @BlankAsUndefined()
  @IsString()
  @MaxLength(200)
  q?: string;

  @IsOptionalNotNull()
  @BlankAsUndefined()
  @IsIn(PARTNER_KINDS)
  kind?: PartnerKind;

  @PageNumber()
  page: number = 1;
}
