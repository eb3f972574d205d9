import { createMeeting, invite, seedPartners, SeededPartner } from './support/meetings';
import { createStaff, Staff } from './support/staff';
import { createTestApp, TestApp } from './support/test-app';

interface Row {
  partnerId: number;
  invited: number;
  present: number;
  excused: number;
  absent: number;
  attendanceRate: number | null;
}

describe('participation and weak ties', () => {
  let t: TestApp;
  let staff: Staff;
  let a: SeededPartner;
  let b: SeededPartner;
  let c: SeededPartner;
  const days = ['2026-03-12', '2026-03-19', '2026-03-26', '2026-04-02'];
  // Per meeting: attendance of A, B, C.
  const attendance = [
    ['present', 'present', 'excused'],
    ['present', 'absent', 'absent'],
    ['present', 'absent', 'present'],
    ['present', 'absent', 'absent'],
  ];

  beforeAll(async () => {
    t = await createTestApp({ now: '2026-03-01T09:00:00Z' });
    staff = await createStaff(t);
    [a, b, c] = await seedPartners(t, 3);
    const ids: number[] = [];
    for (const day of days) {
      const meeting = await createMeeting(staff, {
        startsAt: `${day}T08:00:00Z`,
        endsAt: `${day}T10:00:00Z`,
      });
      await invite(staff, meeting.id, [a.id, b.id, c.id]);
      ids.push(meeting.id);
    }
    // Neither a cancelled meeting nor a future one counts.
    const cancelled = await createMeeting(staff, {
      startsAt: '2026-03-05T08:00:00Z',
      endsAt: '2026-03-05T10:00:00Z',
    });
    await invite(staff, cancelled.id, [a.id, b.id, c.id]);
    await staff.api.post(`/api/meetings/${cancelled.id}/cancel`).send({ reason: 'x' }).expect(200);
    const future = await createMeeting(staff, {
      startsAt: '2026-05-05T08:00:00Z',
      endsAt: '2026-05-05T10:00:00Z',
    });
    await invite(staff, future.id, [a.id, b.id, c.id]);

    t.clock.set('2026-04-10T09:00:00Z');
    for (const [index, id] of ids.entries()) {
      const [sa, sb, sc] = attendance[index];
      await staff.api
        .put(`/api/meetings/${id}/attendance`)
        .send({
          entries: [
            { partnerId: a.id, status: sa },
            { partnerId: b.id, status: sb },
            { partnerId: c.id, status: sc },
          ],
        })
        .expect(200);
    }
  });
  afterAll(() => t.close());

  it('counts invited / present / excused / absent and the attendance rate per partner', async () => {
    const response = await staff.api
      .get('/api/stats/participation?from=2026-03-01T00:00:00Z&to=2026-05-01T00:00:00Z')
      .expect(200);
    const rows = response.body.items as Row[];
    const of = (p: SeededPartner) => rows.find((r) => r.partnerId === p.id);
    expect(of(a)).toMatchObject({
      invited: 4,
      present: 4,
      excused: 0,
      absent: 0,
      attendanceRate: 1,
    });
    expect(of(b)).toMatchObject({
      invited: 4,
      present: 1,
      excused: 0,
      absent: 3,
      attendanceRate: 0.25,
    });
    expect(of(c)).toMatchObject({
      invited: 4,
      present: 1,
      excused: 1,
      absent: 2,
      attendanceRate: 0.25,
    });

    const narrow = await staff.api
      .get('/api/stats/participation?from=2026-03-15T00:00:00Z&to=2026-04-01T00:00:00Z')
      .expect(200);
    expect((narrow.body.items as Row[]).find((r) => r.partnerId === b.id)).toMatchObject({
      invited: 2,
      absent: 2,
      attendanceRate: 0,
    });
    const defaults = await staff.api.get('/api/stats/participation').expect(200);
    expect(defaults.body.to).toBe('2026-04-10T09:00:00.000Z');
  });

  it('refuses a bad period, naming the field', async () => {
    const inverted = await staff.api
      .get('/api/stats/participation?from=2026-05-01T00:00:00Z&to=2026-03-01T00:00:00Z')
      .expect(422);
    expect(inverted.body.field).toBe('from');
    const bad = await staff.api.get('/api/stats/participation?from=yesterday').expect(400);
    expect(bad.body.errors[0].field).toBe('from');
  });

  it('lists the partners that missed their last N meetings (N from the query or the config)', async () => {
    const ids = async (query = '') =>
      (await staff.api.get(`/api/stats/weak-ties${query}`).expect(200)).body as {
        missed: number;
        items: { partnerId: number; lastMeetings: unknown[]; lastPresentAt: string | null }[];
      };
    const byDefault = await ids();
    expect(byDefault.missed).toBe(3);
    expect(byDefault.items.map((i) => i.partnerId)).toEqual([b.id]);
    expect(byDefault.items[0].lastMeetings).toHaveLength(3);
    expect(byDefault.items[0].lastPresentAt).toBe('2026-03-12T08:00:00.000Z');
    expect((await ids('?missed=1')).items.map((i) => i.partnerId).sort()).toEqual(
      [b.id, c.id].sort(),
    );
    expect((await ids('?missed=5')).items).toEqual([]);
    await staff.api.get('/api/stats/weak-ties?missed=0').expect(400);
  });

  it('takes N from WEAK_TIES_MISSED', async () => {
    const other = await createTestApp({ env: { WEAK_TIES_MISSED: '7' } });
    try {
      const otherStaff = await createStaff(other);
      const response = await otherStaff.api.get('/api/stats/weak-ties').expect(200);
      expect(response.body).toEqual({ missed: 7, items: [] });
    } finally {
      await other.close();
    }
  });
});
