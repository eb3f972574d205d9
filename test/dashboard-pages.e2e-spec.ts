import request from 'supertest';
import { Transactions } from '../src/database/transactions';
import { Invitation } from '../src/meetings/invitations/invitation.entity';
import { Meeting } from '../src/meetings/meeting.entity';
import { createPartner, createMeeting, insertLaunchedProjects } from './support/projects';
import { seedPartners } from './support/meetings';
import { signInWithForm, type BrowserSession } from './support/session';
import { createStaff, type Staff } from './support/staff';
import { createTestApp, type TestApp } from './support/test-app';

type Cell = { invited: boolean; answer?: string | null; attendance?: string | null };

async function meetingWith(
  t: TestApp,
  startsAt: string,
  title: string,
  status: 'planned' | 'held',
  cells: Map<number, Cell>,
): Promise<Meeting> {
  const meeting = await createMeeting(t, startsAt, title);
  await t.app.get(Transactions).run(async (manager) => {
    await manager.getRepository(Meeting).update({ id: meeting.id }, { status });
    if (cells.size === 0) return;
    await manager.getRepository(Invitation).insert(
      [...cells].map(([partnerId, cell]) => ({
        meetingId: meeting.id,
        partnerId,
        invited: cell.invited,
        tokenHash: null,
        tokenIssuedAt: null,
        answer: (cell.answer ?? null) as Invitation['answer'],
        answeredAt: null,
        answerNote: null,
        attendance: (cell.attendance ?? null) as Invitation['attendance'],
        attendanceRecordedAt: null,
      })),
    );
  });
  return meeting;
}

/** The data-cell values of a partner's heatmap row, left (oldest) to right. */
function heatmapRow(html: string, partner: string): string[] {
  const start = html.indexOf(`<th scope="row">${partner}</th>`);
  if (start < 0) return [];
  const row = html.slice(start, html.indexOf('</tr>', start));
  return [...row.matchAll(/data-cell="([^"]+)"/g)].map((m) => m[1]);
}

function section(html: string, id: string): string {
  const start = html.indexOf(`aria-labelledby="${id}"`);
  return html.slice(start, html.indexOf('</section>', start));
}

describe('staff dashboard page (GET /)', () => {
  let t: TestApp;
  let staff: Staff;
  let session: BrowserSession;
  const names = { a: 'Alpha <asso>', b: 'Bêta', c: 'Gamma' };
  const ids: Record<'a' | 'b' | 'c', number> = { a: 0, b: 0, c: 0 };

  const dashboard = async () => {
    const before = t.queries.total;
    const response = await session.agent.get('/').set('Accept', 'text/html').expect(200);
    return { html: response.text, queries: t.queries.total - before };
  };

  beforeAll(async () => {
    t = await createTestApp({ now: '2026-03-02T09:00:00Z' });
    staff = await createStaff(t, 'coordinator');
    session = await signInWithForm(t, staff.user.email, staff.password);
    for (const key of ['a', 'b', 'c'] as const) {
      ids[key] = (await createPartner(t, { name: names[key] })).partner.id;
    }
    const { a, b, c } = ids;
    await meetingWith(
      t,
      '2026-01-05T14:00:00Z',
      'Réunion janvier',
      'held',
      new Map([
        [a, { invited: true, attendance: 'present' }],
        [b, { invited: true, attendance: 'absent' }],
        [c, { invited: true, attendance: 'excused' }],
      ]),
    );
    await meetingWith(
      t,
      '2026-02-02T14:00:00Z',
      'Réunion février',
      'held',
      new Map([
        [a, { invited: true, attendance: 'present' }],
        [b, { invited: true, attendance: 'excused' }],
        [c, { invited: false, attendance: 'present' }],
      ]),
    );
    await meetingWith(
      t,
      '2026-02-23T14:00:00Z',
      'Réunion fin février',
      'held',
      new Map([
        [a, { invited: true, attendance: 'absent' }],
        [b, { invited: true, attendance: 'absent' }],
      ]),
    );
    await meetingWith(
      t,
      '2026-03-10T14:00:00Z',
      'Prochaine réunion',
      'planned',
      new Map([
        [a, { invited: true, answer: 'coming' }],
        [b, { invited: true, answer: 'excused' }],
        [c, { invited: true }],
      ]),
    );
    // cadence 30: launched 2025-12-01 → stale; 2026-01-15 → overdue; 2026-02-20 → on track.
    await insertLaunchedProjects(t, a, 2, new Date('2025-12-01T09:00:00Z'));
    await insertLaunchedProjects(t, b, 3, new Date('2026-01-15T09:00:00Z'));
    await insertLaunchedProjects(t, c, 1, new Date('2026-02-20T09:00:00Z'));
  });
  afterAll(() => t.close());

  it('needs a signed-in staff member', async () => {
    await request(t.http).get('/').set('Accept', 'text/html').expect(303);
  });

  it('keeps the greeting and shows the next meeting with its answer counts', async () => {
    const { html } = await dashboard();
    expect(html).toContain('Bonjour Staff');
    expect(html).toContain('href="/api/docs"');
    const meetings = section(html, 'dash-meetings');
    expect(meetings).toContain('Prochaine réunion');
    expect(meetings).not.toContain('Réunion janvier');
    const row = /<tr class="next-meeting"[\s\S]*?<\/tr>/.exec(meetings)![0];
    expect([...row.matchAll(/<td>(\d+)<\/td>/g)].map((m) => Number(m[1]))).toEqual([3, 1, 1, 0, 1]);
  });

  it('draws the heatmap of the last meetings with text for each cell, escaping names', async () => {
    const { html } = await dashboard();
    const heatmap = section(html, 'dash-heatmap');
    expect(heatmap).toContain('Alpha &lt;asso&gt;');
    expect(heatmap).not.toContain('Alpha <asso>');
    expect(heatmapRow(heatmap, 'Alpha &lt;asso&gt;')).toEqual(['present', 'present', 'absent']);
    expect(heatmapRow(heatmap, 'Bêta')).toEqual(['absent', 'excused', 'absent']);
    expect(heatmapRow(heatmap, 'Gamma')).toEqual(['excused', 'present', 'not-invited']);
    // Most invited first: Alpha and Bêta (3), then Gamma; screen readers get the words.
    expect(heatmap.indexOf('Alpha')).toBeLessThan(heatmap.indexOf('Bêta'));
    expect(heatmap.indexOf('Bêta')).toBeLessThan(heatmap.indexOf('Gamma'));
    expect(heatmap).toContain('<span class="visually-hidden">non invité</span>');
    expect(heatmap).toContain('<th scope="col">');
  });

  it('charts projects by follow-up state, with the same numbers as text', async () => {
    const { html } = await dashboard();
    const chart = section(html, 'dash-chart');
    expect(chart).toContain('<title id="chart-title">');
    const figures = Object.fromEntries(
      [...chart.matchAll(/<tr data-state="([^"]+)">[\s\S]*?<td>(\d+)<\/td>/g)].map((m) => [
        m[1],
        Number(m[2]),
      ]),
    );
    expect(figures).toEqual({ 'on-track': 1, 'due-soon': 0, overdue: 3, stale: 2, snoozed: 0 });
    expect(chart).toContain('en retard : 3');
    const api = await staff.api.get('/api/dashboard').expect(200);
    const followUp = api.body.followUp as Record<string, number>;
    for (const state of ['on-track', 'due-soon', 'overdue', 'stale', 'snoozed']) {
      expect(figures[state]).toBe(followUp[state]);
    }
  });

  it('lists overdue and stale projects and partners drifting away', async () => {
    const { html } = await dashboard();
    expect(section(html, 'dash-overdue')).toContain('Projets en retard de suivi (3)');
    expect(section(html, 'dash-overdue').match(/<li>/g)).toHaveLength(3);
    expect(section(html, 'dash-stale').match(/<li>/g)).toHaveLength(2);
    const weak = section(html, 'dash-weak');
    expect(weak).toContain('Bêta');
    expect(weak).not.toContain('Alpha');
    expect(weak).toContain('jamais présent');
  });

  it('bounds every list and keeps the same number of queries with more data', async () => {
    const small = await dashboard();
    const grow = async (round: number) => {
      const many = await seedPartners(t, 20, { contacts: 0 });
      for (let i = 0; i < 7; i += 1) {
        await meetingWith(
          t,
          new Date(Date.UTC(2025, 9 - round * 3, 1 + i * 7, 14)).toISOString(),
          `Ancienne ${round}.${i}`,
          'held',
          new Map(
            many.map((p, k) => [p.id, { invited: true, attendance: k % 2 ? 'absent' : null }]),
          ),
        );
        await meetingWith(
          t,
          `2026-0${4 + round}-${10 + i}T14:00:00Z`,
          `Future ${i}`,
          'planned',
          new Map(),
        );
      }
      await insertLaunchedProjects(t, ids.c, 25, new Date('2025-11-01T09:00:00Z'));
      await insertLaunchedProjects(t, ids.b, 15, new Date('2026-01-20T09:00:00Z'));
    };
    await grow(0);
    const medium = await dashboard();
    await grow(1);
    const large = await dashboard();
    // Lists shorter than their limit spare a COUNT; past the limits, the number is fixed.
    expect(large.queries).toBe(medium.queries);
    expect(small.queries).toBeLessThanOrEqual(medium.queries);
    expect(large.queries).toBeLessThanOrEqual(20);

    const html = large.html;
    expect(section(html, 'dash-stale').match(/<li>/g)).toHaveLength(8);
    expect(section(html, 'dash-stale')).toContain('href="/projects?state=stale"');
    expect(section(html, 'dash-stale')).toContain('Voir les 52 projets');
    expect(section(html, 'dash-overdue')).toContain('Voir les 33 projets');
    expect(section(html, 'dash-meetings').match(/class="next-meeting"/g)).toHaveLength(5);
    expect(section(html, 'dash-meetings')).toContain('Voir les 15 réunions à venir');
    const heatmap = section(html, 'dash-heatmap');
    expect(heatmap.match(/<th scope="row">/g)).toHaveLength(30);
    expect(heatmap).toContain('Les 30 partenaires les plus invités sur 43');
    const header = /<thead>[\s\S]*?<\/thead>/.exec(heatmap)![0];
    expect(header.match(/<th scope="col">/g)).toHaveLength(12 + 2);
    // The weak ties list is bounded too (the 20 partners absent everywhere, and Bêta).
    expect(section(html, 'dash-weak').match(/<li>/g)).toHaveLength(8);
    expect(section(html, 'dash-weak')).toContain('href="/api/stats/weak-ties"');
  });
});
