import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { rawDate } from '../database/raw-values';
import type { ErasureSubject } from '../common/erasure';
import { replaceTextIn, sql } from '../database/sql';
import type { Answer, AttendanceStatus } from './meeting-kinds';

type RawTime = string | Date | null;
type RawValue = string | number | boolean | Date | null;

/** A meeting where a person is named: in their organisation's answer, on the attendance. */
export interface PersonalMeeting {
  meetingId: number;
  title: string;
  startsAt: Date;
  /** Their organisation's answer and attendance (the invitation is the organisation's). */
  partnerAnswer: Answer | null;
  partnerAttendance: AttendanceStatus | null;
  /** Named in the answer as coming. */
  announced: boolean;
  /** Recorded present. */
  present: boolean;
  /** The person they stood in for, or who stood in for them. */
  replaces: string | null;
}

/** An agenda item a person presents. */
export interface PersonalAgendaItem {
  meetingId: number;
  meetingTitle: string;
  startsAt: Date;
  title: string;
}

/**
 * The meetings' part of a person's rights (docs/personal-data.md): where a contact is named
 * (answers, attendance, agenda items they present) in two statements, the attendance proof rule's
 * question, and the erasure of their name from attendees and answers.
 */
@Injectable()
export class MeetingPersonalData {
  constructor(private readonly dataSource: DataSource) {}

  async personalDataOf(
    contactId: number,
  ): Promise<{ meetings: PersonalMeeting[]; agendaItems: PersonalAgendaItem[] }> {
    const manager = this.dataSource.manager;
    const rows = await sql<Record<string, RawValue>>(
      manager,
      `SELECT m.id AS meeting_id, m.title, m.starts_at, i.answer, i.attendance, a.phase,
              a.contact_id, a.full_name, a.replaces_name
         FROM invitation_attendees a
         JOIN invitations i ON i.id = a.invitation_id
         JOIN meetings m ON m.id = i.meeting_id
        WHERE a.contact_id = ? OR a.replaces_contact_id = ?
        ORDER BY m.starts_at, m.id, a.phase`,
      [contactId, contactId],
    );
    const meetings = new Map<number, PersonalMeeting>();
    for (const row of rows) {
      const id = Number(row.meeting_id);
      const meeting = meetings.get(id) ?? {
        meetingId: id,
        title: String(row.title),
        startsAt: rawDate(row.starts_at as RawTime) ?? new Date(0),
        partnerAnswer: (row.answer as Answer | null) ?? null,
        partnerAttendance: (row.attendance as AttendanceStatus | null) ?? null,
        announced: false,
        present: false,
        replaces: null,
      };
      const theirs = Number(row.contact_id) === contactId;
      if (theirs && row.phase === 'answer') meeting.announced = true;
      if (theirs && row.phase === 'attendance') meeting.present = true;
      if (theirs && row.replaces_name) meeting.replaces = String(row.replaces_name);
      if (!theirs) meeting.replaces = String(row.full_name);
      meetings.set(id, meeting);
    }
    const items = await sql<Record<string, RawValue>>(
      manager,
      `SELECT m.id AS meeting_id, m.title AS meeting_title, m.starts_at, ai.title
         FROM agenda_items ai JOIN meetings m ON m.id = ai.meeting_id
        WHERE ai.presenter_contact_id = ? ORDER BY m.starts_at, ai.id`,
      [contactId],
    );
    return {
      meetings: [...meetings.values()],
      agendaItems: items.map((row) => ({
        meetingId: Number(row.meeting_id),
        meetingTitle: String(row.meeting_title),
        startsAt: rawDate(row.starts_at as RawTime) ?? new Date(0),
        title: String(row.title),
      })),
    };
  }

  /** The start of the latest meeting since `since` where the contact is recorded present. */
  async presentSince(manager: EntityManager, contactId: number, since: Date): Promise<Date | null> {
    const rows = await sql<{ starts_at: RawTime }>(
      manager,
      `SELECT m.starts_at FROM invitation_attendees a
         JOIN invitations i ON i.id = a.invitation_id
         JOIN meetings m ON m.id = i.meeting_id
        WHERE a.contact_id = ? AND a.phase = 'attendance' AND m.starts_at >= ?
        ORDER BY m.starts_at DESC LIMIT 1`,
      [contactId, since],
    );
    return rows.length ? rawDate(rows[0].starts_at) : null;
  }

  /**
   * The person's attendee rows keep their place (the counts stay) under the label; the name of
   * the person they stood in for (or who stood in for them) goes; their name is replaced in the
   * answers' notes, the agenda's texts and the meetings' descriptions. Signed scans are kept as
   * uploaded (docs/personal-data.md).
   */
  async eraseIn(manager: EntityManager, subject: ErasureSubject): Promise<void> {
    await sql(manager, `UPDATE invitation_attendees SET full_name = ? WHERE contact_id = ?`, [
      subject.label,
      subject.contactId,
    ]);
    await sql(
      manager,
      `UPDATE invitation_attendees SET replaces_name = ? WHERE replaces_contact_id = ?`,
      [subject.label, subject.contactId],
    );
    const pairs = subject.replacements;
    await replaceTextIn(manager, 'invitation_attendees', ['full_name', 'replaces_name'], pairs);
    await replaceTextIn(manager, 'invitations', ['answer_note'], pairs);
    await replaceTextIn(manager, 'agenda_items', ['title', 'summary', 'decisions'], pairs);
    await replaceTextIn(manager, 'meetings', ['description', 'cancel_reason'], pairs);
  }
}
