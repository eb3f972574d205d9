import { registerValueLabels } from '../i18n/value-labels';

/** Kinds of meeting the agency runs (réunion de réseau, groupe de travail, commission, événement). */
export const MEETING_KINDS = ['network-meeting', 'working-group', 'commission', 'event'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];
registerValueLabels(MEETING_KINDS, 'meetings.kind');

/** planned → held → closed, or cancelled (with a reason) while planned. */
export const MEETING_STATUSES = ['planned', 'held', 'closed', 'cancelled'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];
registerValueLabels(MEETING_STATUSES, 'meetings.status');

/** What a partner answers through its personal link. */
export const ANSWERS = ['coming', 'excused', 'not-coming'] as const;
export type Answer = (typeof ANSWERS)[number];
registerValueLabels(ANSWERS, 'meetings.answer');

/** What the organiser records after the meeting. */
export const ATTENDANCE_STATUSES = ['present', 'excused', 'absent'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];
registerValueLabels(ATTENDANCE_STATUSES, 'meetings.attendance');

export const AGENDA_ITEM_KINDS = [
  'presentation',
  'round-of-news',
  'project-review',
  'discussion',
  'other',
] as const;
export type AgendaItemKind = (typeof AGENDA_ITEM_KINDS)[number];
registerValueLabels(AGENDA_ITEM_KINDS, 'meetingsPages.agendaKind');
