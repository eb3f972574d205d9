import request from 'supertest';
import { Transactions } from '../src/database/transactions';
import { Newsletter } from '../src/documents/newsletters/newsletter.entity';
import { Partner } from '../src/partners/partner.entity';
import {
  createMeetingRecord,
  createPartnerJoined,
  createPlannedMeeting,
} from './support/documents';
import { createProject, insertLaunchedProjects } from './support/projects';
import { createStaff, Staff } from './support/staff';
import { createTestApp, TestApp } from './support/test-app';

const HOSTILE = '<script>alert(1)</script> " onmouseover="x {{constructor}}';

describe('news items API', () => {
  let t: TestApp;
  let staff: Staff;
  beforeAll(async () => {
    t = await createTestApp({ now: '2026-04-02T08:00:00Z' });
    staff = await createStaff(t);
  });
  afterAll(() => t.close());

  it('creates, reads, lists, updates and deletes news items', async () => {
    const created = await staff.api
      .post('/api/news')
      .send({
        title: ' Décret ',
        body: 'Texte',
        kind: 'regulation',
        date: '2026-03-10',
        link: 'https://example.org/d',
      })
      .expect(201);
    expect(created.body).toMatchObject({
      title: 'Décret',
      kind: 'regulation',
      date: '2026-03-10',
      link: 'https://example.org/d',
    });
    await staff.api
      .post('/api/news')
      .send({ title: 'Forum', body: 'Salle', kind: 'event', date: '2026-04-20' })
      .expect(201);
    const id = created.body.id as number;
    expect((await staff.api.get(`/api/news/${id}`).expect(200)).body.title).toBe('Décret');

    const all = await staff.api.get('/api/news').expect(200);
    expect(all.body.items.map((i: { title: string }) => i.title)).toEqual(['Forum', 'Décret']);
    const march = await staff.api.get('/api/news?from=2026-03-01&to=2026-03-31').expect(200);
    expect(march.body.total).toBe(1);
    const events = await staff.api.get('/api/news?kind=event').expect(200);
    expect(events.body.items.map((i: { kind: string }) => i.kind)).toEqual(['event']);

    const updated = await staff.api
      .patch(`/api/news/${id}`)
      .send({ link: null, kind: 'local-news' })
      .expect(200);
    expect(updated.body).toMatchObject({ link: null, kind: 'local-news' });

    await staff.api.delete(`/api/news/${id}`).expect(204);
    await staff.api.get(`/api/news/${id}`).expect(404);
    await staff.api.delete(`/api/news/${id}`).expect(404);
  });

  it('refuses bad input with the field at fault', async () => {
    const bad = await staff.api
      .post('/api/news')
      .send({
        title: '',
        body: 'x',
        kind: 'gossip',
        date: '2026-02-30',
        link: 'javascript:alert(1)',
      })
      .expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'date',
      'kind',
      'link',
      'title',
    ]);
    await staff.api.get('/api/news?from=2026-04-01&to=2026-03-01').expect(422);
    await staff.api.get('/api/news/abc').expect(400);
    await request(t.http).get('/api/news').expect(401);
  });
});

describe('newsletters API', () => {
  let t: TestApp;
  let staff: Staff;
  beforeAll(async () => {
    t = await createTestApp({ now: '2026-04-02T08:00:00Z' });
    staff = await createStaff(t);
  });
  afterAll(() => t.close());

  async function seedMarch(): Promise<void> {
    await staff.api
      .post('/api/news')
      .send({
        title: 'Décret formation',
        body: 'Le décret du 5 mars.',
        kind: 'regulation',
        date: '2026-03-05',
      })
      .expect(201);
    await staff.api
      .post('/api/news')
      .send({
        title: 'Job dating',
        body: 'À la gare.',
        kind: 'event',
        date: '2026-03-25',
        link: 'https://example.org/job',
      })
      .expect(201);
    await staff.api
      .post('/api/news')
      .send({ title: 'Hors période', body: 'Avril', kind: 'local-news', date: '2026-04-01' })
      .expect(201);
    t.clock.set('2026-03-15T10:00:00Z');
    const held = await createMeetingRecord(t, {
      title: 'Plateforme de mars',
      startsAt: '2026-03-12T08:30:00Z',
    });
    await staff.api.post(`/api/meetings/${held.meeting.id}/minutes/publish`).expect(201);
    await createPartnerJoined(t, 'Régie de quartier', new Date('2026-03-15T10:00:00Z'));
    // French order: "École…" comes before "Régie…" (a byte order put É after every letter).
    await createPartnerJoined(t, 'École de la deuxième chance', new Date('2026-03-16T10:00:00Z'));
    t.clock.set('2026-04-02T08:00:00Z');
    await createPartnerJoined(t, 'Arrivé en avril', new Date('2026-04-02T08:00:00Z'));
    await createPlannedMeeting(t, 'Plateforme d’avril', '2026-04-09T07:30:00Z');
    await createPlannedMeeting(t, 'Bien plus tard', '2026-12-09T08:30:00Z');
  }

  it('assembles a draft for a period, lets staff reorder and leave out sections, then numbers issues', async () => {
    await seedMarch();
    const created = await staff.api
      .post('/api/newsletters')
      .send({ from: '2026-03-01', to: '2026-03-31' })
      .expect(201);
    const { newsletter, preview } = created.body;
    expect(newsletter).toMatchObject({
      status: 'draft',
      number: null,
      title: 'Lettre d’information — mars 2026 (brouillon)',
    });
    const byKey = Object.fromEntries(
      newsletter.sections.map((s: { key: string; items: unknown[] }) => [s.key, s]),
    );
    expect(byKey.regulation.items.map((i: { title: string }) => i.title)).toEqual([
      'Décret formation',
    ]);
    expect(byKey.events.items.map((i: { title: string }) => i.title)).toEqual(['Job dating']);
    expect(byKey['local-news']).toMatchObject({ items: [], shown: false });
    expect(byKey['upcoming-meetings'].items.map((i: { title: string }) => i.title)).toEqual([
      'Plateforme d’avril',
    ]);
    expect(byKey.minutes.items.map((i: { title: string }) => i.title)).toEqual([
      'Compte rendu — Plateforme de mars',
    ]);
    expect(byKey['new-partners'].items.map((i: { name: string }) => i.name)).toEqual([
      'École de la deuxième chance',
      'Régie de quartier',
    ]);
    expect(preview.html).toContain('Décret formation');
    expect(preview.text).not.toContain('Hors période');

    const id = newsletter.id as number;
    const patched = await staff.api
      .patch(`/api/newsletters/${id}`)
      .send({
        editorial: 'Bonne lecture !',
        sections: [
          { key: 'upcoming-meetings', included: true },
          { key: 'regulation', included: false },
        ],
      })
      .expect(200);
    expect(
      patched.body.newsletter.sections
        .slice(0, 3)
        .map((s: { key: string; included: boolean }) => [s.key, s.included]),
    ).toEqual([
      ['upcoming-meetings', true],
      ['regulation', false],
      ['local-news', true],
    ]);
    expect(patched.body.preview.text.indexOf('Prochaines réunions')).toBeLessThan(
      patched.body.preview.text.indexOf('Agenda des manifestations'),
    );
    expect(patched.body.preview.text).not.toContain('Décret formation');
    expect(patched.body.preview.text).toContain('Bonne lecture !');

    const unknown = await staff.api
      .patch(`/api/newsletters/${id}`)
      .send({ sections: [{ key: 'gossip', included: true }] })
      .expect(422);
    expect(unknown.body.field).toBe('sections.0.key');
    await staff.api
      .patch(`/api/newsletters/${id}`)
      .send({
        sections: [
          { key: 'minutes', included: true },
          { key: 'minutes', included: false },
        ],
      })
      .expect(422);

    // Drafts are never public, nor served as documents.
    await staff.api.get(`/api/newsletters/${id}/html`).expect(409);
    const before = await staff.api.get('/newsletters').expect(200);
    expect(before.text).not.toContain('brouillon');
    await request(t.http).get('/newsletters').expect(404); // no public archive unless opted in

    const published = await staff.api.post(`/api/newsletters/${id}/publish`).expect(200);
    expect(published.body).toMatchObject({
      status: 'published',
      number: 1,
      title: 'Lettre n° 1 — mars 2026',
      visibility: 'network',
      url: 'http://maillage.test/portal/newsletters/1',
      publicLink: null,
    });
    await staff.api.post(`/api/newsletters/${id}/publish`).expect(409);
    await staff.api.patch(`/api/newsletters/${id}`).send({ editorial: 'Trop tard' }).expect(409);

    const html = await staff.api
      .get(`/api/newsletters/${id}/html`)
      .expect(200)
      .expect('Content-Type', /text\/html/);
    expect(html.text).toContain('Lettre n° 1 — mars 2026');
    expect(html.text).toMatch(/<table[^>]+width="600"/);
    expect(html.text).toContain('href="http://maillage.test/portal/newsletters/1"');
    const text = await staff.api
      .get(`/api/newsletters/${id}/text`)
      .expect(200)
      .expect('Content-Type', /text\/plain/);
    expect(text.text).toContain('Lettre n° 1 — mars 2026\n=======================');

    // The published issue no longer changes with the records.
    await staff.api
      .post('/api/news')
      .send({ title: 'Ajout tardif', body: 'x', kind: 'regulation', date: '2026-03-30' })
      .expect(201);
    expect((await staff.api.get(`/api/newsletters/${id}/html`).expect(200)).text).toBe(html.text);

    const web = await staff.api.get('/newsletters/1').expect(200);
    expect(web.text).toContain('Lettre n° 1 — mars 2026');
    expect(web.text).toContain('href="http://maillage.test/portal/newsletters"');
    await request(t.http).get('/newsletters/1').expect(404); // a network issue
    expect((await staff.api.get('/newsletters/1?format=text').expect(200)).text).toBe(text.text);

    // The next issue is number 2, whatever the order of the drafts.
    const april = await staff.api
      .post('/api/newsletters')
      .send({ from: '2026-04-01', to: '2026-04-30' })
      .expect(201);
    const may = await staff.api
      .post('/api/newsletters')
      .send({ from: '2026-05-01', to: '2026-05-31' })
      .expect(201);
    expect(
      (await staff.api.post(`/api/newsletters/${may.body.newsletter.id}/publish`).expect(200)).body
        .number,
    ).toBe(2);
    expect(
      (await staff.api.post(`/api/newsletters/${april.body.newsletter.id}/publish`).expect(200))
        .body.number,
    ).toBe(3);
    await request(t.http).get('/newsletters/4').expect(404);

    const archive = await staff.api.get('/archive').expect(200);
    const order = ['/newsletters/3', '/newsletters/2', '/newsletters/1'].map((path) =>
      archive.text.indexOf(path),
    );
    expect(order.every((at, i) => at > 0 && (i === 0 || at > order[i - 1]))).toBe(true);
    expect(archive.text).toContain('Compte rendu — Plateforme de mars');
    const list = await staff.api.get('/api/newsletters/published').expect(200);
    expect(list.body.map((n: { number: number }) => n.number)).toEqual([3, 2, 1]);
  });

  it('shows projects launched, status changes and projects that need attention', async () => {
    t.clock.set('2026-08-03T10:00:00Z');
    const lead = await createPartnerJoined(
      t,
      'Entreprise d’insertion Le Relais',
      new Date('2026-01-05T10:00:00Z'),
    );
    const fresh = await createProject(staff, {
      title: 'Chantier d’été',
      leadPartnerId: lead.id,
      status: 'launched',
    });
    await staff.api
      .post(`/api/projects/${fresh.id}/follow-ups`)
      .send({ text: 'Le chantier démarre', status: 'active', statusReason: 'Équipe au complet' })
      .expect(201);
    // Launched long ago, never followed up: overdue, then stale.
    await insertLaunchedProjects(t, lead.id, 1, new Date('2026-05-01T08:00:00Z'), 30);
    t.clock.set('2026-09-01T10:00:00Z');
    const created = await staff.api
      .post('/api/newsletters')
      .send({ from: '2026-08-01', to: '2026-08-31' })
      .expect(201);
    const byKey = Object.fromEntries(
      created.body.newsletter.sections.map((s: { key: string; items: unknown[] }) => [
        s.key,
        s.items,
      ]),
    );
    expect(byKey['projects-launched']).toEqual([
      expect.objectContaining({
        title: 'Chantier d’été',
        leadPartner: lead.name,
        date: '2026-08-03',
      }),
    ]);
    expect(byKey['follow-ups']).toEqual([
      expect.objectContaining({
        project: 'Chantier d’été',
        statusTo: 'active',
        text: 'Le chantier démarre',
      }),
    ]);
    expect(byKey['projects-attention']).toEqual([
      expect.objectContaining({ title: 'Projet 0', state: 'stale' }),
    ]);
    expect(created.body.preview.text).toContain('Projets à relancer');
    expect(created.body.preview.text).toContain(
      'Projet 0 — porteur : Entreprise d’insertion Le Relais (sans nouvelles)',
    );
    expect(created.body.preview.text).toContain('en cours');
  });

  it('shows at most 30 new partners and 30 upcoming meetings, in as many queries as for one', async () => {
    const build = async () => {
      const before = t.queries.total;
      const response = await staff.api
        .post('/api/newsletters')
        .send({ from: '2026-03-01', to: '2026-03-31' })
        .expect(201);
      const byKey = Object.fromEntries(
        response.body.newsletter.sections.map((s: { key: string; items: unknown[] }) => [
          s.key,
          s.items,
        ]),
      );
      return { queries: t.queries.total - before, byKey };
    };
    await createPartnerJoined(t, 'Partenaire 00', new Date('2026-03-10T10:00:00Z'));
    // Upcoming from the test clock's now (other tests move it).
    const soon = (hours: number) =>
      new Date(t.clock.now().getTime() + (hours + 1) * 3_600_000).toISOString();
    await createPlannedMeeting(t, 'Réunion 00', soon(0));
    await build(); // warm-up: the token's first use stamps it (one write more)
    const one = await build();
    // (The app is shared with the other tests: a few more may be there already.)
    expect(one.byKey['new-partners'].length).toBeLessThan(5);
    expect(one.byKey['upcoming-meetings'].length).toBeLessThan(5);
    for (let i = 1; i < 32; i++) {
      const n = String(i).padStart(2, '0');
      await createPartnerJoined(t, `Partenaire ${n}`, new Date('2026-03-10T10:00:00Z'));
      await createPlannedMeeting(t, `Réunion ${n}`, soon(i));
    }
    const many = await build();
    const partners = many.byKey['new-partners'] as { name: string }[];
    expect(partners).toHaveLength(30);
    // In French order: the school joined in an earlier test comes first.
    expect(partners[0].name).toBe('École de la deuxième chance');
    expect(partners[1].name).toBe('Partenaire 00');
    expect(partners[29].name).toBe('Partenaire 28');
    const meetings = many.byKey['upcoming-meetings'] as { title: string }[];
    expect(meetings).toHaveLength(30);
    expect(meetings[0].title).toBe('Réunion 00');
    expect(many.queries).toBe(one.queries);
  });

  it('never shows a draft publicly and refuses bad periods', async () => {
    const draft = await staff.api
      .post('/api/newsletters')
      .send({ from: '2026-06-01', to: '2026-06-30', editorial: 'Secret' })
      .expect(201);
    const rows = await t.dataSource
      .getRepository(Newsletter)
      .findOneByOrFail({ id: draft.body.newsletter.id });
    expect(rows.number).toBeNull();
    const pages = await Promise.all(
      ['/archive', '/newsletters'].map((path) => staff.api.get(path).expect(200)),
    );
    for (const page of pages) expect(page.text).not.toContain('juin 2026');
    await staff.api
      .post('/api/newsletters')
      .send({ from: '2026-06-30', to: '2026-06-01' })
      .expect(422);
    await staff.api
      .post('/api/newsletters')
      .send({ from: '2026-06', to: '2026-06-30' })
      .expect(400);
    await staff.api.get('/api/newsletters/9999').expect(404);
    await request(t.http)
      .post('/api/newsletters')
      .send({ from: '2026-06-01', to: '2026-06-30' })
      .expect(401);
  });

  it('escapes user text from news, partners, meetings and the editorial', async () => {
    t.clock.set('2026-07-10T10:00:00Z');
    await staff.api
      .post('/api/news')
      .send({
        title: `Titre ${HOSTILE}`,
        body: `Corps ${HOSTILE}`,
        kind: 'local-news',
        date: '2026-07-05',
      })
      .expect(201);
    await t.app.get(Transactions).run(async (manager) => {
      await manager
        .getRepository(Partner)
        .update({ name: 'Arrivé en avril' }, { name: `Partenaire ${HOSTILE}` });
    });
    await createPartnerJoined(t, `Nouveau ${HOSTILE}`, new Date('2026-07-10T10:00:00Z'));
    await createPlannedMeeting(t, `Réunion ${HOSTILE}`, '2026-07-20T08:00:00Z', `Salle ${HOSTILE}`);
    const created = await staff.api
      .post('/api/newsletters')
      .send({ from: '2026-07-01', to: '2026-07-31', editorial: `Édito ${HOSTILE}` })
      .expect(201);
    const id = created.body.newsletter.id as number;
    await staff.api.post(`/api/newsletters/${id}/publish`).expect(200);
    const html = (await staff.api.get(`/api/newsletters/${id}/html`).expect(200)).text;
    const text = (await staff.api.get(`/api/newsletters/${id}/text`).expect(200)).text;
    const number = (await staff.api.get(`/api/newsletters/${id}`).expect(200)).body.newsletter
      .number as number;
    const web = (await staff.api.get(`/newsletters/${number}`).expect(200)).text;
    for (const document of [html, web, created.body.preview.html as string]) {
      expect(document).not.toContain('<script>');
      expect(document).not.toContain('" onmouseover="x');
    }
    for (const label of ['Titre', 'Corps', 'Nouveau', 'Réunion', 'Salle', 'Édito']) {
      expect(html).toContain(
        `${label} &lt;script&gt;alert(1)&lt;/script&gt; &quot; onmouseover&#x3D;&quot;x {{constructor}}`,
      );
      expect(text).toContain(`${label} ${HOSTILE}`);
    }
  });
});
