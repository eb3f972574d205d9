import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import request from 'supertest';
import { AuditEntry } from '../src/audit/audit-entry.entity';
import { readableChanges } from '../src/audit/readable-changes';
import { ViewService } from '../src/common/web/view.service';
import { AppConfig } from '../src/config/app-config';
import { DemoDataService, type DemoLoadResult } from '../src/demo/demo-data.service';
import { DEMO_MEETINGS } from '../src/demo/demo-meetings';
import { DEMO_PARTNERS } from '../src/demo/demo-partners';
import { DEMO_PROJECTS } from '../src/demo/demo-projects';
import { DEMO_SPEAKERS } from '../src/demo/demo-topics';
import { CreateContactDto } from '../src/partners/contacts/create-contact.dto';
import { CreatePartnerDto } from '../src/partners/create-partner.dto';
import { FOLLOW_UP_FILTERS } from '../src/projects/follow-ups/follow-up-state';
import { csrfFromHtml, signIn } from './support/session';
import { createStaff, Staff } from './support/staff';
import { createTestApp, TestApp } from './support/test-app';

const CONTACTS = DEMO_PARTNERS.reduce((n, p) => n + p.contacts.length, 0);
const PAST = DEMO_MEETINGS.filter((m) => m.minutes);

type Titled = { title: string };
const titles = (body: { items: Titled[] }) => body.items.map((item) => item.title);

/** The totals a second load must leave as they are. */
async function totals(staff: Staff): Promise<Record<string, number>> {
  const paths = {
    partners: '/api/partners?active=all',
    meetings: '/api/meetings',
    projects: '/api/projects',
    themes: '/api/themes',
    speakers: '/api/speakers?archived=true',
    news: '/api/news',
    newsletters: '/api/newsletters',
    outbox: '/api/outbox',
  };
  const result: Record<string, number> = {};
  for (const [name, path] of Object.entries(paths)) {
    result[name] = (await staff.api.get(path).expect(200)).body.total;
  }
  return result;
}

describe('demo data', () => {
  let t: TestApp;
  let staff: Staff;
  let loaded: DemoLoadResult;
  beforeAll(async () => {
    t = await createTestApp();
    staff = await createStaff(t, 'admin');
    loaded = await t.app.get(DemoDataService).load();
  });
  afterAll(() => t.close());

  it('is a French network of about thirty partners that passes the API validation', () => {
    expect(DEMO_PARTNERS.length).toBeGreaterThanOrEqual(28);
    expect(DEMO_PARTNERS.length).toBeLessThanOrEqual(35);
    const kinds = new Set(DEMO_PARTNERS.map((p) => p.kind));
    expect(kinds.size).toBeGreaterThanOrEqual(10);
    expect(DEMO_PARTNERS.filter((p) => p.name.length > 80).length).toBeGreaterThanOrEqual(2);
    for (const { contacts, ...partner } of DEMO_PARTNERS) {
      expect(validateSync(plainToInstance(CreatePartnerDto, partner))).toEqual([]);
      expect(partner.email).toMatch(/\.example\.org$/);
      expect(contacts.length).toBeGreaterThanOrEqual(1);
      expect(contacts.length).toBeLessThanOrEqual(4);
      for (const contact of contacts) {
        expect(validateSync(plainToInstance(CreateContactDto, contact))).toEqual([]);
        expect(contact.email).toMatch(/^[a-z.-]+@[a-z0-9-]+\.example\.org$/);
      }
      // Seine-Amont, Val-de-Marne.
      expect(partner.latitude).toBeGreaterThan(48.72);
      expect(partner.latitude).toBeLessThan(48.83);
      expect(partner.longitude).toBeGreaterThan(2.34);
      expect(partner.longitude).toBeLessThan(2.5);
    }
    const people = DEMO_PARTNERS.flatMap((p) => p.contacts);
    expect(people.some((c) => c.fullName.length > 40 && (c.jobTitle ?? '').length > 100)).toBe(
      true,
    );
    expect(people.some((c) => c.newsletterConsent)).toBe(true);
    expect(people.some((c) => !c.newsletterConsent)).toBe(true);
  });

  it('loads fast, through the services, as the first administrator', async () => {
    expect(loaded).toMatchObject({
      partners: DEMO_PARTNERS.length,
      contacts: CONTACTS,
      skipped: 0,
      activity: true,
      meetings: DEMO_MEETINGS.length,
      projects: DEMO_PROJECTS.length,
    });
    // About 5 s on SQLite on a shared CI machine; the bound catches a load gone quadratic.
    expect(loaded.milliseconds).toBeLessThan(60_000);
    const byAdmin = await t.dataSource
      .getRepository(AuditEntry)
      .countBy({ actorUserId: staff.user.id, action: 'create' });
    expect(byAdmin).toBeGreaterThan(DEMO_PARTNERS.length + CONTACTS);
    const long = await staff.api.get('/api/partners?q=intercommunale insertion').expect(200);
    expect(long.body.items[0].name).toBe(
      'Association intercommunale pour l’insertion professionnelle et sociale du Val-de-Marne',
    );
    const byContact = await staff.api.get('/api/partners?q=benkhaled').expect(200);
    expect(byContact.body.items.map((p: { name: string }) => p.name)).toEqual([
      'Mission locale Ivry-Vitry',
    ]);
  });

  it('shows the upcoming meetings and their answers on the dashboard (API and page)', async () => {
    const upcoming = await staff.api.get('/api/meetings?upcoming=true').expect(200);
    expect(upcoming.body.total).toBe(DEMO_MEETINGS.length - PAST.length);
    expect(titles(upcoming.body)[0]).toMatch(/^Comité emploi (de [a-zéû]+|d’[aeiou][a-zéû]+)$/);
    // "d’octobre", never "de octobre".
    const all = await staff.api.get('/api/meetings?pageSize=100').expect(200);
    expect(titles(all.body).filter((title) => /\bde [aeiouy]/i.test(title))).toEqual([]);
    const next = await staff.api.get(`/api/meetings/${upcoming.body.items[0].id}`).expect(200);
    expect(next.body.counts).toMatchObject({
      invited: 17,
      coming: 9,
      excused: 2,
      notComing: 1,
      noAnswer: 5,
    });
    const dashboard = await staff.api.get('/api/dashboard').expect(200);
    expect(dashboard.body.followUp).toMatchObject({ 'on-track': 2, 'due-soon': 1, never: 1 });
    expect(dashboard.body.needingAttention.total).toBe(2);
    const session = await signIn(t, staff.user.email, staff.password);
    const page = await session.agent.get('/').set('Accept', 'text/html').expect(200);
    expect(page.text).toContain(upcoming.body.items[0].title);
    expect(page.text).toMatch(/<td>17<\/td><td>9<\/td><td>2<\/td><td>1<\/td><td>5<\/td>/);
  });

  it('has a project in every follow-up state, and closed ones', async () => {
    for (const state of FOLLOW_UP_FILTERS) {
      const list = await staff.api.get(`/api/projects?followUp=${state}`).expect(200);
      const expected = DEMO_PROJECTS.filter((p) => p.expected === state).map((p) => p.title);
      expect({ state, titles: titles(list.body) }).toEqual({
        state,
        titles: expect.arrayContaining(expected),
      });
      expect(list.body.total).toBeGreaterThanOrEqual(1);
    }
    for (const status of ['completed', 'abandoned', 'on_hold', 'idea']) {
      const list = await staff.api.get(`/api/projects?status=${status}`).expect(200);
      expect(list.body.total).toBe(1);
    }
    const born = await staff.api.get('/api/projects?pageSize=100').expect(200);
    for (const project of born.body.items) {
      expect(project.originMeetingId).toEqual(expect.any(Number));
    }
    const overdue = (await staff.api.get('/api/projects?followUp=overdue').expect(200)).body;
    const reminders = await staff.api
      .get(`/api/outbox?group=project-reminder:${overdue.items[0].id}`)
      .expect(200);
    expect(reminders.body.total).toBeGreaterThanOrEqual(1);
  });

  it('holds past meetings with attendance, presented themes, speakers and published minutes', async () => {
    const closed = await staff.api.get('/api/meetings?status=closed').expect(200);
    expect(closed.body.total).toBe(PAST.length);
    const first = await staff.api.get(`/api/meetings/${closed.body.items.at(-1).id}`).expect(200);
    expect(first.body.counts).toMatchObject({ present: 12, excused: 2, absent: 2 });
    expect(first.body.agenda.length).toBe(3);
    const minutes = await staff.api.get('/api/minutes').expect(200);
    expect(minutes.body.map((m: { version: number }) => m.version)).toEqual(PAST.map(() => 1));
    for (const status of ['proposed', 'scheduled', 'presented', 'archived']) {
      const list = await staff.api.get(`/api/themes?status=${status}`).expect(200);
      expect({ status, total: list.body.total > 0 }).toEqual({ status, total: true });
    }
    const popular = await staff.api.get('/api/themes?view=most-requested').expect(200);
    expect(titles(popular.body)[0]).toBe('Illettrisme et numérique : repérer, orienter');
    const speakers = await staff.api.get('/api/speakers').expect(200);
    expect(speakers.body.total).toBe(DEMO_SPEAKERS.length);
    const costs = await staff.api
      .get('/api/stats/speaker-costs?from=2025-01-01&to=2027-12-31')
      .expect(200);
    const withSpeaker = DEMO_MEETINGS.flatMap((m) => m.agenda).filter((item) => item.speaker);
    expect(costs.body.total.interventions).toBe(withSpeaker.length);
    expect(costs.body.total.totalCents).toBeGreaterThan(65_000);
  });

  it('leaves a trail every field of which reads in French and English, no code or UTC instant', async () => {
    const views = t.app.get(ViewService);
    const config = t.app.get(AppConfig);
    const entries = await t.dataSource.getRepository(AuditEntry).find();
    const fields = new Set(entries.flatMap((entry) => Object.keys(entry.changes ?? {})));
    expect(fields.size).toBeGreaterThan(60);
    for (const locale of ['fr', 'en'] as const) {
      const unlabelled = [...fields].filter(
        (f) => !views.translator.has(locale, `audit.field.${f}`),
      );
      expect({ locale, unlabelled }).toEqual({ locale, unlabelled: [] });
    }
    const reading = { views, locale: config.locale, timeZone: config.timeZone };
    const values = entries.flatMap((entry) =>
      readableChanges(reading, entry.entityType, entry.changes).flatMap((c) => [c.before, c.after]),
    );
    const raw = values.filter((value) =>
      /\d{4}-\d\d-\d\dT|^(planned|closed|launched|on_hold|network-meeting|round-of-news|regulation|agency|proposed|network|present|draft|published)$|[{}"]/.test(
        value,
      ),
    );
    expect(raw).toEqual([]);
    const page = await (
      await signIn(t, staff.user.email, staff.password)
    ).agent
      .get('/admin/audit?pageSize=100')
      .set('Accept', 'text/html')
      .expect(200);
    expect(page.text).not.toMatch(/\d{4}-\d\d-\d\dT\d\d:\d\d/);
    expect(page.text).toContain('n° ');
  });

  it('has a newsletter published and recorded as sent, without any demo mail leaving', async () => {
    const published = await staff.api.get('/api/newsletters/published').expect(200);
    expect(published.body.length).toBe(1);
    const issue = published.body[0];
    expect(issue.title).toMatch(/^Lettre n° 1 — /);
    const delivery = await staff.api.get(`/api/newsletters/${issue.id}/delivery`).expect(200);
    const consenting = DEMO_PARTNERS.flatMap((p) => p.contacts).filter(
      (c) => c.newsletterConsent,
    ).length;
    expect(delivery.body.progress).toMatchObject({ total: consenting, sent: consenting });
    const sent = await staff.api.get('/api/outbox?status=sent&pageSize=100').expect(200);
    expect(new Set(sent.body.items.map((m: { transport: string }) => m.transport))).toEqual(
      new Set(['demo']),
    );
    // What still waits is real: the weekly digest to the staff account.
    const pending = await staff.api.get('/api/outbox?status=pending').expect(200);
    expect(pending.body.items.map((m: { purpose: string }) => m.purpose)).toEqual(['digest']);
    const session = await signIn(t, staff.user.email, staff.password);
    const outbox = await session.agent.get('/outbox').set('Accept', 'text/html').expect(200);
    expect(outbox.text).toContain('Démonstration (non envoyé)');
    const news = await staff.api.get('/api/news').expect(200);
    expect(news.body.total).toBeGreaterThanOrEqual(4);
  });

  it('refuses a second load in French, and --force adds nothing twice', async () => {
    const before = await totals(staff);
    await expect(t.app.get(DemoDataService).load()).rejects.toMatchObject({
      text: { key: 'errors.demo.notEmpty', params: { count: DEMO_PARTNERS.length } },
    });
    // DEMO_DATA=true at start-up leaves a directory with partners alone.
    expect(await t.app.get(DemoDataService).loadIfEmpty()).toBeNull();
    const forced = await t.app.get(DemoDataService).load({ force: true });
    expect(forced).toMatchObject({
      partners: 0,
      contacts: 0,
      skipped: DEMO_PARTNERS.length,
      activity: false,
      mails: 0,
    });
    expect(await totals(staff)).toEqual(before);
  });
});

describe('demo data from the set-up form', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('offers the checkbox on an empty database and loads the same data for the new admin', async () => {
    const agent = request.agent(t.http);
    const page = await agent.get('/setup').set('Accept', 'text/html').expect(200);
    expect(page.text).toContain('Charger des données de démonstration');
    await agent
      .post('/setup')
      .type('form')
      .set('Accept', 'text/html')
      .send({
        _csrf: csrfFromHtml(page.text),
        email: 'claire@agence.test',
        displayName: 'Claire Dumas',
        password: 'a very long password',
        passwordConfirmation: 'a very long password',
        demoData: '1',
      })
      .expect(303);
    const partners = await agent.get('/api/partners?active=all').expect(200);
    expect(partners.body.total).toBe(DEMO_PARTNERS.length);
    const projects = await agent.get('/api/projects?followUp=snoozed').expect(200);
    expect(projects.body.total).toBe(1);
    const audit = await t.dataSource
      .getRepository(AuditEntry)
      .countBy({ actorLabel: 'Claire Dumas', entityType: 'meeting', action: 'create' });
    expect(audit).toBe(DEMO_MEETINGS.length);
    const home = await agent.get('/').set('Accept', 'text/html').expect(200);
    expect(home.text).toMatch(/Comité emploi (de|d’)/);
  });
});
