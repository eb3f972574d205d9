import { Speaker } from '../src/themes/speakers/speaker.entity';
import { Theme } from '../src/themes/catalogue/theme.entity';
import { signInWithForm, type BrowserSession } from './support/session';
import { createStaff, type Staff } from './support/staff';
import { createTestApp, type TestApp } from './support/test-app';
import {
  createAgendaItem,
  createMeeting,
  createPartner,
  createSpeaker,
  createTheme,
  PLACES,
} from './support/themes';

describe('themes and speakers pages', () => {
  let t: TestApp;
  let staff: Staff;
  let session: BrowserSession;

  beforeAll(async () => {
    t = await createTestApp({ now: '2026-02-01T10:00:00Z' });
    staff = await createStaff(t, 'coordinator');
    session = await signInWithForm(t, staff.user.email, staff.password);
  });
  afterAll(() => t.close());

  const html = (url: string) => staff.api.get(url).set('Accept', 'text/html');
  const post = (url: string, body: Record<string, unknown>) =>
    session.agent
      .post(url)
      .type('form')
      .set('Accept', 'text/html')
      .send({ _csrf: session.csrfToken, ...body });

  describe('themes backlog', () => {
    it('lists themes with their status, interest counts, most requested and stale lists', async () => {
      const popular = await createTheme(staff, { title: 'Clauses sociales <script>' });
      const quiet = await createTheme(staff, { title: 'Mobilité des jeunes' });
      const a = await createPartner(t, 'Mission locale Lille');
      const b = await createPartner(t, 'PLIE Roubaix');
      for (const partner of [a, b])
        await staff.api
          .post(`/api/themes/${popular.id}/interest`)
          .send({ partnerId: partner.id })
          .expect(200);
      const old = await createTheme(staff, { title: 'Garde d’enfants' });
      await t.dataSource
        .getRepository(Theme)
        .update(old.id, { status: 'presented', lastPresentedAt: new Date('2024-05-01T09:00:00Z') });

      const page = await html('/themes').expect(200);
      expect(page.text).toContain('<h1>Thèmes</h1>');
      expect(page.text).toContain('Clauses sociales &lt;script&gt;');
      expect(page.text).not.toContain('Clauses sociales <script>');
      expect(page.text).toContain('Mobilité des jeunes');
      const mostRequested = section(page.text, 'most-requested-title');
      expect(mostRequested).toContain('2 partenaires intéressés');
      expect(mostRequested).not.toContain('Mobilité');
      expect(section(page.text, 'stale-title')).toContain('Garde d’enfants');
      expect(page.text).toContain('Présenté');
      expect(page.text).toContain('Proposé');

      const proposed = await html('/themes?status=presented').expect(200);
      expect(proposed.text).toContain('Garde d’enfants');
      expect(proposed.text).not.toContain(`/themes/${quiet.id}"`);
    });

    it('answers 422 for a bad filter', async () => {
      const page = await html('/themes?status=nonsense').expect(422);
      expect(page.text).toContain('role="alert"');
    });

    it('creates a theme through the form and refuses an empty title with 422', async () => {
      const form = await session.agent.get('/themes/new').set('Accept', 'text/html').expect(200);
      expect(form.text).toContain('name="title"');

      const before = await t.dataSource.getRepository(Theme).count();
      const invalid = await post('/themes/new', { title: '   ', tags: 'a' }).expect(422);
      expect(invalid.text).toContain('Indiquez un titre');
      expect(invalid.text).toContain('aria-invalid="true"');
      expect(await t.dataSource.getRepository(Theme).count()).toBe(before);

      const created = await post('/themes/new', {
        title: 'Insertion par l’activité économique',
        description: 'Deux lignes\n<b>gras</b>',
        tags: 'insertion, IAE',
      }).expect(303);
      const location = created.headers.location;
      expect(location).toMatch(/^\/themes\/\d+\?saved=1$/);
      const id = Number(/\/themes\/(\d+)/.exec(location)![1]);
      const theme = await t.dataSource.getRepository(Theme).findOneByOrFail({ id });
      expect(theme.tags).toEqual(['insertion', 'iae']);
      expect(theme.proposedByUserId).toBe(staff.user.id);

      const detail = await html(`/themes/${id}?saved=1`).expect(200);
      expect(detail.text).toContain('role="status"');
      expect(detail.text).toContain('&lt;b&gt;gras&lt;/b&gt;');
    });

    it('edits a theme and keeps typed values on 422', async () => {
      const theme = await createTheme(staff, { title: 'Avant' });
      const edit = await html(`/themes/${theme.id}/edit`).expect(200);
      expect(edit.text).toContain('value="Avant"');
      const invalid = await post(`/themes/${theme.id}/edit`, {
        title: 'Après',
        tags: 'x'.repeat(41),
      }).expect(422);
      expect(invalid.text).toContain('value="Après"');
      expect(
        (await t.dataSource.getRepository(Theme).findOneByOrFail({ id: theme.id })).title,
      ).toBe('Avant');
      await post(`/themes/${theme.id}/edit`, { title: 'Après', tags: '' }).expect(303);
      expect(
        (await t.dataSource.getRepository(Theme).findOneByOrFail({ id: theme.id })).title,
      ).toBe('Après');
    });

    it("records and withdraws a partner's interest", async () => {
      const theme = await createTheme(staff, { title: 'Numérique' });
      const partner = await createPartner(t, 'Centre social <Nord>');
      const detail = await html(`/themes/${theme.id}`).expect(200);
      expect(detail.text).toContain('Centre social &lt;Nord&gt;');

      await post(`/themes/${theme.id}/interest`, { partnerId: String(partner.id) }).expect(303);
      let stored = await t.dataSource.getRepository(Theme).findOneByOrFail({ id: theme.id });
      expect(stored.interestCount).toBe(1);
      const after = await html(`/themes/${theme.id}`).expect(200);
      expect(section(after.text, 'interest-title')).toContain('Centre social &lt;Nord&gt;');

      const invalid = await post(`/themes/${theme.id}/interest`, { partnerId: '' }).expect(422);
      expect(invalid.text).toContain('Choisissez un partenaire existant');
      await post(`/themes/${theme.id}/interest`, { partnerId: '999999' }).expect(422);

      await post(`/themes/${theme.id}/interest/remove`, { partnerId: String(partner.id) }).expect(
        303,
      );
      stored = await t.dataSource.getRepository(Theme).findOneByOrFail({ id: theme.id });
      expect(stored.interestCount).toBe(0);
    });

    it('archives a theme; an archived theme takes no interest (422)', async () => {
      const theme = await createTheme(staff, { title: 'À archiver' });
      const partner = await createPartner(t);
      await post(`/themes/${theme.id}/archive`, {}).expect(303);
      const archived = await post(`/themes/${theme.id}/interest`, {
        partnerId: String(partner.id),
      }).expect(422);
      expect(archived.text).toContain('archivé');
      await post(`/themes/${theme.id}/restore`, {}).expect(303);
      expect(
        (await t.dataSource.getRepository(Theme).findOneByOrFail({ id: theme.id })).status,
      ).toBe('proposed');
    });

    it('refuses a form post without the CSRF token (403)', async () => {
      const before = await t.dataSource.getRepository(Theme).count();
      await session.agent
        .post('/themes/new')
        .type('form')
        .set('Accept', 'text/html')
        .send({ title: 'Sans jeton' })
        .expect(403);
      expect(await t.dataSource.getRepository(Theme).count()).toBe(before);
    });

    it('answers an HTML 404 page for an unknown theme', async () => {
      const page = await html('/themes/987654').expect(404);
      expect(page.type).toBe('text/html');
      expect(page.text).toContain('Cette page n’existe pas ou plus.');
      await html('/themes/987654/edit').expect(404);
    });

    it('sends "schedule on a meeting" to that meeting\'s speaker search', async () => {
      const theme = await createTheme(staff, { title: 'Programmable' });
      const meeting = await createMeeting(t, { startsAt: '2026-03-12T09:00:00Z' });
      const detail = await html(`/themes/${theme.id}`).expect(200);
      expect(detail.text).toContain(`<option value="${meeting.id}">`);
      const redirect = await html(`/themes/${theme.id}/plan?meetingId=${meeting.id}`).expect(303);
      expect(redirect.headers.location).toBe(
        `/meetings/${meeting.id}/speakers?themeId=${theme.id}`,
      );
      await html(`/themes/${theme.id}/plan?meetingId=`).expect(422);
    });

    it('loads the backlog with a constant number of queries', async () => {
      const count = async () => {
        const before = t.queries.total;
        await html('/themes').expect(200);
        return t.queries.total - before;
      };
      const few = await count();
      for (let i = 0; i < 12; i++) {
        const theme = await createTheme(staff, { title: `Thème ${i}` });
        const partner = await createPartner(t);
        await staff.api
          .post(`/api/themes/${theme.id}/interest`)
          .send({ partnerId: partner.id })
          .expect(200);
      }
      expect(await count()).toBe(few);
    });
  });

  describe('speakers', () => {
    it('lists speakers with their themes, fee as money and location', async () => {
      const theme = await createTheme(staff, { title: 'Emploi des seniors' });
      await createSpeaker(staff, {
        name: 'Zoé <Conférencière>',
        feeCents: 15000,
        themeIds: [theme.id],
        address: 'Rue de Lille 1, Roubaix',
        ...PLACES.roubaix,
      });
      const page = await html('/speakers').expect(200);
      expect(page.text).toContain('Zoé &lt;Conférencière&gt;');
      expect(page.text).toContain('150,00 €');
      expect(page.text).toContain('Emploi des seniors');
      expect(page.text).toContain('Rue de Lille 1, Roubaix');

      const filtered = await html(`/speakers?themeId=${theme.id}`).expect(200);
      expect(filtered.text).toContain('Zoé');
      await html('/speakers?themeId=abc').expect(422);
    });

    it('creates a speaker through the form, fee typed in euros', async () => {
      const theme = await createTheme(staff, { title: 'Santé' });
      const form = await html('/speakers/new').expect(200);
      expect(form.text).toContain(`value="${theme.id}"`);
      const created = await post('/speakers/new', {
        name: 'Paul Orateur',
        fee: '180,50',
        themeIds: String(theme.id),
        tags: 'santé, prévention',
        latitude: '50,6365',
        longitude: '3.0635',
      }).expect(303);
      expect(created.headers.location).toBe('/speakers?saved=1');
      const speaker = await t.dataSource
        .getRepository(Speaker)
        .findOneByOrFail({ name: 'Paul Orateur' });
      expect(speaker.feeCents).toBe(18050);
      expect(speaker.latitude).toBeCloseTo(50.6365);
      const list = await html(`/speakers?themeId=${theme.id}`).expect(200);
      expect(list.text).toContain('180,50 €');
    });

    it('refuses invalid speaker input with 422, the values kept and nothing saved', async () => {
      const before = await t.dataSource.getRepository(Speaker).count();
      const bad = await post('/speakers/new', {
        name: 'Fee Invalide',
        fee: 'beaucoup',
        email: 'pas-un-email',
      }).expect(422);
      expect(bad.text).toContain('Les honoraires sont un montant positif en euros');
      expect(bad.text).toContain('L’adresse e-mail n’est pas valide.');
      expect(bad.text).toContain('value="beaucoup"');
      const half = await post('/speakers/new', { name: 'Demi', latitude: '50.1' }).expect(422);
      expect(half.text).toContain('La longitude est un nombre');
      await post('/speakers/new', { name: '' }).expect(422);
      expect(await t.dataSource.getRepository(Speaker).count()).toBe(before);
    });

    it('reads money as people type it: "12,50 €", "1 234,56", "0,42" € per km, stored in cents', async () => {
      for (const [fee, travel, feeCents, travelCents] of [
        ['12,50 €', '0,42', 1250, 42],
        ['1 234,56', '0.5', 123456, 50],
        ['1\u202f234,5 €', '', 123450, null],
        ['€ 80', '0,42 €', 8000, 42],
      ] as const) {
        const name = `Argent ${fee}`;
        await post('/speakers/new', { name, fee, travelCentsPerKm: travel }).expect(303);
        const stored = await t.dataSource.getRepository(Speaker).findOneByOrFail({ name });
        expect([stored.feeCents, stored.travelCentsPerKm]).toEqual([feeCents, travelCents]);
      }
      const speaker = await t.dataSource
        .getRepository(Speaker)
        .findOneByOrFail({ name: 'Argent 12,50 €' });
      const form = await html(`/speakers/${speaker.id}/edit`).expect(200);
      expect(form.text).toContain('value="12,50"');
      expect(form.text).toContain('value="0,42"');
      const before = await t.dataSource.getRepository(Speaker).count();
      for (const [fee, travel, message] of [
        ['-5', '', 'Les honoraires sont un montant positif'],
        ['12,505', '', 'Les honoraires sont un montant positif'],
        ['10', 'beaucoup', 'Les frais de déplacement sont un montant en euros par km'],
        ['10', '-0,42', 'Les frais de déplacement sont un montant en euros par km'],
      ]) {
        const refused = await post('/speakers/new', {
          name: 'Refusé',
          fee,
          travelCentsPerKm: travel,
        }).expect(422);
        expect(refused.text).toContain(message);
      }
      expect(await t.dataSource.getRepository(Speaker).count()).toBe(before);
    });

    it('edits a speaker', async () => {
      const speaker = await createSpeaker(staff, { name: 'Avant Orateur', feeCents: 10000 });
      const form = await html(`/speakers/${speaker.id}/edit`).expect(200);
      expect(form.text).toContain('value="100,00"');
      await post(`/speakers/${speaker.id}/edit`, { name: 'Après Orateur', fee: '120' }).expect(303);
      const stored = await t.dataSource.getRepository(Speaker).findOneByOrFail({ id: speaker.id });
      expect(stored.name).toBe('Après Orateur');
      expect(stored.feeCents).toBe(12000);
      await html('/speakers/987654/edit').expect(404);
    });

    it('loads the directory with a constant number of queries', async () => {
      const count = async () => {
        const before = t.queries.total;
        await html('/speakers').expect(200);
        return t.queries.total - before;
      };
      const few = await count();
      const theme = await createTheme(staff, { title: 'Compteur' });
      for (let i = 0; i < 8; i++)
        await createSpeaker(staff, { name: `Compté ${i}`, themeIds: [theme.id] });
      expect(await count()).toBe(few);
    });
  });

  describe('speaker search for a meeting', () => {
    let meeting: { id: number };
    let theme: { id: number };
    let near: { id: number };
    let far: { id: number };
    let unknown: { id: number };
    let pricey: { id: number };

    beforeAll(async () => {
      meeting = await createMeeting(t, { title: 'Plénière de mars', place: PLACES.lille });
      await createAgendaItem(t, meeting.id, 'Intervention', 1);
      theme = await createTheme(staff, { title: 'Recherche' });
      near = await createSpeaker(staff, {
        name: 'Proche Roubaix',
        feeCents: 10000,
        themeIds: [theme.id],
        ...PLACES.roubaix,
      });
      far = await createSpeaker(staff, {
        name: 'Loin Liège',
        feeCents: 5000,
        themeIds: [theme.id],
        ...PLACES.liege,
      });
      unknown = await createSpeaker(staff, {
        name: 'Aaron Sans Adresse',
        feeCents: 1000,
        themeIds: [theme.id],
      });
      pricey = await createSpeaker(staff, {
        name: 'Chère Lille',
        feeCents: 90000,
        themeIds: [theme.id],
        ...PLACES.lille,
      });
    });

    const names = (text: string) =>
      [...text.matchAll(/<th scope="row">([^<]+)/g)].map((match) => match[1].trim());

    it('shows distance, travel and total cost; unknown distances last, never 0', async () => {
      const page = await html(`/meetings/${meeting.id}/speakers?themeId=${theme.id}`).expect(200);
      expect(page.text).toContain('Plénière de mars');
      const order = names(page.text);
      expect(order[order.length - 1]).toBe('Aaron Sans Adresse');
      expect(order.indexOf('Proche Roubaix')).toBeLessThan(order.indexOf('Chère Lille'));
      const unknownRow = page.text.slice(page.text.indexOf('Aaron Sans Adresse'));
      expect(unknownRow.slice(0, unknownRow.indexOf('</tr>'))).toMatch(
        /<em>distance inconnue<\/em>[\s\S]*inconnu/,
      );
      expect(unknownRow).not.toMatch(/>0 km</);
      expect(page.text).toContain('100,00 €');

      const byDistance = await html(
        `/meetings/${meeting.id}/speakers?themeId=${theme.id}&sort=distance`,
      ).expect(200);
      expect(names(byDistance.text)).toEqual([
        'Chère Lille',
        'Proche Roubaix',
        'Loin Liège',
        'Aaron Sans Adresse',
      ]);
    });

    it('filters by max cost (euros) and max distance', async () => {
      const cheap = await html(
        `/meetings/${meeting.id}/speakers?themeId=${theme.id}&maxFee=100`,
      ).expect(200);
      expect(names(cheap.text)).not.toContain('Chère Lille');
      expect(names(cheap.text)).toContain('Proche Roubaix');

      const close = await html(
        `/meetings/${meeting.id}/speakers?themeId=${theme.id}&maxDistanceKm=20`,
      ).expect(200);
      expect(names(close.text).sort()).toEqual(['Chère Lille', 'Proche Roubaix']);

      const bad = await html(`/meetings/${meeting.id}/speakers?maxFee=cher&maxDistanceKm=x`).expect(
        422,
      );
      expect(bad.text).toContain('Les honoraires maximum sont un montant en euros');
      expect(bad.text).toContain('La distance maximum est un nombre de kilomètres.');
    });

    it('says a venue without coordinates cannot be filtered by distance (422)', async () => {
      const nowhere = await createMeeting(t, { title: 'En ligne', place: null });
      const page = await html(`/meetings/${nowhere.id}/speakers?maxDistanceKm=10`).expect(422);
      expect(page.text).toContain('Le lieu de la réunion n’a pas de coordonnées');
      const all = await html(`/meetings/${nowhere.id}/speakers`).expect(200);
      expect(all.text).toContain('distance inconnue');
    });

    it('puts a chosen speaker on the agenda with the theme', async () => {
      const page = await session.agent
        .get(`/meetings/${meeting.id}/speakers?themeId=${theme.id}`)
        .set('Accept', 'text/html')
        .expect(200);
      // After "Nouveau point à l’ordre du jour", the meeting's existing items.
      const item =
        /name="agendaItemId">\s*<option value="" selected>[^<]+<\/option>\s*<option value="(\d+)"/.exec(
          page.text,
        );
      expect(item).not.toBeNull();
      const booked = await post(`/meetings/${meeting.id}/speakers/book`, {
        speakerId: String(near.id),
        themeId: String(theme.id),
        agendaItemId: item![1],
        maxFee: '',
        sort: 'cost',
      }).expect(303);
      expect(booked.headers.location).toContain(`booked=${near.id}`);
      const detail = await staff.api.get(`/api/themes/${theme.id}`).expect(200);
      expect(detail.body.status).toBe('scheduled');
      expect(detail.body.scheduledOn[0].speaker.id).toBe(near.id);
      expect(detail.body.scheduledOn[0].speakerFeeCents).toBe(10000);

      const wrong = await post(`/meetings/${meeting.id}/speakers/book`, {
        speakerId: String(far.id),
        themeId: String(theme.id),
        agendaItemId: '999999',
      }).expect(422);
      expect(wrong.text).toContain('Choisissez un point de l’ordre du jour');
      void unknown;
      void pricey;
    });

    it('answers 404 for an unknown meeting', async () => {
      await html('/meetings/987654/speakers').expect(404);
    });

    it('searches with a constant number of queries', async () => {
      const count = async () => {
        const before = t.queries.total;
        await html(`/meetings/${meeting.id}/speakers?themeId=${theme.id}`).expect(200);
        return t.queries.total - before;
      };
      const few = await count();
      for (let i = 0; i < 6; i++)
        await createSpeaker(staff, { name: `Encore ${i}`, themeIds: [theme.id], ...PLACES.lille });
      expect(await count()).toBe(few);
    });
  });
});

/** The HTML of the section labelled by this heading id. */
function section(html: string, headingId: string): string {
  const start = html.indexOf(`id="${headingId}"`);
  const end = html.indexOf('</section>', start);
  return html.slice(start, end);
}
