import { fieldErrorMessages, type FormOutcome } from '../../common/web/forms';
import type { ViewService } from '../../common/web/view.service';
import type { AttendeeResponse } from '../meeting.mappers';

/**
 * The wording the staff pages of meetings share (form, hub, invitations, check-in, agenda): the
 * problems shown beside a form and a person's name. Reading the fields is common/web/forms.ts's.
 */

export function fieldMessage(views: ViewService, field: string): string {
  const message = views.textIfPresent(`meetingsPages.error.${field}`);
  return message ?? views.text('meetingsPages.error.other', { field });
}

/**
 * The messages of a form posted in vain: the broken rule's own, or one per field at fault (the
 * shared wording of forms, with the meetings pages' messages).
 */
export function problems(views: ViewService, outcome: FormOutcome<unknown> & { ok: false }) {
  if (outcome.refused) return [views.errorText(outcome.refused)];
  const wording = { text: (key: string) => views.textIfPresent(key), message: () => '' };
  const { list } = fieldErrorMessages(outcome.errors, wording, 'meetingsPages.error', (error) =>
    views.text('meetingsPages.error.other', { field: error.field }),
  );
  return [...new Set(list)];
}

export function personName(views: ViewService, a: AttendeeResponse): string {
  return a.replacesName
    ? views.text('meetingsPages.replaces', { name: a.fullName, replaced: a.replacesName })
    : a.fullName;
}
