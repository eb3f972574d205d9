import { formText, formValues, type Form } from '../../../common/web/forms';
import type { ViewService } from '../../../common/web/view.service';
import { ATTENDANCE_STATUSES } from '../../meeting-kinds';
import { personName } from '../../pages/meeting-pages.kit';
import type { AttendeeResponse, InvitationResponse } from '../../meeting.mappers';
import type { MeetingDetail } from '../../meetings.service';

/** What the partner answered → the attendance preset on the check-in screen. */
const PRESET: Record<string, string> = {
  coming: 'present',
  excused: 'excused',
  'not-coming': 'absent',
};

export interface CheckInState {
  saved?: boolean;
  errors?: string[];
  posted?: Form;
}

/** A person on the check-in screen: a contact by id, someone else by name (stable between posts). */
function personKey(person: AttendeeResponse): string {
  return person.contactId !== null ? `c${person.contactId}` : `g${person.fullName}`;
}

/** The people a partner announced, then those recorded as present who were not announced. */
function peopleOf(invitation: InvitationResponse): AttendeeResponse[] {
  const same = (a: AttendeeResponse, b: AttendeeResponse) =>
    a.contactId !== null
      ? a.contactId === b.contactId
      : b.contactId === null && a.fullName === b.fullName;
  return [
    ...invitation.expected,
    ...invitation.present.filter((p) => !invitation.expected.some((e) => same(e, p))),
  ];
}

/**
 * The posted check-in form → the entries of the attendance DTO, as plain objects (validateForm
 * turns them into the DTO and checks them like the API does). Partners left blank are skipped.
 */
export function attendanceEntries(invitations: InvitationResponse[], body: Form): Form[] {
  const entries: Form[] = [];
  for (const invitation of invitations) {
    const status = formText(body, `status_${invitation.partnerId}`);
    if (!status) continue;
    const entry: Form = { partnerId: invitation.partnerId, status };
    if (status === 'present') {
      const contactIds: number[] = [];
      const guests: { fullName: string; replacesContactId?: number }[] = [];
      for (const value of formValues(body, `people_${invitation.partnerId}`)) {
        const person = peopleOf(invitation).find((p) => personKey(p) === value);
        if (!person) continue;
        if (person.contactId !== null) contactIds.push(person.contactId);
        else {
          guests.push({
            fullName: person.fullName,
            ...(person.replacesContactId !== null
              ? { replacesContactId: person.replacesContactId }
              : {}),
          });
        }
      }
      const extra = formText(body, `guest_${invitation.partnerId}`);
      if (extra) guests.push({ fullName: extra });
      if (contactIds.length) entry.contactIds = contactIds;
      if (guests.length) entry.guests = guests;
    }
    entries.push(entry);
  }
  return entries;
}

/** The page model of the check-in screen: a row per partner, preset from the answers. */
export function checkInView(
  views: ViewService,
  detail: MeetingDetail,
  state: CheckInState,
  now: Date,
) {
  const { meeting, counts, invitations } = detail;
  const posted = state.posted;
  const rows = invitations.map((invitation) => {
    const recorded = invitation.attendance !== null;
    const chosen = posted
      ? formText(posted, `status_${invitation.partnerId}`)
      : (invitation.attendance ?? PRESET[invitation.answer ?? ''] ?? '');
    const postedPeople = posted ? formValues(posted, `people_${invitation.partnerId}`) : [];
    const people = peopleOf(invitation).map((person, index) => {
      const wasPresent = invitation.present.some((p) =>
        person.contactId !== null
          ? p.contactId === person.contactId
          : p.contactId === null && p.fullName === person.fullName,
      );
      return {
        index,
        key: personKey(person),
        name: personName(views, person),
        checked: posted ? postedPeople.includes(personKey(person)) : recorded ? wasPresent : true,
      };
    });
    return {
      partnerId: invitation.partnerId,
      partnerName: invitation.partnerName,
      answer: invitation.answer
        ? views.text(`meetings.answer.${invitation.answer}`)
        : views.text('meetingsPages.hub.noAnswer'),
      note: invitation.answerNote,
      invited: invitation.invited,
      statuses: ATTENDANCE_STATUSES.map((value) => ({
        value,
        label: views.text(`meetings.attendance.${value}`),
        checked: chosen === value,
      })),
      people,
      guest: posted ? formText(posted, `guest_${invitation.partnerId}`) : '',
    };
  });
  const started = now.getTime() >= new Date(meeting.startsAt).getTime();
  return {
    title: views.text('meetingsPages.checkIn.title', { title: meeting.title }),
    meeting: { ...meeting, startsAtIso: meeting.startsAt },
    cancelled: meeting.status === 'cancelled',
    notStarted: !started,
    counts,
    rows,
    saved: state.saved,
    errors: state.errors ?? [],
  };
}
