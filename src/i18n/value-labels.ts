import { ROLES } from '../auth/user';
import { OUTBOX_STATUSES } from '../mail/outbox-message';
import {
  AGENDA_ITEM_KINDS,
  ANSWERS,
  ATTENDANCE_STATUSES,
  MEETING_KINDS,
  MEETING_STATUSES,
} from '../meetings/meeting-kinds';
import { PARTNER_KINDS } from '../partners/partner-kind';
import { PROJECT_STATUSES } from '../projects/project-status';

/**
 * The catalogue prefix of the app's labels for each set of coded values, so that an error can
 * list the accepted values with their labels ("agency (Agence)"). A set of values a DTO accepts
 * takes the labels of the first list holding all of them.
 */
const LABELLED: [readonly string[], string][] = [
  [PARTNER_KINDS, 'partnersPages.kind'],
  [PROJECT_STATUSES, 'projectsPages.status'],
  [MEETING_KINDS, 'meetings.kind'],
  [MEETING_STATUSES, 'meetings.status'],
  [ANSWERS, 'meetings.answer'],
  [ATTENDANCE_STATUSES, 'meetings.attendance'],
  [AGENDA_ITEM_KINDS, 'meetingsPages.agendaKind'],
  [ROLES, 'adminPages.role'],
  [OUTBOX_STATUSES, 'outbox.status'],
];

/** The label prefix of these values (`<prefix>.<value>` in the catalogues), or undefined. */
export function labelPrefixOf(values: readonly unknown[]): string | undefined {
  return LABELLED.find(([known]) => values.every((value) => known.includes(value as string)))?.[1];
}

/** Every label key the lists above need (the catalogue test checks both languages have them). */
export function labelKeys(): string[] {
  return LABELLED.flatMap(([values, prefix]) => values.map((value) => `${prefix}.${value}`));
}
