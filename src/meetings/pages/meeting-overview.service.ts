import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { PartnersQueries } from '../../partners/partners.queries';
import { Invitation } from '../invitations/invitation.entity';
import { Meeting } from '../meeting.entity';
import { MeetingResponse, toMeetingResponse } from '../meeting.mappers';
import { invitedPartnerRows } from '../invitations/invitations.queries';
import { answerCountRows, meetingsStartingBetween } from './meeting-overview.queries';

export interface AnswerCounts {
  invited: number;
  coming: number;
  excused: number;
  notComing: number;
  noAnswer: number;
}

export interface PresenterChoice {
  partnerName: string;
  contacts: { id: number; fullName: string }[];
}

/**
 * Read models of the staff pages that the API does not need: answer counts of many meetings at
 * once, a month of meetings, the contacts that can present an agenda item. Each one query.
 */
@Injectable()
export class MeetingOverviewService {
  constructor(
    @InjectRepository(Meeting) private readonly meetings: Repository<Meeting>,
    @InjectRepository(Invitation) private readonly invitations: Repository<Invitation>,
    private readonly partners: PartnersQueries,
  ) {}

  /** Answers of the invited partners of each meeting: one grouped query. */
  async answerCounts(meetingIds: number[]): Promise<Map<number, AnswerCounts>> {
    const counts = new Map<number, AnswerCounts>();
    if (meetingIds.length === 0) return counts;
    const rows = await answerCountRows(this.invitations.manager, meetingIds);
    for (const id of meetingIds) {
      counts.set(id, { invited: 0, coming: 0, excused: 0, notComing: 0, noAnswer: 0 });
    }
    for (const row of rows) {
      const count = counts.get(Number(row.meeting_id));
      if (!count) continue;
      const n = Number(row.n);
      count.invited += n;
      if (row.answer === 'coming') count.coming += n;
      else if (row.answer === 'excused') count.excused += n;
      else if (row.answer === 'not-coming') count.notComing += n;
      else count.noAnswer += n;
    }
    return counts;
  }

  /** Every meeting starting in [from, to), cancelled ones included, in order: one query. */
  async startingBetween(from: Date, to: Date): Promise<MeetingResponse[]> {
    const rows = await meetingsStartingBetween(this.meetings.manager, from, to);
    return rows.map(toMeetingResponse);
  }

  /** Partners already invited to the meeting (ids): one query. */
  async invitedPartnerIds(meetingId: number): Promise<Set<number>> {
    const rows = await invitedPartnerRows(this.invitations.manager, meetingId);
    return new Set(rows.map((r) => r.partnerId));
  }

  /** Contacts of the active partners, grouped by partner, for the presenter choice: one query. */
  async presenterChoices(): Promise<PresenterChoice[]> {
    const rows = await this.partners.contactsOfActivePartners();
    const groups: PresenterChoice[] = [];
    let last: number | undefined;
    for (const row of rows) {
      if (row.partnerId !== last) {
        groups.push({ partnerName: row.partnerName, contacts: [] });
        last = row.partnerId;
      }
      groups[groups.length - 1].contacts.push({ id: row.id, fullName: row.fullName });
    }
    return groups;
  }
}
