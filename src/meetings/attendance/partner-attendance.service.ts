import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { Invitation } from '../invitations/invitation.entity';
import type { Answer, AttendanceStatus, MeetingStatus } from '../meeting-kinds';
import { partnerAttendanceCounts, partnerInvitationsPage } from './attendance.queries';

export interface PartnerMeetingRow {
  meetingId: number;
  title: string;
  startsAt: Date;
  status: MeetingStatus;
  invited: boolean;
  answer: Answer | null;
  attendance: AttendanceStatus | null;
}

export interface PartnerMeetings {
  items: PartnerMeetingRow[];
  /** Over all the partner's meetings, not only this page's. */
  totals: { meetings: number; present: number; excused: number; absent: number };
}

/**
 * One partner's meetings, most recent first, with its answer and recorded attendance
 * (present / excused / absent). Read-only, two queries whatever the number of meetings.
 * The partner page shows the latest ones; its "see all" page goes through them page by page.
 */
@Injectable()
export class PartnerAttendanceService {
  constructor(@InjectRepository(Invitation) private readonly invitations: Repository<Invitation>) {}

  recentOf(partnerId: number, limit = 10): Promise<PartnerMeetings> {
    return this.pageOf(partnerId, 1, limit);
  }

  /** One page of all the partner's meetings, most recent first (the "see all" list). */
  async pageOf(partnerId: number, page: number, pageSize: number): Promise<PartnerMeetings> {
    const [items, totals] = await Promise.all([
      this.rows(partnerId, pageSize, (page - 1) * pageSize),
      this.totalsOf(partnerId),
    ]);
    return { items, totals };
  }

  private async rows(partnerId: number, limit: number, offset: number) {
    const invitations = await partnerInvitationsPage(
      this.invitations.manager,
      partnerId,
      limit,
      offset,
    );
    return invitations.map((i): PartnerMeetingRow => ({
      meetingId: i.meetingId,
      title: i.meeting!.title,
      startsAt: i.meeting!.startsAt,
      status: i.meeting!.status,
      invited: i.invited,
      answer: i.answer,
      attendance: i.attendance,
    }));
  }

  private async totalsOf(partnerId: number) {
    const totals = await partnerAttendanceCounts(this.invitations.manager, partnerId);
    const n = (key: string) => Number(totals?.[key] ?? 0);
    return {
      meetings: n('meetings'),
      present: n('present'),
      excused: n('excused'),
      absent: n('absent'),
    };
  }
}
