import { AgendaItem } from '../src/meetings/agenda/agenda-item.entity';
import { Theme } from '../src/themes/catalogue/theme.entity';
import { createContact, createPartner as createDirectoryPartner } from './support/partners';
import { pagesOf, signInWithForm, type BrowserSession } from './support/session';
import { createStaff, type Staff } from './support/staff';
import { createTestApp, type TestApp } from './support/test-app';
import {
  createMeeting,
  createPartner,
  createSpeaker,
  createTheme,
  fieldsOf,
  PLACES,
} from './support/themes';

/** The agenda's theme field and speakers booked onto the agenda, as staff use them. */
describe('agenda items, their themes and the speakers booked on them', () => {
  let t: TestApp;
  let staff: Staff;
  let session: BrowserSession;

  beforeAll(async () => {
    t = await createTestApp();
    staff = await createStaff(t, 'coordinator');
    session = await signInWithForm(t, staff.user.email, staff.password);
  });
  afterAll(() => t.close());
  beforeEach(() => t.clock.set('2026-03-02T09:00:00Z'));

  const get = (url: string, status = 200) => pagesOf(session).get(url, status);
  const post = (url: string, form: Record<string, unknown>, status: number) =>
    pagesOf(session).post(url, form, status);
  const items = (meetingId: number) =>
    t.dataSource
      .getRepository(AgendaItem)
      .find({ where: { meetingId }, order: { position: 'ASC' } });
  const themeRow = (id: number) => t.dataSource.getRepository(Theme).findOneByOrFail({ id });
  const ITEM = { kind: 'presentation', presenterContactId: '', plannedMinutes: '' };

  describe('the theme field of the agenda form', () => {
    it('links an existing theme by its title, whatever the case and accents', async () => {
      const theme = await createTheme(staff, { title: 'Mobilité des jeunes' });
      const meeting = await createMeeting(t);
      const page = await get(`/meetings/${meeting.id}/agenda`);
      expect(page.text).toContain('<option value="Mobilité des jeunes"></option>');
      expect(page.text).toContain('<label for="a-theme">Thème présenté</label>');

      await post(
        `/meetings/${meeting.id}/agenda`,
        { ...ITEM, title: 'Point mobilité', themeTitle: '  MOBILITE des  jeunes ' },
        303,
      );
      const [item] = await items(meeting.id);
      expect(item.themeId).toBe(theme.id);
      expect((await themeRow(theme.id)).status).toBe('scheduled');
      expect(
        await t.dataSource.getRepository(Theme).countBy({ title: 'Mobilité des jeunes' }),
      ).toBe(1);
      const hub = await get(`/meetings/${meeting.id}`);
      expect(hub.text).toContain(`Thème : <a href="/themes/${theme.id}">Mobilité des jeunes</a>`);

      // Editing shows the theme; clearing the field takes it off, and the theme is proposed again.
      const edit = await get(`/meetings/${meeting.id}/agenda?edit=${item.id}`);
      expect(edit.text).toContain('name="themeTitle" value="Mobilité des jeunes"');
      await post(
        `/meetings/${meeting.id}/agenda/${item.id}`,
        { ...ITEM, title: 'Point mobilité', themeTitle: '' },
        303,
      );
      expect((await items(meeting.id))[0].themeId).toBeNull();
      expect((await themeRow(theme.id)).status).toBe('proposed');
    });

    it('creates a proposed theme from a new title typed in the field', async () => {
      const meeting = await createMeeting(t);
      await post(
        `/meetings/${meeting.id}/agenda`,
        { ...ITEM, title: 'Logement', themeTitle: 'Logement des jeunes travailleurs' },
        303,
      );
      const [item] = await items(meeting.id);
      const created = await themeRow(item.themeId!);
      expect(created.title).toBe('Logement des jeunes travailleurs');
      expect(created.proposedByUserId).toBe(staff.user.id);
      // On an agenda already: scheduled.
      expect(created.status).toBe('scheduled');
    });

    it('refuses an archived theme and a title too long, in French, saving nothing', async () => {
      const old = await createTheme(staff, { title: 'Ancien thème' });
      await staff.api.post(`/api/themes/${old.id}/archive`).expect(200);
      const meeting = await createMeeting(t);
      const archived = await post(
        `/meetings/${meeting.id}/agenda`,
        { ...ITEM, title: 'Point', themeTitle: 'ancien theme' },
        422,
      );
      expect(archived.text).toContain('Le thème « Ancien thème » est archivé');
      const long = await post(
        `/meetings/${meeting.id}/agenda`,
        { ...ITEM, title: 'Point', themeTitle: 'x'.repeat(201) },
        422,
      );
      expect(long.text).toContain('Thème présenté : 200 caractères au plus.');
      expect(await items(meeting.id)).toHaveLength(0);
    });

    it('takes themeId or themeTitle through the API, not both', async () => {
      const theme = await createTheme(staff, { title: 'Numérique' });
      const meeting = await createMeeting(t);
      const created = await staff.api
        .post(`/api/meetings/${meeting.id}/agenda-items`)
        .send({ title: 'Numérique', kind: 'discussion', themeId: theme.id })
        .expect(201);
      expect(created.body).toMatchObject({ themeId: theme.id, themeTitle: 'Numérique' });
      const both = await staff.api
        .post(`/api/meetings/${meeting.id}/agenda-items`)
        .send({ title: 'X', kind: 'discussion', themeId: theme.id, themeTitle: 'Numérique' })
        .expect(422);
      expect(fieldsOf(both.body)).toContain('themeTitle');
      const unknown = await staff.api
        .post(`/api/meetings/${meeting.id}/agenda-items`)
        .send({ title: 'X', kind: 'discussion', themeId: 999999 })
        .expect(422);
      expect(fieldsOf(unknown.body)).toContain('themeId');
    });
  });

  describe('booking a speaker for a meeting', () => {
    it('adds an agenda item they present with the theme, once, and cancelling removes it', async () => {
      const theme = await createTheme(staff, { title: 'Insertion par l’activité économique' });
      const speaker = await createSpeaker(staff, {
        name: 'Paul Vidal',
        organisationName: 'Université de Lille',
        ...PLACES.roubaix,
      });
      const other = await createSpeaker(staff, { name: 'Léa Sans Thème' });
      const meeting = await createMeeting(t);
      const book = (speakerId: number, themeId: number | string, status = 303) =>
        post(
          `/meetings/${meeting.id}/speakers/book`,
          { speakerId: String(speakerId), themeId: String(themeId), agendaItemId: '' },
          status,
        );

      const booked = await book(speaker.id, theme.id);
      expect(booked.headers.location).toContain(`booked=${speaker.id}`);
      await book(speaker.id, theme.id);
      await book(other.id, '');
      const agenda = await items(meeting.id);
      expect(agenda.map((i) => [i.title, i.speakerId, i.themeId, i.kind])).toEqual([
        ['Insertion par l’activité économique', speaker.id, theme.id, 'presentation'],
        ['Léa Sans Thème', other.id, null, 'presentation'],
      ]);
      expect(agenda[0].speakerFeeCents).toBe(15000);
      expect(agenda[0].speakerTravelCents).not.toBeNull();
      expect((await themeRow(theme.id)).status).toBe('scheduled');

      const search = await get(`/meetings/${meeting.id}/speakers`);
      expect(search.text).toContain(`/meetings/${meeting.id}/speakers/${speaker.id}/unbook`);
      expect(search.text).toContain('Annuler la réservation de Paul Vidal');
      const hub = await get(`/meetings/${meeting.id}`);
      expect(hub.text).toContain('Paul Vidal (Université de Lille)');

      const cancelled = await post(
        `/meetings/${meeting.id}/speakers/${speaker.id}/unbook`,
        {},
        303,
      );
      expect(cancelled.headers.location).toContain(`unbooked=${speaker.id}`);
      expect((await items(meeting.id)).map((i) => [i.title, i.position])).toEqual([
        ['Léa Sans Thème', 1],
      ]);
      expect((await themeRow(theme.id)).status).toBe('proposed');
      const after = await get(`/meetings/${meeting.id}/speakers?unbooked=${speaker.id}`);
      expect(after.text).toContain('La réservation est annulée');

      const again = await post(`/meetings/${meeting.id}/speakers/${speaker.id}/unbook`, {}, 422);
      expect(again.text).toContain('Cet intervenant n’est pas programmé à cette réunion.');
    });

    it('keeps an item that holds more than the booking, and refuses once the meeting is past', async () => {
      const partner = await createDirectoryPartner(staff, { name: 'Mission locale de Lens' });
      const contact = await createContact(staff, partner.id, { fullName: 'Marie Dupont' });
      const speaker = await createSpeaker(staff, { name: 'Anne Bernard' });
      const meeting = await createMeeting(t);
      await post(
        `/meetings/${meeting.id}/speakers/book`,
        { speakerId: String(speaker.id), themeId: '', agendaItemId: '' },
        303,
      );
      const [item] = await items(meeting.id);
      await staff.api
        .patch(`/api/agenda-items/${item.id}`)
        .send({ presenterContactId: contact.id })
        .expect(200);
      await post(`/meetings/${meeting.id}/speakers/${speaker.id}/unbook`, {}, 303);
      const kept = await items(meeting.id);
      expect(kept.map((i) => [i.id, i.speakerId, i.presenterContactId])).toEqual([
        [item.id, null, contact.id],
      ]);

      await post(
        `/meetings/${meeting.id}/speakers/book`,
        { speakerId: String(speaker.id), themeId: '', agendaItemId: '' },
        303,
      );
      t.clock.set('2026-03-13T09:00:00Z');
      const past = await post(`/meetings/${meeting.id}/speakers/${speaker.id}/unbook`, {}, 422);
      expect(past.text).toContain('La réunion a déjà eu lieu');
      expect((await items(meeting.id)).some((i) => i.speakerId === speaker.id)).toBe(true);
    });

    it('refuses to book for a cancelled meeting, or an archived speaker', async () => {
      const speaker = await createSpeaker(staff, { name: 'Archivée' });
      const live = await createSpeaker(staff, { name: 'Disponible' });
      await staff.api.post(`/api/speakers/${speaker.id}/archive`).expect(200);
      const meeting = await createMeeting(t);
      const archived = await post(
        `/meetings/${meeting.id}/speakers/book`,
        { speakerId: String(speaker.id), themeId: '', agendaItemId: '' },
        422,
      );
      expect(archived.text).toContain('Cet intervenant n’existe pas ou est archivé');
      const cancelled = await createMeeting(t, { status: 'cancelled' });
      const refused = await post(
        `/meetings/${cancelled.id}/speakers/book`,
        { speakerId: String(live.id), themeId: '', agendaItemId: '' },
        422,
      );
      expect(refused.text).toContain('La réunion est annulée');
      expect(await items(cancelled.id)).toHaveLength(0);
    });
  });

  it('takes a speaker’s tags as themes: ticked, or typed (known ones linked, new ones proposed)', async () => {
    const known = await createTheme(staff, { title: 'Égalité professionnelle' });
    const form = await get('/speakers/new');
    expect(form.text).toContain('<label for="speaker-tags">Autres thèmes</label>');
    await post(
      '/speakers/new',
      { name: 'Nadia Tags', tags: 'egalite PROFESSIONNELLE, Économie circulaire', fee: '' },
      303,
    );
    const created = await t.dataSource
      .getRepository(Theme)
      .findOneByOrFail({ title: 'Économie circulaire' });
    expect(created.status).toBe('proposed');
    const byKnown = await staff.api.get(`/api/speakers?themeId=${known.id}`).expect(200);
    expect(byKnown.body.items.map((s: { name: string }) => s.name)).toEqual(['Nadia Tags']);
    const byNew = await get(`/speakers?themeId=${created.id}`);
    expect(byNew.text).toContain('Nadia Tags');
    const byTag = await staff.api.get('/api/speakers?tag=economie circulaire').expect(200);
    expect(byTag.body.items.map((s: { name: string }) => s.name)).toEqual(['Nadia Tags']);
    const long = await post('/speakers/new', { name: 'Trop long', tags: 'x'.repeat(201) }, 422);
    expect(long.text).toContain('Autres thèmes : chacun compte de 1 à 200 caractères');
  });

  it('shows the theme and the presenters by organisation on the minutes page', async () => {
    const partner = await createPartner(t, 'Mission locale de Liévin');
    const contact = await createContact(staff, partner.id, { fullName: 'Marie Dupont' });
    const theme = await createTheme(staff, { title: 'Clauses sociales' });
    const speaker = await createSpeaker(staff, {
      name: 'Anne Bernard',
      organisationName: 'Forem',
    });
    const meeting = await createMeeting(t);
    await post(
      `/meetings/${meeting.id}/speakers/book`,
      { speakerId: String(speaker.id), themeId: String(theme.id), agendaItemId: '' },
      303,
    );
    const [item] = await items(meeting.id);
    await staff.api
      .patch(`/api/agenda-items/${item.id}`)
      .send({ presenterContactId: contact.id })
      .expect(200);
    const page = await get(`/meetings/${meeting.id}/minutes`);
    expect(page.text).toContain(
      'Clauses sociales — Anne Bernard (Forem), Marie Dupont (Mission locale de Liévin)',
    );
    expect(page.text).toContain('Thème : Clauses sociales');
    const preview = await get(`/meetings/${meeting.id}/minutes/preview?format=text`);
    expect(preview.text).toContain(
      'Présenté par Anne Bernard (Forem), Marie Dupont (Mission locale de Liévin)',
    );
  });
});
