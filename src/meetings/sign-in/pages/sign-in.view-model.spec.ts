import type { InvitationResponse } from '../../meeting.mappers';
import type { MeetingDetail } from '../../meetings.service';
import type { SignInSheet } from '../sign-in-sheet.service';
import { sheetAttendance } from './sign-in.view-model';

/** An invitation as MeetingsService.detail gives it, with only what the rules read. */
function invitation(partnerId: number, fields: Partial<InvitationResponse>): InvitationResponse {
  return {
    id: partnerId * 10,
    partnerId,
    partnerName: `P${partnerId}`,
    invited: true,
    answer: null,
    answeredAt: null,
    answerNote: null,
    expected: [],
    attendance: null,
    present: [],
    ...fields,
  };
}

const line = (number: number, contactId: number, partnerId: number) => ({
  number,
  contactId,
  fullName: `C${contactId}`,
  jobTitle: null,
  partnerId,
  partnerName: `P${partnerId}`,
});

// Partner 1: contacts 11 and 12; partner 2 (answered excused): 21; partner 3 (recorded excused
// at check-in, answered nothing): 31; partner 4: no contacts; partner 5, invited, inactive now.
const sheet = {
  meeting: {},
  lines: [line(1, 11, 1), line(2, 12, 1), line(3, 21, 2), line(4, 31, 3)],
  partners: [1, 2, 3, 4].map((id) => ({ id, name: `P${id}` })),
} as unknown as SignInSheet;

const detail = (invitations: InvitationResponse[]) => ({ invitations }) as MeetingDetail;

describe('sheetAttendance (the quick sign-in screen → the attendance sheet)', () => {
  const invitations = [
    invitation(1, {}),
    invitation(2, { answer: 'excused' }),
    invitation(3, { attendance: 'excused' }),
    invitation(4, { answer: 'coming' }),
    invitation(5, {}),
  ];

  it('makes a partner with a ticked contact present with them, the others excused or absent', () => {
    const { entries, walkInProblems } = sheetAttendance(detail(invitations), sheet, {
      present: ['12', '99', '21'],
      walkIns: '0',
    });
    expect(walkInProblems).toEqual([]);
    expect(entries).toEqual([
      { partnerId: 1, status: 'present', contactIds: [12] },
      { partnerId: 2, status: 'present', contactIds: [21] },
      { partnerId: 3, status: 'excused' },
      { partnerId: 4, status: 'absent' },
    ]);
  });

  it('keeps excused only as answered or recorded: a recorded attendance wins over the answer', () => {
    const recorded = [invitation(2, { answer: 'excused', attendance: 'absent' })];
    const { entries } = sheetAttendance(detail(recorded), sheet, { walkIns: '0' });
    expect(entries.map((e) => e.status)).toEqual(['absent', 'absent', 'absent', 'absent']);
  });

  it('adds walk-ins to their partner, keeps the contact they replace, skips lines without a name', () => {
    const { entries, walkInProblems } = sheetAttendance(detail(invitations), sheet, {
      walkIns: '4',
      walkInName_0: 'Jeanne',
      walkInPartner_0: '4',
      walkInName_1: '',
      walkInPartner_1: '1',
      walkInName_2: 'Paul',
      walkInPartner_2: '1',
      walkInReplaces_2: '11',
      walkInName_3: 'Rémi',
      walkInPartner_3: '1',
      walkInReplaces_3: '21', // not a contact of partner 1: dropped, not sent to the service
    });
    expect(walkInProblems).toEqual([]);
    expect(entries[0]).toEqual({
      partnerId: 1,
      status: 'present',
      guests: [{ fullName: 'Paul', replacesContactId: 11 }, { fullName: 'Rémi' }],
    });
    expect(entries[3]).toEqual({
      partnerId: 4,
      status: 'present',
      guests: [{ fullName: 'Jeanne' }],
    });
  });

  it('names the walk-in lines whose organisation is missing or not on the sheet', () => {
    const { walkInProblems } = sheetAttendance(detail(invitations), sheet, {
      walkIns: '3',
      walkInName_0: 'Sans organisation',
      walkInName_1: 'Partenaire inactif',
      walkInPartner_1: '5',
      walkInName_2: 'Texte',
      walkInPartner_2: 'abc',
    });
    expect(walkInProblems).toEqual([1, 2, 3]);
  });
});
