import type { DomainError } from '../../common/domain-errors';
import type { FieldError } from '../../common/validation';
import { formNumber, formText, type Form } from '../../common/web/forms';
import type { ViewService } from '../../common/web/view.service';
import { instantToLocal, shownLocalToInstant } from '../../common/calendar-days';
import type { Meeting } from '../meeting.entity';
import { MEETING_KINDS } from '../meeting-kinds';
import { fieldMessage } from './meeting-pages.kit';
import { repeatView, type RepeatForm } from '../series/pages/series-form';

/** The text fields of the meeting form, as typed. */
const MEETING_FIELDS = [
  'title',
  'kind',
  'description',
  'startDate',
  'startTime',
  'endDate',
  'endTime',
  'venueName',
  'venueAddress',
  'latitude',
  'longitude',
  'onlineUrl',
] as const;
export type MeetingForm = Record<(typeof MEETING_FIELDS)[number], string>;

export interface MeetingFormState {
  form: MeetingForm;
  errors?: FieldError[];
  refused?: DomainError;
  meetingId?: number;
  cancelled?: boolean;
  /** The "Répéter" fieldset (new meetings only, docs/meeting-series.md). */
  repeat?: RepeatForm;
}

/** The blank form of a new meeting (a network meeting by default). */
export function newMeetingForm(): MeetingForm {
  const form = Object.fromEntries(MEETING_FIELDS.map((f) => [f, ''])) as MeetingForm;
  form.kind = 'network-meeting';
  return form;
}

/** The form of a stored meeting: local dates and times in the agency's zone. */
export function meetingFormOf(meeting: Meeting, timeZone: string): MeetingForm {
  const start = instantToLocal(meeting.startsAt, timeZone);
  const end = instantToLocal(meeting.endsAt, timeZone);
  return {
    title: meeting.title,
    kind: meeting.kind,
    description: meeting.description ?? '',
    startDate: start.day,
    startTime: start.time,
    endDate: end.day === start.day ? '' : end.day,
    endTime: end.time,
    venueName: meeting.venueName ?? '',
    venueAddress: meeting.venueAddress ?? '',
    latitude: meeting.latitude === null ? '' : String(meeting.latitude),
    longitude: meeting.longitude === null ? '' : String(meeting.longitude),
    onlineUrl: meeting.onlineUrl ?? '',
  };
}

/** The form as posted. */
export function postedMeetingForm(body: Form): MeetingForm {
  return Object.fromEntries(MEETING_FIELDS.map((f) => [f, formText(body, f)])) as MeetingForm;
}

/** The form's local dates and times → the instants and types of the API's DTO. */
export function meetingFields(form: MeetingForm, timeZone: string): Form {
  const startsAt = shownLocalToInstant(form.startDate, form.startTime, timeZone);
  const endsAt = shownLocalToInstant(form.endDate || form.startDate, form.endTime, timeZone);
  return {
    title: form.title,
    kind: form.kind,
    description: form.description || null,
    startsAt: startsAt ? startsAt.toISOString() : 'invalid',
    endsAt: endsAt ? endsAt.toISOString() : 'invalid',
    venueName: form.venueName || null,
    venueAddress: form.venueAddress || null,
    latitude: formNumber(form.latitude, true),
    longitude: formNumber(form.longitude, true),
    onlineUrl: form.onlineUrl || null,
  };
}

/** The page model of the meeting form (new or edit), with the problems beside their fields. */
export function meetingFormView(views: ViewService, state: MeetingFormState, timeZone: string) {
  const errors = state.errors ?? [];
  const fieldErrors: Record<string, string> = {};
  for (const error of errors) {
    const field =
      error.field === 'startsAt' ? 'startDate' : error.field === 'endsAt' ? 'endTime' : error.field;
    fieldErrors[field] ??= state.refused
      ? views.errorText(state.refused)
      : fieldMessage(views, error.field);
  }
  const editing = state.meetingId !== undefined;
  return {
    title: editing
      ? views.text('meetingsPages.form.editTitle', { title: state.form.title })
      : views.text('meetingsPages.form.newTitle'),
    heading: editing
      ? views.text('meetingsPages.form.editHeading')
      : views.text('meetingsPages.form.newTitle'),
    action: editing ? `/meetings/${state.meetingId}/edit` : '/meetings',
    back: editing ? `/meetings/${state.meetingId}` : '/meetings',
    cancelled: state.cancelled,
    form: state.form,
    kinds: MEETING_KINDS.map((value) => ({
      value,
      label: views.text(`meetings.kind.${value}`),
      selected: value === state.form.kind,
    })),
    errors: [...new Set(Object.values(fieldErrors))],
    fieldErrors,
    timeZone,
    repeat: state.repeat ? repeatView(views, state.repeat) : undefined,
  };
}
