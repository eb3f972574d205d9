import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { sql } from '../src/database/sql';
import { createMeeting, invite } from './support/meetings';
import { createContact, createPartner } from './support/partners';
import { createProject } from './support/projects';
import { type BrowserSession, csrfFromHtml, pagesOf, signIn } from './support/session';
import { createStaff, type Staff } from './support/staff';
import { createTestApp, type TestApp } from './support/test-app';

/**
 * The review runs at NOW, the first of this month (sessions follow the real time: the clock must
 * stay near it when pages are visited); the contacts were created four years before.
 */
const today = new Date();
const monthsFrom = (months: number, day = 1) =>
  new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + months, day, 9));
const NOW = monthsFrom(0);
const CREATED = monthsFrom(-48);
const OLDER = monthsFrom(-60);
const MID = monthsFrom(-18);
const LAST_MONTH = monthsFrom(-1);

interface ReviewBody {
  items: {
    id: number;
    fullName: string;
    partnerName: string;
    partnerArchived: boolean;
    lastActivityAt: string;
    lastActivityKind: string;
  }[];
  total: number;
  months: number;
  before: string;
  contacts: number;
}

describe('retention review of inactive contacts (/admin/retention, GET /api/contacts/retention-review)', () => {
  let t: TestApp;
  let admin: Staff;
  let coordinator: Staff;
  let session: BrowserSession;
  const ids: Record<string, number> = {};
  let meetingId: number;
  let answeringPartnerId: number;

  const review = async (app = t): Promise<ReviewBody> => {
    const response = await request(app.http)
      .get('/api/contacts/retention-review?pageSize=100')
      .set('Authorization', `Bearer ${admin.token}`)
      .expect(200);
    return response.body as ReviewBody;
  };
  const listed = async (app = t) => (await review(app)).items.map((item) => item.fullName);
  const setCreated = (contactId: number, at: Date) =>
    sql(t.dataSource.manager, 'UPDATE contacts SET created_at = ? WHERE id = ?', [at, contactId]);

  beforeAll(async () => {
    t = await createTestApp({ now: CREATED.toISOString() });
    admin = await createStaff(t, 'admin');
    coordinator = await createStaff(t, 'coordinator');
    const partner = await createPartner(coordinator, { name: 'Mission locale du Val' });
    const answering = await createPartner(coordinator, { name: 'PLIE des Trois Rivières' });
    const closed = await createPartner(coordinator, { name: 'Association Ancienne' });
    const names: [string, number][] = [
      ['Odile Oubliée', partner.id],
      ['Renée Répondante', answering.id],
      ['Colette Consentante', partner.id],
      ['Suzanne Suivie', partner.id],
      ['Maud Moyenne', partner.id],
      ['Gaston Gardé', partner.id],
      ['Armelle Archivée', closed.id],
    ];
    for (const [fullName, partnerId] of names)
      ids[fullName] = (await createContact(coordinator, partnerId, { fullName })).id;
    // The database dates a contact's creation itself: date them all at CREATED, Odile a year before.
    for (const id of Object.values(ids)) await setCreated(id, CREATED);
    await setCreated(ids['Odile Oubliée'], OLDER);
    await sql(t.dataSource.manager, 'UPDATE consent_events SET at = ? WHERE contact_id = ?', [
      OLDER,
      ids['Odile Oubliée'],
    ]);
    await coordinator.api.post(`/api/partners/${closed.id}/archive`).expect(200);

    // Maud changed her consent a year and a half ago (between 12 and 36 months ago).
    t.clock.set(MID);
    await coordinator.api
      .patch(`/api/contacts/${ids['Maud Moyenne']}`)
      .send({ newsletterConsent: true, newsletterConsentSource: 'formulaire' })
      .expect(200);

    t.clock.set(LAST_MONTH);
    // Renée is named in her partner's answer to an invitation, last month.
    const meeting = await createMeeting(coordinator, {
      startsAt: monthsFrom(0, 10).toISOString(),
      endsAt: new Date(monthsFrom(0, 10).getTime() + 3 * 3_600_000).toISOString(),
    });
    meetingId = meeting.id;
    answeringPartnerId = answering.id;
    const tokens = await invite(coordinator, meeting.id, [answering.id]);
    await request(t.http)
      .post(`/r/${tokens.get(answering.id)}`)
      .type('form')
      .send({ answer: 'coming', contactIds: String(ids['Renée Répondante']) })
      .expect(200);
    // Colette gave her consent last month.
    await coordinator.api
      .patch(`/api/contacts/${ids['Colette Consentante']}`)
      .send({ newsletterConsent: true, newsletterConsentSource: 'salon' })
      .expect(200);
    // Suzanne wrote a follow-up of a project last month (through her personal link).
    const project = await createProject(coordinator, { leadPartnerId: partner.id });
    await sql(
      t.dataSource.manager,
      `INSERT INTO follow_ups (project_id, date, at, author_contact_id, author_label, text, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
      [
        project.id,
        LAST_MONTH.toISOString().slice(0, 10),
        LAST_MONTH,
        ids['Suzanne Suivie'],
        'Suzanne Suivie',
        'Premier atelier tenu',
        LAST_MONTH,
      ],
    );
    // A staff edit of a record is no activity of the person.
    await coordinator.api
      .patch(`/api/contacts/${ids['Odile Oubliée']}`)
      .send({ phone: '01 02 03 04 05' })
      .expect(200);

    t.clock.set(NOW);
    session = await signIn(t, admin.user.email, admin.password);
  });

  afterAll(() => t.close());

  it('lists the contacts without activity for 36 months, oldest first, archived partners included', async () => {
    const body = await review();
    expect(body.months).toBe(36);
    expect(body.before).toBe(monthsFrom(-36).toISOString());
    expect(body.contacts).toBe(7);
    expect(body.items.map((item) => item.fullName)).toEqual([
      'Odile Oubliée',
      'Gaston Gardé',
      'Armelle Archivée',
    ]);
    expect(body.total).toBe(3);
    expect(body.items[0]).toMatchObject({
      partnerName: 'Mission locale du Val',
      partnerArchived: false,
      lastActivityAt: OLDER.toISOString(),
      lastActivityKind: 'created',
    });
    // Its consent history started with the contact (the minutes choice), at the same moment.
    expect(body.items[1]).toMatchObject({
      lastActivityAt: CREATED.toISOString(),
      lastActivityKind: 'created',
    });
    expect(body.items[2]).toMatchObject({
      partnerName: 'Association Ancienne',
      partnerArchived: true,
    });
  });

  it('leaves out those who answered an invitation, gave consent or wrote a follow-up recently', async () => {
    const names = await listed();
    for (const name of [
      'Renée Répondante',
      'Colette Consentante',
      'Suzanne Suivie',
      'Maud Moyenne',
    ])
      expect(names).not.toContain(name);
  });

  it('shows the page in French with the counts, the period and a "Conserver" button per contact', async () => {
    const html = (await pagesOf(session).get('/admin/retention')).text;
    expect(html).toContain('<h1>Revue de conservation</h1>');
    expect(html).toContain('3 contacts à revoir sur 7 contacts');
    expect(html).toContain('plus de 36 mois');
    expect(html).toContain('Les contacts des partenaires archivés figurent aussi dans la liste.');
    expect(html).toContain('(archivé)');
    expect(html).toContain('création de la fiche');
    expect(html).toMatch(
      new RegExp(`href="/partners/\\d+/contacts/${ids['Odile Oubliée']}/edit">Odile Oubliée</a>`),
    );
    expect(html.indexOf('Odile Oubliée')).toBeLessThan(html.indexOf('Gaston Gardé'));
    expect(html).toContain(`action="/admin/retention/${ids['Gaston Gardé']}/keep"`);
    // The contact's page opens, an archived partner's contact too.
    const link = new RegExp(
      `href="(/partners/\\d+/contacts/${ids['Armelle Archivée']}/edit)"`,
    ).exec(html);
    expect(link).not.toBeNull();
    expect((await pagesOf(session).get(link![1])).text).toContain('Armelle Archivée');
    expect(html).toContain('aria-current="page"');
    expect(html).not.toMatch(/retentionPages\./);
  });

  it('exports the whole list as CSV for a French spreadsheet, oldest first', async () => {
    const response = await session.agent.get('/admin/retention.csv').expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    expect(response.headers['content-disposition']).toContain('revue-de-conservation.csv');
    expect(response.text.charCodeAt(0)).toBe(0xfeff);
    const rows: string[][] = parse(response.text.slice(1), { delimiter: ';' });
    expect(rows[0]).toEqual([
      'N° du contact',
      'Contact',
      'Partenaire',
      'Partenaire archivé',
      'Dernière activité',
      'Nature de la dernière activité',
    ]);
    expect(rows.slice(1).map((row) => [row[1], row[3], row[5]])).toEqual([
      ['Odile Oubliée', 'non', 'création de la fiche'],
      ['Gaston Gardé', 'non', 'création de la fiche'],
      ['Armelle Archivée', 'oui', 'création de la fiche'],
    ]);
    expect(rows[1][4]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const other = await signIn(t, coordinator.user.email, coordinator.password);
    await other.agent.get('/admin/retention.csv').expect(403);
  });

  it('"Conserver" (API): the contact leaves the list, the decision is audited on the contact', async () => {
    const id = ids['Gaston Gardé'];
    const kept = await admin.api.post(`/api/contacts/${id}/retention-keep`).expect(200);
    expect(kept.body).toEqual({
      contactId: id,
      keptAt: NOW.toISOString(),
      keptBy: admin.user.displayName,
    });
    expect(await listed()).not.toContain('Gaston Gardé');
    const trail = await admin.api.get(`/api/audit?entity=contact&id=${id}`).expect(200);
    const entry = (
      trail.body as { items: { action: string; actor: string; changes: unknown }[] }
    ).items.find((item) => item.action === 'keep');
    expect(entry).toBeDefined();
    expect(entry!.changes).toEqual({
      retentionKeptAt: { before: null, after: NOW.toISOString() },
    });
  });

  it('"Conserver" (page): a form with the CSRF token, back to the list with a notice', async () => {
    const id = ids['Armelle Archivée'];
    const page = await pagesOf(session).get('/admin/retention');
    await session.agent
      .post(`/admin/retention/${id}/keep`)
      .type('form')
      .set('Accept', 'text/html')
      .send({ page: '1' })
      .expect(403);
    const done = await session.agent
      .post(`/admin/retention/${id}/keep`)
      .type('form')
      .set('Accept', 'text/html')
      .send({ _csrf: csrfFromHtml(page.text), page: '<script>' })
      .expect(303);
    expect(done.headers.location).toBe(`/admin/retention?kept=${id}&page=1`);
    const after = await pagesOf(session).get(done.headers.location);
    expect(after.text).toContain(`Le contact n° ${id} est conservé`);
    expect(after.text).not.toContain('Armelle Archivée');
    expect(await listed()).toEqual(['Odile Oubliée']);
  });

  it('a period of 12 months lists those inactive for a year and a half', async () => {
    const shorter = await createTestApp({
      databaseUrl: t.databaseUrl,
      now: NOW.toISOString(),
      env: { CONTACT_RETENTION_MONTHS: '12' },
    });
    try {
      const body = await review(shorter);
      expect(body.months).toBe(12);
      expect(body.items.map((item) => item.fullName)).toEqual(['Odile Oubliée', 'Maud Moyenne']);
      expect(body.items[1]).toMatchObject({
        lastActivityAt: MID.toISOString(),
        lastActivityKind: 'consent',
      });
    } finally {
      await shorter.close();
    }
  });

  it('comes back after the period has passed again since the decision', async () => {
    t.clock.set(monthsFrom(37));
    try {
      const items = (await review()).items;
      const gaston = items.find((item) => item.fullName === 'Gaston Gardé');
      expect(gaston).toMatchObject({ lastActivityKind: 'kept' });
    } finally {
      t.clock.set(NOW);
    }
  });

  it('reads a constant number of statements whatever the number of contacts', async () => {
    const count = async () => {
      const before = t.queries.total;
      await review();
      return t.queries.total - before;
    };
    const few = await count();
    const partner = await createPartner(coordinator);
    for (let i = 0; i < 10; i++) await createContact(coordinator, partner.id);
    expect(await count()).toBe(few);
  });

  it('is for administrators: anonymous → sign-in, coordinator → 403', async () => {
    const anonymous = await request(t.http).get('/admin/retention').set('Accept', 'text/html');
    expect([302, 303]).toContain(anonymous.status);
    expect(anonymous.headers.location).toMatch(/^\/login/);
    await request(t.http).get('/api/contacts/retention-review').expect(401);
    const other = await signIn(t, coordinator.user.email, coordinator.password);
    await pagesOf(other).get('/admin/retention', 403);
    await coordinator.api.get('/api/contacts/retention-review').expect(403);
    await coordinator.api.post(`/api/contacts/${ids['Odile Oubliée']}/retention-keep`).expect(403);
    expect(await listed()).toContain('Odile Oubliée');
  });

  it('answers hostile input with a 4xx naming the field, never a 500', async () => {
    for (const query of [
      'page=abc',
      'page=1e308',
      'page=-1',
      'pageSize=1000',
      'page=1&page=2',
      'pageSize=0',
    ]) {
      const page = await session.agent.get(`/admin/retention?${query}`).set('Accept', 'text/html');
      expect([query, page.status]).toEqual([query, 400]);
      const api = await admin.api.get(`/api/contacts/retention-review?${query}`);
      expect([query, api.status]).toEqual([query, 400]);
      expect(JSON.stringify(api.body)).toMatch(/page/);
    }
    const flash = await pagesOf(session).get('/admin/retention?kept=%3Cscript%3E');
    expect(flash.text).not.toContain('<script>');
    await admin.api.post('/api/contacts/abc/retention-keep').expect(400);
    await admin.api.post('/api/contacts/99999999999/retention-keep').expect(400);
    await admin.api.post('/api/contacts/987654/retention-keep').expect(404);
  });

  it('is described in the OpenAPI document', async () => {
    const doc = await request(t.http).get('/api/docs-json').expect(200);
    const paths = (doc.body as { paths: Record<string, Record<string, unknown>> }).paths;
    expect(paths['/api/contacts/retention-review']?.get).toBeDefined();
    expect(paths['/api/contacts/{id}/retention-keep']?.post).toBeDefined();
  });

  it('counts attendance, agenda items presented and portal links the contact used or asked for, not those staff sent', async () => {
    const names = [
      'Paul Présent',
      'Irène Intervenante',
      'Léon Lien',
      'Denise Demande',
      'Simon Sollicité',
    ];
    for (const fullName of names) {
      const id = (await createContact(coordinator, answeringPartnerId, { fullName })).id;
      ids[fullName] = id;
      await setCreated(id, CREATED);
      await sql(t.dataSource.manager, 'UPDATE consent_events SET at = ? WHERE contact_id = ?', [
        CREATED,
        id,
      ]);
    }
    const [invitation] = await sql<{ id: number }>(
      t.dataSource.manager,
      'SELECT id FROM invitations WHERE meeting_id = ? AND partner_id = ?',
      [meetingId, answeringPartnerId],
    );
    await sql(
      t.dataSource.manager,
      `INSERT INTO invitation_attendees (invitation_id, phase, contact_id, full_name)
       VALUES (?, 'attendance', ?, 'Paul Présent')`,
      [invitation.id, ids['Paul Présent']],
    );
    await coordinator.api
      .post(`/api/meetings/${meetingId}/agenda-items`)
      .send({
        title: 'Retour d’expérience',
        kind: 'presentation',
        presenterContactId: ids['Irène Intervenante'],
      })
      .expect(201);
    for (const name of ['Léon Lien', 'Denise Demande', 'Simon Sollicité'])
      await coordinator.api.post(`/api/contacts/${ids[name]}/portal-link`).expect(201);
    await sql(t.dataSource.manager, 'UPDATE portal_links SET used_at = ? WHERE contact_id = ?', [
      NOW,
      ids['Léon Lien'],
    ]);
    await sql(
      t.dataSource.manager,
      'UPDATE portal_links SET created_by_user_id = NULL WHERE contact_id = ?',
      [ids['Denise Demande']],
    );

    const now = await listed();
    expect(now).toContain('Simon Sollicité');
    for (const name of names.slice(0, 4)) expect(now).not.toContain(name);

    // Once the period has passed for all of them, each shows what its latest activity was.
    t.clock.set(monthsFrom(40));
    try {
      const kinds = Object.fromEntries(
        (await review()).items
          .filter((item) => names.includes(item.fullName))
          .map((item) => [item.fullName, item.lastActivityKind]),
      );
      expect(kinds).toEqual({
        'Paul Présent': 'attendance',
        'Irène Intervenante': 'presented',
        'Léon Lien': 'portalUse',
        'Denise Demande': 'portalRequest',
        'Simon Sollicité': 'created',
      });
    } finally {
      t.clock.set(NOW);
    }
  });
  it('offers the erasure beside "Conserver", and an erased contact leaves the list', async () => {
    const html = (await pagesOf(session).get('/admin/retention')).text;
    expect(html).toMatch(
      new RegExp(`href="/partners/\\d+/contacts/${ids['Odile Oubliée']}/erase"`),
    );
    expect(html).toContain('aria-label="Effacer Odile Oubliée…"');
    await request(t.http)
      .post(`/api/contacts/${ids['Odile Oubliée']}/erase`)
      .set('Authorization', `Bearer ${admin.token}`)
      .expect(204);
    const after = await review();
    expect(after.items.map((item) => item.fullName)).not.toContain('Odile Oubliée');
    expect(after.items.map((item) => item.fullName)).not.toContain('Contact supprimé');
  });
});
