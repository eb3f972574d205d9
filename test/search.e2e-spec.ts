import request from 'supertest';
import { MinutesVersion } from '../src/documents/minutes/minutes-version.entity';
import { Newsletter } from '../src/documents/newsletters/newsletter.entity';
import { createMeeting } from './support/meetings';
import { createContact, createPartner } from './support/partners';
import { createProject } from './support/projects';
import { pagesOf, signInWithForm, type BrowserSession } from './support/session';
import { createStaff, type Staff } from './support/staff';
import { createSpeaker, createTheme } from './support/themes';
import { createTestApp, type TestApp } from './support/test-app';

interface Item {
  id: number;
  title: string;
  href: string;
  archived: boolean;
  excerpt: string;
  titleParts: { text: string; mark: boolean }[];
}
interface Group {
  kind: string;
  label: string;
  total: number;
  items: Item[];
}

/**
 * The staff search box (src/search/, docs/search.md) on a real database (SQLite, or PostgreSQL
 * with DATABASE_URL): entries kept by the database's triggers on every write, accents and case
 * ignored, prefixes, groups by kind, erased contacts gone, hostile text never a 5xx.
 */
describe('Search', () => {
  let t: TestApp;
  let staff: Staff;
  let session: BrowserSession;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    // Before the meeting's day (MEETING: 12 March 2026), so that it can be planned.
    t = await createTestApp({ now: '2026-03-01T10:00:00Z' });
    staff = await createStaff(t);
    session = await signInWithForm(t, staff.user.email, staff.password);
    const epinay = await createPartner(staff, {
      name: 'Mission locale d’Épinay-sur-Seine',
      kind: 'mission-locale',
      description: 'Accompagnement des jeunes vers l’insertion professionnelle',
    });
    ids.epinay = epinay.id;
    ids.contact = (await createContact(staff, epinay.id, { fullName: 'Zoé Kowalczyk' })).id;
    ids.meeting = (
      await createMeeting(staff, {
        title: 'Comité emploi de Saint-Denis',
        description: 'Les clauses sociales des marchés publics',
      })
    ).id;
    ids.theme = (
      await createTheme(staff, { title: 'Mobilité des demandeurs', description: 'Permis à 1 €' })
    ).id;
    ids.speaker = (await createSpeaker(staff, { name: 'Hélène Quéméner' })).id;
    ids.project = (
      await createProject(staff, {
        title: 'Garage solidaire',
        description: 'Réparer les voitures pour l’insertion',
        leadPartnerId: epinay.id,
      })
    ).id;
    const publishedAt = new Date('2026-06-01T10:00:00Z');
    await t.dataSource.getRepository(MinutesVersion).save([
      {
        meetingId: ids.meeting,
        version: 1,
        title: 'Compte rendu du comité',
        html: '<p>brouillon</p>',
        text: 'Première version : le covoiturage',
        snapshot: null,
        publishedAt,
        publishedByUserId: null,
      },
      {
        meetingId: ids.meeting,
        version: 2,
        title: 'Compte rendu du comité',
        html: '<p>x</p>',
        text: 'Décision : un atelier de couture solidaire ouvrira en septembre',
        snapshot: null,
        publishedAt,
        publishedByUserId: null,
      },
    ]);
    const letters = t.dataSource.getRepository(Newsletter);
    const letter = {
      periodFrom: '2026-05-01',
      periodTo: '2026-05-31',
      sections: [],
      html: '<p>x</p>',
      webHtml: null,
      publishedByUserId: null,
    };
    ids.newsletter = (
      await letters.save({
        ...letter,
        status: 'published' as const,
        number: 1,
        title: 'Lettre de mai',
        editorial: 'Le printemps des bibliothèques',
        text: 'Le printemps des bibliothèques',
        publishedAt,
      })
    ).id;
    ids.draft = (
      await letters.save({
        ...letter,
        status: 'draft' as const,
        number: null,
        title: 'Lettre de juin',
        editorial: 'Les bibliothèques en été',
        text: null,
        publishedAt: null,
      })
    ).id;
  });

  afterAll(() => t.close());

  const search = async (q: string): Promise<Group[]> =>
    (await staff.api.get('/api/search').query({ q }).expect(200)).body.groups as Group[];
  const found = async (q: string, kind: string): Promise<Item[]> =>
    (await search(q)).find((group) => group.kind === kind)?.items ?? [];

  it('finds a partner whatever the accents and the case', async () => {
    for (const q of ['epinay', 'EPINAY', 'Épinay', 'ÉPINAY sur seine']) {
      const items = await found(q, 'partner');
      expect(items.map((item) => item.id)).toEqual([ids.epinay]);
    }
    const [item] = await found('epinay', 'partner');
    expect(item.href).toBe(`/partners/${ids.epinay}`);
    expect(item.titleParts).toContainEqual({ text: 'Épinay', mark: true });
  });

  it('finds words by their start, the last one typed', async () => {
    const groups = await search('insert');
    const kinds = groups.filter((group) => group.total > 0).map((group) => group.kind);
    expect(kinds).toEqual(['partner', 'project']);
    expect(await found('insert', 'project')).toEqual([
      expect.objectContaining({ id: ids.project, href: `/projects/${ids.project}` }),
    ]);
    // Only the last word is a prefix; an earlier one is a whole word.
    expect(await found('insert mission', 'partner')).toEqual([]);
    expect(await found('insertion miss', 'partner')).toHaveLength(1);
  });

  it('groups every kind in a fixed order, each with its count and link', async () => {
    const groups = await search('');
    expect(groups.map((group) => [group.kind, group.label, group.total])).toEqual([
      ['partner', 'Partenaires', 0],
      ['contact', 'Contacts', 0],
      ['meeting', 'Réunions', 0],
      ['theme', 'Thèmes', 0],
      ['speaker', 'Intervenants', 0],
      ['project', 'Projets', 0],
      ['minutes', 'Comptes rendus', 0],
      ['newsletter', 'Lettres d’information', 0],
    ]);
    expect((await found('kowalczyk', 'contact'))[0].href).toBe(`/partners/${ids.epinay}#contacts`);
    expect((await found('saint denis', 'meeting'))[0].href).toBe(`/meetings/${ids.meeting}`);
    expect((await found('mobilite', 'theme'))[0].href).toBe(`/themes/${ids.theme}`);
    expect((await found('helene quemener', 'speaker'))[0].href).toBe(
      `/speakers/${ids.speaker}/edit`,
    );
  });

  it('searches the latest published minutes and the published newsletters only', async () => {
    expect(await found('couture', 'minutes')).toEqual([
      expect.objectContaining({ id: ids.meeting, href: `/meetings/${ids.meeting}/minutes` }),
    ]);
    expect(await found('covoiturage', 'minutes')).toEqual([]);
    const letters = await found('bibliotheques', 'newsletter');
    expect(letters.map((item) => item.id)).toEqual([ids.newsletter]);
    expect(letters[0].href).toBe(`/desk/newsletters/${ids.newsletter}`);
  });

  it('follows an update: found by the new words, no longer by the old ones', async () => {
    const partner = await createPartner(staff, { name: 'Atelier Renaissance' });
    expect(await found('renaissance', 'partner')).toHaveLength(1);
    await staff.api
      .patch(`/api/partners/${partner.id}`)
      .send({ name: 'Atelier Horizon' })
      .expect(200);
    expect(await found('renaissance', 'partner')).toEqual([]);
    expect((await found('horizon', 'partner')).map((item) => item.id)).toEqual([partner.id]);

    await staff.api.post(`/api/partners/${partner.id}/archive`).expect((r) => {
      expect(r.status).toBeLessThan(300);
    });
    expect(await found('horizon', 'partner')).toEqual([
      expect.objectContaining({ id: partner.id, archived: true }),
    ]);
  });

  it('forgets a deleted record', async () => {
    const partner = await createPartner(staff, { name: 'Boutique Éphémère' });
    expect(await found('ephemere', 'partner')).toHaveLength(1);
    await staff.api.delete(`/api/partners/${partner.id}`).expect((r) => {
      expect(r.status).toBeLessThan(300);
    });
    expect(await found('ephemere', 'partner')).toEqual([]);
  });

  it('no longer finds an erased contact by the old name', async () => {
    const contact = await createContact(staff, ids.epinay, { fullName: 'Bérénice Vasseur' });
    expect(await found('vasseur', 'contact')).toHaveLength(1);
    await staff.api.post(`/api/contacts/${contact.id}/erase`).expect(204);
    expect(await found('vasseur', 'contact')).toEqual([]);
    expect(await found('berenice', 'contact')).toEqual([]);
    // Nor listed at all: the anonymised record ("Contact supprimé") has no entry.
    expect((await found('contact supprime', 'contact')).map((item) => item.id)).not.toContain(
      contact.id,
    );
  });

  it('never fails on hostile text: every character is only ever a word or a separator', async () => {
    const hostile = [
      '"',
      '""',
      '"epinay',
      'epinay"',
      '*',
      'epinay*',
      '-epinay',
      'NOT epinay',
      'epinay NEAR seine',
      'NEAR(epinay seine)',
      'epinay AND OR NOT',
      '(epinay',
      ')',
      '^epinay',
      'title:epinay',
      'epinay:*',
      "'epinay'",
      "'",
      'epinay & | ! <-> seine',
      '\\',
      '%_',
      '<script>alert(1)</script>',
      '.,;:!?',
      '{}[]',
      'é'.repeat(200),
      'a '.repeat(100),
    ];
    for (const q of hostile) {
      const api = await staff.api.get('/api/search').query({ q });
      expect([q, api.status]).toEqual([q, 200]);
      const page = await pagesOf(session).get(`/search?q=${encodeURIComponent(q)}`);
      expect(page.text).not.toContain('<script>alert(1)</script>');
    }
    expect(await found('"epinay', 'partner')).toHaveLength(1);
    expect(await found('NOT epinay', 'partner')).toEqual([]);
    // NUL is refused before any route (PostgreSQL text cannot hold it), never a 5xx.
    const nul = await staff.api.get('/api/search').query({ q: 'epi\u0000nay' });
    expect(nul.status).toBe(400);
  });

  it('escapes what it shows: a name with markup is text, only the matching word marked', async () => {
    await createPartner(staff, { name: '<b>Régie</b> <img src=x onerror=alert(1)> Quartier' });
    const page = await pagesOf(session).get('/search?q=regie');
    expect(page.text).not.toContain('<img src=x');
    expect(page.text).toContain('&lt;b&gt;<mark>Régie</mark>&lt;/b&gt;');
  });

  it('refuses a text over 200 characters: 400 naming q, on the page and in the API', async () => {
    const long = 'x'.repeat(201);
    const api = await staff.api.get('/api/search').query({ q: long }).expect(400);
    expect(api.body.field).toBe('q');
    expect(api.body.errors).toEqual([
      expect.objectContaining({
        field: 'q',
        messages: ['« q » doit faire au plus 200 caractères.'],
      }),
    ]);
    const page = await pagesOf(session).get(`/search?q=${long}`, 400);
    expect(page.text).toContain('« q » doit faire au plus 200 caractères.');
    await staff.api
      .get('/api/search')
      .query({ q: 'y'.repeat(10_000) })
      .expect(400);
    await staff.api
      .get('/api/search')
      .query({ q: 'x'.repeat(200) })
      .expect(200);
  });

  it('shows the results page grouped by kind, the words marked, from the header box', async () => {
    const home = await pagesOf(session).get('/');
    expect(home.text).toMatch(/<form method="get" action="\/search" role="search"/);
    expect(home.text).toContain(
      '<label for="header-search-q" class="visually-hidden">Rechercher</label>',
    );
    const page = await pagesOf(session).get('/search?q=epinay');
    expect(page.text).toContain(
      '<h2 id="search-partner">Partenaires <small class="search-count">(1)</small></h2>',
    );
    expect(page.text).toContain('<mark>Épinay</mark>');
    expect(page.text).toContain(`href="/partners/${ids.epinay}"`);
    expect(page.text).not.toContain('id="search-meeting"');
    const empty = await pagesOf(session).get('/search');
    expect(empty.text).toContain('Tapez des mots');
    const nothing = await pagesOf(session).get('/search?q=zzzzzz');
    expect(nothing.text).toContain('Rien ne correspond');
  });

  it('is for staff only: anonymous callers get 401, browsers the sign-in page', async () => {
    await request(t.http).get('/api/search?q=epinay').expect(401);
    const page = await request(t.http).get('/search?q=epinay').set('Accept', 'text/html');
    expect(page.status).toBe(303);
    expect(page.headers.location).toMatch(/^\/login/);
  });
});
