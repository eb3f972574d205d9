import { IdentityService } from '../src/auth/identity.service';
import { Partner } from '../src/partners/partner.entity';
import { Project } from '../src/projects/project.entity';
import { DashboardService } from '../src/projects/dashboard/dashboard.service';
import { DASHBOARD_TTL_MS } from '../src/projects/dashboard/dashboard-snapshots';
import { TRANSITIONS, type ProjectStatus } from '../src/projects/project-status';
import { createMeeting, createPartner, createProject } from './support/projects';
import { createStaff, Staff } from './support/staff';
import { createTestApp, TestApp } from './support/test-app';

const start = '2026-03-02T09:00:00Z';
const onPostgres = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? '');
const DAY = 86_400_000;
/** Every API request looks its bearer token up: a snapshot hit costs that one statement only. */
const TOKEN_LOOKUP = 1;

/** A small deterministic generator, so that a failing sequence can be replayed. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return { int, pick: <T>(items: readonly T[]): T => items[int(items.length)] };
}

describe('dashboard snapshots: the same figures as a fresh computation, fewer queries', () => {
  let t: TestApp;
  let staff: Staff;

  beforeEach(async () => {
    t = await createTestApp({ now: start });
    staff = await createStaff(t);
  }, 60_000);
  afterEach(() => t.close(), 60_000);

  const measure = async (url = '/api/dashboard') => {
    const before = t.queries.total;
    const body = (await staff.api.get(url).expect(200)).body;
    // The token's last-use write may outlive the response: counted with the request it belongs to.
    await t.app.get(IdentityService).touchesSettled();
    return { queries: t.queries.total - before, body };
  };
  /** A launched project followed every 30 days, as stored (its due moments). */
  const launchedProject = async () => {
    const lead = await createPartner(t, { name: 'Porteur' });
    const { id } = await createProject(staff, {
      leadPartnerId: lead.partner.id,
      status: 'launched',
      cadenceDays: 30,
    });
    return t.dataSource.getRepository(Project).findOneByOrFail({ id });
  };

  /** The per-partner counts the triggers keep, and the same counted from every project. */
  const counts = async () => {
    const rows: Record<string, unknown>[] = await t.dataSource.query(
      `SELECT partner_id, leads, leads_open, participates, participates_open, involved
         FROM partner_project_counts WHERE involved > 0 ORDER BY partner_id`,
    );
    return rows.map((row) => Object.values(row).map(Number));
  };
  const recount = async () => {
    const open = (status: string) =>
      `CASE WHEN ${status} IN ('completed', 'abandoned') THEN 0 ELSE 1 END`;
    const rows: Record<string, unknown>[] = await t.dataSource.query(
      `SELECT partner_id, SUM(leads) AS l, SUM(leads_open) AS lo, SUM(participates) AS p,
              SUM(participates_open) AS po, SUM(leads) + SUM(participates) AS i
         FROM (SELECT lead_partner_id AS partner_id, 1 AS leads, ${open('status')} AS leads_open,
                      0 AS participates, 0 AS participates_open FROM projects
               UNION ALL
               SELECT pp.partner_id, 0, 0, 1, ${open('p.status')}
                 FROM project_participants pp JOIN projects p ON p.id = pp.project_id) x
        GROUP BY partner_id ORDER BY partner_id`,
    );
    return rows.map((row) => Object.values(row).map(Number));
  };
  const fresh = async (limit = 50) =>
    JSON.parse(JSON.stringify(await t.app.get(DashboardService).fresh(limit))) as unknown;

  it('answers from the snapshot without SQL, and shows a write through the API at once', async () => {
    const lead = await createPartner(t, { name: 'Porteur' });
    await createProject(staff, { leadPartnerId: lead.partner.id, status: 'launched' });
    await measure('/api/projects'); // warm-up (token last use)
    const miss = await measure();
    expect(miss.queries).toBeGreaterThan(TOKEN_LOOKUP);
    const hit = await measure();
    expect(hit.queries).toBe(TOKEN_LOOKUP);
    expect(hit.body).toEqual(miss.body);

    const created = await createProject(staff, {
      leadPartnerId: lead.partner.id,
      status: 'active',
    });
    const after = await measure();
    expect(after.queries).toBe(miss.queries);
    expect(after.body.followUp.tracked).toBe(2);
    expect(after.body.statuses.active).toBe(1);

    await staff.api.post(`/api/projects/${created.id}/follow-ups`).send({ text: 'Point' });
    expect((await measure()).body.followUp.never).toBe(1);
    await staff.api.patch(`/api/partners/${lead.partner.id}`).send({ name: 'Porteur renommé' });
    expect((await measure()).body.projectsPerPartner[0].partner.name).toBe('Porteur renommé');
    expect((await measure()).body).toEqual(await fresh());
  });

  it('serves a snapshot until the next due moment, and other processes’ writes within the TTL', async () => {
    const project = await launchedProject();
    t.clock.set(new Date(project.dueSoonAt!.getTime() - 1));
    expect((await measure()).body.followUp['on-track']).toBe(1);
    t.clock.advanceMs(0);
    const before = await measure();
    expect(before.queries).toBe(TOKEN_LOOKUP);
    t.clock.set(project.dueSoonAt!);
    const due = await measure();
    expect(due.queries).toBeGreaterThan(TOKEN_LOOKUP);
    expect(due.body.followUp).toMatchObject({ 'on-track': 0, 'due-soon': 1 });
    // Days since the last follow-up move with the clock even when no state changes.
    t.clock.set(new Date(project.dueAt!.getTime() + 3 * DAY - 1));
    expect((await measure()).body.needingAttention.items[0].daysOverdue).toBe(2);
    t.clock.advanceMs(1);
    const later = await measure();
    expect(later.queries).toBe(TOKEN_LOOKUP);
    expect(later.body.needingAttention.items[0].daysOverdue).toBe(3);
    expect(later.body).toEqual(await fresh());

    // Hand-written SQL in this process is seen like any other write.
    await t.dataSource.query(`UPDATE projects SET title = 'Ici' WHERE id = ${project.id}`);
    expect((await measure()).body.needingAttention.items[0].title).toBe('Ici');

    // Another process sharing the database: on PostgreSQL its commit notifies this one, which
    // shows it at the next read; on SQLite (one process per file, but a CLI may write) within the TTL.
    const other = await createTestApp({ now: start, databaseUrl: t.databaseUrl });
    try {
      await other.dataSource.query(
        `UPDATE projects SET title = 'Ailleurs' WHERE id = ${project.id}`,
      );
    } finally {
      await other.close();
    }
    if (!onPostgres) {
      expect((await measure()).body.needingAttention.items[0].title).toBe('Ici');
      t.clock.advanceMs(DASHBOARD_TTL_MS);
    }
    expect((await measure()).body.needingAttention.items[0].title).toBe('Ailleurs');
  });

  it('equals a full recomputation after random writes and clock moves', async () => {
    const seed = Number(process.env.DASHBOARD_SEED ?? 20261121);
    const r = random(seed);
    const partners: Partner[] = [];
    for (let i = 0; i < 8; i += 1) partners.push((await createPartner(t)).partner);
    const meetings = [
      await createMeeting(t, '2026-02-10T09:00:00Z', 'Février'),
      await createMeeting(t, '2026-02-24T09:00:00Z', 'Mars'),
    ];
    const projects: { id: number }[] = [];
    const createOne = async () => {
      const lead = r.pick(partners);
      const others = partners.filter((p) => p.id !== lead.id);
      const participants = [...new Set([r.pick(others), r.pick(others)])].slice(0, r.int(3));
      const body = await createProject(staff, {
        leadPartnerId: lead.id,
        status: r.pick(['idea', 'launched', 'active'] as const),
        cadenceDays: 7 + r.int(60),
        ...(r.int(2) ? { originMeetingId: r.pick(meetings).id } : {}),
        participants: participants.map((p) => ({ partnerId: p.id, role: 'relais' })),
      });
      projects.push({ id: body.id });
    };
    for (let i = 0; i < 12; i += 1) await createOne();
    const moments = async () => {
      const rows = await t.dataSource.getRepository(Project).find();
      return rows
        .flatMap((p) => [p.dueSoonAt, p.dueAt, p.staleAt, p.snoozedUntil])
        .filter((d): d is Date => d !== null && d.getTime() > t.clock.now().getTime())
        .sort((a, b) => a.getTime() - b.getTime());
    };
    const actions: Record<string, () => Promise<unknown>> = {
      create: createOne,
      followUp: () =>
        staff.api.post(`/api/projects/${r.pick(projects).id}/follow-ups`).send({ text: 'Point' }),
      status: async () => {
        const project = r.pick(projects);
        const current = (await staff.api.get(`/api/projects/${project.id}`)).body
          .status as ProjectStatus;
        const next = TRANSITIONS[current];
        if (next.length === 0) return;
        await staff.api
          .patch(`/api/projects/${project.id}`)
          .send({ status: r.pick(next), statusReason: 'Au hasard' });
      },
      participants: () =>
        staff.api
          .patch(`/api/projects/${r.pick(projects).id}`)
          .send({ participants: [{ partnerId: r.pick(partners).id, role: 'relais' }] }),
      snooze: () => {
        const until = new Date(t.clock.now().getTime() + (2 + r.int(20)) * DAY);
        return staff.api
          .post(`/api/projects/${r.pick(projects).id}/snooze`)
          .send({ until: until.toISOString().slice(0, 10), reason: 'Attente' });
      },
      unsnooze: () => staff.api.delete(`/api/projects/${r.pick(projects).id}/snooze`),
      rename: () =>
        staff.api.patch(`/api/partners/${r.pick(partners).id}`).send({ name: `P ${r.int(1000)}` }),
      meeting: () =>
        staff.api.patch(`/api/meetings/${r.pick(meetings).id}`).send({ title: `R ${r.int(1000)}` }),
      tick: () => Promise.resolve(t.clock.advanceMs(r.pick([1, 1_000, 3_600_000, DAY, 9 * DAY]))),
      edge: async () => {
        // A snapshot taken just before the next stored moment must end exactly there.
        const next = (await moments())[0];
        if (!next) return;
        t.clock.set(new Date(next.getTime() - 1 - r.int(2)));
        await measure(`/api/dashboard?limit=${r.pick([1, 3, 50])}`);
        t.clock.set(new Date(next.getTime() - r.int(2)));
      },
    };
    const names = Object.keys(actions);
    const seen = new Set<string>();
    for (let step = 0; step < 80; step += 1) {
      const limit = r.pick([1, 3, 50]);
      expect({ seed, step, counts: await counts() }).toEqual({
        seed,
        step,
        counts: await recount(),
      });
      const cached = (await measure(`/api/dashboard?limit=${limit}`)).body;
      expect({ seed, step, body: cached }).toEqual({ seed, step, body: await fresh(limit) });
      const name = r.pick(names);
      const response = (await actions[name]()) as { status?: number } | undefined;
      seen.add(`${name} ${response?.status ?? 'done'}`);
    }
    // Deleting a project (no API does) and moving a participation keep the counts too.
    const { id } = r.pick(projects);
    await t.dataSource.query(
      `UPDATE project_participants SET partner_id = ${partners[0].id}
        WHERE id = (SELECT MIN(id) FROM project_participants WHERE partner_id <> ${partners[0].id})`,
    );
    await t.dataSource.getRepository(Project).delete({ id });
    expect(await counts()).toEqual(await recount());
    expect((await measure()).body).toEqual(await fresh());
    // Each kind of write succeeded at least once (some are refused at random: a 4xx is fine).
    expect([...seen]).toEqual(
      expect.arrayContaining([
        'followUp 201',
        'participants 200',
        'snooze 200',
        'unsnooze 200',
        'rename 200',
        'meeting 200',
      ]),
    );
  }, 120_000);

  it('sends the text Express wrote from the object, reused until a moving figure moves', async () => {
    const project = await launchedProject();
    const sent = async () => {
      const response = await staff.api.get('/api/dashboard?limit=10').expect(200);
      expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
      return response.text;
    };
    const written = async () => JSON.stringify(await t.app.get(DashboardService).dashboard(10));
    t.clock.set(new Date(project.dueAt!.getTime() + 2 * DAY));
    expect(await sent()).toBe(await written());
    // Within the same snapshot: `now` moves, then a day passes for the overdue project.
    t.clock.advanceMs(1_000);
    const second = await sent();
    expect(second).toBe(await written());
    expect(JSON.parse(second)).toMatchObject({ now: t.clock.now().toISOString() });
    // One millisecond later, in the same snapshot, the project is overdue by one more day.
    t.clock.set(new Date(project.dueAt!.getTime() + 3 * DAY - 1));
    expect(JSON.parse(await sent()).needingAttention.items[0].daysOverdue).toBe(2);
    t.clock.advanceMs(1);
    const queries = t.queries.total;
    const third = await sent();
    expect(t.queries.total - queries).toBe(TOKEN_LOOKUP);
    expect(third).toBe(await written());
    expect(JSON.parse(third).needingAttention.items[0].daysOverdue).toBe(3);
  });
});
