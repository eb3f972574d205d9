import { formText, formValues, type Form } from '../../../common/web/forms';
import type { ViewService } from '../../../common/web/view.service';
import type { InvitationResponse } from '../../meeting.mappers';
import type { MeetingDetail } from '../../meetings.service';
import type { ScanSummary } from '../../sign-in/sign-in-scans.queries';
import type { SignInSheet } from '../../sign-in/sign-in-sheet.service';
import { DEFAULT_BLANK_LINES, MAX_BLANK_LINES } from '../sign-in-sheet.document';

/** Empty walk-in lines offered below the sheet's people. */
export const WALK_IN_LINES = 3;

export interface SignInState {
  saved?: boolean;
  uploaded?: boolean;
  deleted?: boolean;
  errors?: string[];
  scanErrors?: string[];
  posted?: Form;
}

/** A person recorded as present who is not a contact (a walk-in), as a pre-filled line. */
interface WalkIn {
  fullName: string;
  partnerId: number;
  replacesContactId: number | null;
}

/** The walk-ins already recorded for the sheet's partners (kept unless their line is cleared). */
function walkInsOf(detail: MeetingDetail, sheet: SignInSheet): WalkIn[] {
  const onSheet = new Set(sheet.partners.map((p) => p.id));
  return detail.invitations
    .filter((i) => onSheet.has(i.partnerId))
    .flatMap((i) =>
      i.present
        .filter((p) => p.contactId === null)
        .map((p) => ({
          fullName: p.fullName,
          partnerId: i.partnerId,
          replacesContactId: p.replacesContactId,
        })),
    );
}

/** The posted walk-in lines: name, organisation, the contact replaced (kept from a recorded one). */
function postedWalkIns(
  body: Form,
): Array<{ index: number; walkIn: Partial<WalkIn> & { partner: string } }> {
  const count = Math.min(Number(formText(body, 'walkIns')) || 0, 200);
  return Array.from({ length: count }, (_, index) => {
    const replaces = Number(formText(body, `walkInReplaces_${index}`));
    return {
      index,
      walkIn: {
        fullName: formText(body, `walkInName_${index}`),
        partner: formText(body, `walkInPartner_${index}`),
        replacesContactId: Number.isInteger(replaces) && replaces > 0 ? replaces : null,
      },
    };
  });
}

/**
 * The posted quick screen → the entries of the attendance DTO, for every partner on the sheet: a
 * partner with a ticked contact or a walk-in is present with them; one with nobody stays excused
 * if it was recorded or answered so, else absent. The attendance service checks the rest (that
 * the contacts are the partner's, the names' length) as it does for the API.
 */
export function sheetAttendance(
  detail: MeetingDetail,
  sheet: SignInSheet,
  body: Form,
): { entries: Form[]; walkInProblems: number[] } {
  const ticked = new Set(formValues(body, 'present').map(Number));
  const invitationOf = new Map(detail.invitations.map((i) => [i.partnerId, i]));
  const contactsOf = new Map<number, number[]>();
  for (const line of sheet.lines) {
    if (!ticked.has(line.contactId)) continue;
    contactsOf.set(line.partnerId, [...(contactsOf.get(line.partnerId) ?? []), line.contactId]);
  }
  const onSheet = new Set(sheet.partners.map((p) => p.id));
  const lineContacts = new Map(sheet.lines.map((l) => [l.contactId, l.partnerId]));
  const guestsOf = new Map<number, Form[]>();
  const walkInProblems: number[] = [];
  for (const { index, walkIn } of postedWalkIns(body)) {
    // A line without a name is empty, whatever its organisation: clearing the name removes it.
    if (!walkIn.fullName) continue;
    const partnerId = Number(walkIn.partner);
    if (!onSheet.has(partnerId)) {
      walkInProblems.push(index + 1);
      continue;
    }
    const replaces =
      walkIn.replacesContactId && lineContacts.get(walkIn.replacesContactId) === partnerId
        ? { replacesContactId: walkIn.replacesContactId }
        : {};
    guestsOf.set(partnerId, [
      ...(guestsOf.get(partnerId) ?? []),
      { fullName: walkIn.fullName, ...replaces },
    ]);
  }
  const entries = sheet.partners.map((partner): Form => {
    const contactIds = contactsOf.get(partner.id) ?? [];
    const guests = guestsOf.get(partner.id) ?? [];
    if (contactIds.length || guests.length) {
      return {
        partnerId: partner.id,
        status: 'present',
        ...(contactIds.length ? { contactIds } : {}),
        ...(guests.length ? { guests } : {}),
      };
    }
    return {
      partnerId: partner.id,
      status: excused(invitationOf.get(partner.id)) ? 'excused' : 'absent',
    };
  });
  return { entries, walkInProblems };
}

function excused(invitation: InvitationResponse | undefined): boolean {
  if (!invitation) return false;
  return invitation.attendance !== null
    ? invitation.attendance === 'excused'
    : invitation.answer === 'excused';
}

/** The page model of the sign-in screen: the sheet, the quick attendance form, the scans. */
export function signInView(
  views: ViewService,
  detail: MeetingDetail,
  sheet: SignInSheet,
  scans: ScanSummary[],
  state: SignInState,
  now: Date,
  maxMegabytes: number,
) {
  const { meeting, counts } = detail;
  const posted = state.posted;
  const presentOf = new Map(
    detail.invitations.map((i) => [
      i.partnerId,
      new Set(i.present.flatMap((p) => (p.contactId === null ? [] : [p.contactId]))),
    ]),
  );
  const ticked = posted ? new Set(formValues(posted, 'present').map(Number)) : undefined;
  const lines = sheet.lines.map((line, index) => ({
    ...line,
    jobTitle: line.jobTitle ?? '',
    first: index === 0,
    checked: ticked
      ? ticked.has(line.contactId)
      : !!presentOf.get(line.partnerId)?.has(line.contactId),
  }));
  const recorded = posted
    ? postedWalkIns(posted).map(({ walkIn }) => ({
        fullName: walkIn.fullName ?? '',
        partnerId: Number(walkIn.partner) || 0,
        replacesContactId: walkIn.replacesContactId ?? null,
      }))
    : walkInsOf(detail, sheet);
  const walkIns = [
    ...recorded,
    ...Array.from({ length: WALK_IN_LINES }, () => ({
      fullName: '',
      partnerId: 0,
      replacesContactId: null,
    })),
  ].map((walkIn, index) => ({
    index,
    number: index + 1,
    fullName: walkIn.fullName,
    replacesContactId: walkIn.replacesContactId,
    partners: sheet.partners.map((p) => ({ ...p, selected: p.id === walkIn.partnerId })),
  }));
  const started = now.getTime() >= new Date(meeting.startsAt).getTime();
  return {
    title: views.text('signIn.page.title', { title: meeting.title }),
    meeting: { ...meeting, startsAtIso: meeting.startsAt },
    notStarted: !started,
    counts,
    lines,
    walkIns,
    walkInCount: walkIns.length,
    hasPartners: sheet.partners.length > 0,
    blankDefault: DEFAULT_BLANK_LINES,
    blankMax: MAX_BLANK_LINES,
    maxMegabytes,
    scans: scans.map((scan) => scanView(views, scan, meeting.id)),
    saved: state.saved,
    uploaded: state.uploaded,
    deleted: state.deleted,
    errors: state.errors ?? [],
    scanErrors: state.scanErrors ?? [],
  };
}

/** A scan as the pages list it: name, who, when, size and type. */
export function scanView(views: ViewService, scan: ScanSummary, meetingId: number) {
  return {
    id: scan.id,
    fileName: scan.fileName,
    uploadedByName: scan.uploadedByName,
    uploadedAt: scan.uploadedAt,
    size: views.text('signIn.scans.size', {
      kilobytes: Math.max(1, Math.round(scan.sizeBytes / 1024)),
    }),
    kind: views.text(`signIn.scans.kind.${scan.kind}`),
    href: `/meetings/${meetingId}/sign-in/scans/${scan.id}`,
  };
}
