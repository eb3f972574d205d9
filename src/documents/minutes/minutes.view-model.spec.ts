import type { AgendaItem } from '../../meetings/agenda/agenda-item.entity';
import type { Invitation } from '../../meetings/invitations/invitation.entity';
import type { InvitationAttendee } from '../../meetings/attendance/invitation-attendee.entity';
import type { Meeting } from '../../meetings/meeting.entity';
import type { MinutesDraft } from './minutes-draft.entity';
import { buildMinutesViewModel, MinutesRecord, sortPresenters } from './minutes.view-model';

const meeting = {
  id: 7,
  title: 'Plateforme',
  kind: 'network-meeting',
  status: 'held',
  startsAt: new Date('2026-03-12T08:30:00Z'),
  endsAt: new Date('2026-03-12T10:30:00Z'),
  venueName: 'Salle',
  venueAddress: null,
  onlineUrl: null,
} as Meeting;

let ids = 0;
function invitation(
  partner: string,
  fields: Partial<Invitation>,
  attendees: Array<Partial<InvitationAttendee>> = [],
): Invitation {
  ids += 1;
  return {
    id: ids,
    partnerId: ids,
    partner: { id: ids, name: partner },
    attendance: null,
    answer: null,
    attendees: attendees.map((a) => ({ phase: 'attendance', replacesName: null, ...a })),
    ...fields,
  } as Invitation;
}

function item(position: number, fields: Partial<AgendaItem> = {}): AgendaItem {
  ids += 1;
  return {
    id: ids,
    position,
    title: `Point ${position}`,
    kind: 'discussion',
    summary: null,
    decisions: null,
    ...fields,
  } as AgendaItem;
}

function record(overrides: Partial<MinutesRecord> = {}): MinutesRecord {
  return {
    meeting,
    invitations: [],
    agendaItems: [],
    draft: null,
    nextMeeting: null,
    ...overrides,
  };
}

describe('buildMinutesViewModel', () => {
  it('groups partners by attendance, alphabetically, with the people who came', () => {
    const model = buildMinutesViewModel(
      record({
        invitations: [
          invitation('Zèbre asbl', { attendance: 'present' }, [
            { fullName: 'Yves' },
            { fullName: 'Anne', replacesName: 'Paul' },
          ]),
          invitation('Écrin', { attendance: 'present' }, [
            { fullName: 'Annoncée', phase: 'answer' },
          ]),
          invitation('Abeille', { attendance: 'absent' }),
          invitation('Excusé d’avance', { attendance: null, answer: 'excused' }),
          invitation('Sans nouvelles', { attendance: null, answer: 'coming' }),
        ],
      }),
      'Compte rendu',
    );
    expect(model.attendance.present.map((p) => [p.partner, p.people])).toEqual([
      ['Écrin', [{ name: 'Annoncée', replaces: null }]],
      [
        'Zèbre asbl',
        [
          { name: 'Anne', replaces: 'Paul' },
          { name: 'Yves', replaces: null },
        ],
      ],
    ]);
    expect(model.attendance.presentPeople).toBe(3);
    expect(model.attendance.excused.map((p) => p.partner)).toEqual(['Excusé d’avance']);
    expect(model.attendance.absent.map((p) => p.partner)).toEqual(['Abeille']);
  });

  it('puts the agenda in order, the staff wording first, blank text as none', () => {
    const second = item(2, { summary: 'Du registre', decisions: '  ' });
    const first = item(1, {
      summary: 'Premier',
      presenterContact: {
        fullName: 'Léa',
        partner: { name: 'Forem' },
      } as AgendaItem['presenterContact'],
    });
    const draft = {
      introduction: '',
      conclusion: 'Fin',
      itemOverrides: { [String(second.id)]: { decisions: 'Décidé' } },
    } as unknown as MinutesDraft;
    const model = buildMinutesViewModel(record({ agendaItems: [second, first], draft }), 'CR');
    expect(model.agenda.map((i) => [i.title, i.summary, i.decisions, i.presenters])).toEqual([
      ['Point 1', 'Premier', null, [{ name: 'Léa', organisation: 'Forem' }]],
      ['Point 2', 'Du registre', 'Décidé', []],
    ]);
    expect(model.agenda[1].edited).toEqual({ summary: false, decisions: true });
    expect(model.introduction).toBeNull();
    expect(model.conclusion).toBe('Fin');
  });

  it('names the speaker and their organisation when no contact presents', () => {
    const withSpeaker = item(1, {
      speaker: {
        name: 'Dr Martin',
        organisationPartner: null,
        organisationName: 'Université',
      } as AgendaItem['speaker'],
    });
    const model = buildMinutesViewModel(record({ agendaItems: [withSpeaker] }), 'CR');
    expect(model.agenda[0].presenters).toEqual([{ name: 'Dr Martin', organisation: 'Université' }]);
  });

  it('lists a contact and a speaker by organisation, then name, with the theme presented', () => {
    const both = item(1, {
      theme: { title: 'Mobilité des jeunes' } as AgendaItem['theme'],
      presenterContact: {
        fullName: 'Marie Dupont',
        partner: { name: 'Mission locale de Lens' },
      } as AgendaItem['presenterContact'],
      speaker: {
        name: 'Anne Bernard',
        organisationPartner: { name: 'Forem' },
        organisationName: null,
      } as AgendaItem['speaker'],
    });
    const model = buildMinutesViewModel(record({ agendaItems: [both] }), 'CR');
    expect(model.agenda[0].theme).toBe('Mobilité des jeunes');
    expect(model.agenda[0].presenters).toEqual([
      { name: 'Anne Bernard', organisation: 'Forem' },
      { name: 'Marie Dupont', organisation: 'Mission locale de Lens' },
    ]);
  });

  it('sorts presenters by organisation accent-insensitively, those without one last', () => {
    expect(
      sortPresenters([
        { name: 'Zoé', organisation: null },
        { name: 'Paul', organisation: 'Équipe emploi' },
        { name: 'Bruno', organisation: 'Forem' },
        { name: 'Alice', organisation: 'équipe emploi' },
        { name: 'Adam', organisation: null },
      ]).map((p) => p.name),
    ).toEqual(['Alice', 'Paul', 'Bruno', 'Adam', 'Zoé']);
  });

  it('marks a published version with its number, date and address', () => {
    const draftModel = buildMinutesViewModel(record(), 'CR');
    expect([draftModel.version, draftModel.publishedAt, draftModel.url]).toEqual([
      null,
      null,
      null,
    ]);
    const published = buildMinutesViewModel(record(), 'CR', {
      version: 2,
      publishedAt: new Date('2026-03-20T10:00:00Z'),
      url: 'http://x/minutes/7/2',
    });
    expect(published).toMatchObject({
      version: 2,
      publishedAt: '2026-03-20T10:00:00.000Z',
      url: 'http://x/minutes/7/2',
    });
    expect(published.meeting).toMatchObject({ id: 7, startsAt: '2026-03-12T08:30:00.000Z' });
  });
});
