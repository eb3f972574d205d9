import { AuditService } from '../src/audit/audit.service';
import { Transactions } from '../src/database/transactions';
import { PartnerHistoryRegistry } from '../src/partners/partner-history.registry';
import { Theme } from '../src/themes/catalogue/theme.entity';
import { createStaff, Staff } from './support/staff';
import { createTestApp, TestApp } from './support/test-app';
import { createPartner, createSpeaker, createTheme, fieldsOf } from './support/themes';

describe('themes API', () => {
  let t: TestApp;
  let staff: Staff;
  beforeAll(async () => {
    t = await createTestApp();
    staff = await createStaff(t);
  });
  afterAll(() => t.close());

  /** Writes themes straight to the database (many rows, or states reached through meetings). */
  async function insertThemes(rows: Partial<Theme>[]): Promise<number[]> {
    return t.app.get(Transactions).run(async (manager) => {
      const repository = manager.getRepository(Theme);
      const saved = await repository.save(
        rows.map((row, i) =>
          repository.create({
            title: `Inserted ${i}`,
            description: null,
            tags: [],
            status: 'proposed',
            proposedByPartnerId: null,
            proposedByUserId: staff.user.id,
            interestCount: 0,
            lastPresentedAt: null,
            archivedAt: null,
            ...row,
          }),
        ),
      );
      return saved.map((theme) => theme.id);
    });
  }

  it('creates a theme proposed by the signed-in staff member, tags folded', async () => {
    const response = await staff.api
      .post('/api/themes')
      .send({ title: '  Mobilité des jeunes ', tags: ['Mobilité', ' mobilité', 'Jeunes  NEET'] })
      .expect(201);
    expect(response.body).toMatchObject({
      title: 'Mobilité des jeunes',
      status: 'proposed',
      tags: ['mobilité', 'jeunes neet'],
      interestCount: 0,
      proposedBy: {
        kind: 'staff',
        partnerId: null,
        userId: staff.user.id,
        name: staff.user.displayName,
      },
    });
    const trail = await t.app.get(AuditService).trailOf('theme', response.body.id);
    expect(trail.map((entry) => entry.action)).toEqual(['create']);
  });

  it('creates a theme proposed by a partner', async () => {
    const partner = await createPartner(t, 'Mission locale de Lille');
    const theme = await createTheme(staff, { proposedByPartnerId: partner.id });
    const read = await staff.api.get(`/api/themes/${theme.id}`).expect(200);
    expect(read.body.proposedBy).toEqual({
      kind: 'partner',
      partnerId: partner.id,
      userId: staff.user.id,
      name: 'Mission locale de Lille',
    });
  });

  it('answers bad input with a 4xx naming the field', async () => {
    let r = await staff.api.post('/api/themes').send({}).expect(400);
    expect(fieldsOf(r.body)).toContain('title');
    r = await staff.api.post('/api/themes').send({ title: 'x', tags: 'a' }).expect(400);
    expect(fieldsOf(r.body)).toContain('tags');
    r = await staff.api.post('/api/themes').send({ title: 'x', colour: 'red' }).expect(400);
    expect(fieldsOf(r.body)).toContain('colour');
    r = await staff.api.post('/api/themes').send({ title: 'x', proposedByPartnerId: 999999 });
    expect(r.status).toBe(422);
    expect(r.body.field).toBe('proposedByPartnerId');
    r = await staff.api.get('/api/themes/abc').expect(400);
    expect(fieldsOf(r.body)).toEqual(['id']);
    r = await staff.api.get('/api/themes?view=popular').expect(400);
    expect(fieldsOf(r.body)).toContain('view');
    r = await staff.api.get('/api/themes?pageSize=1000').expect(400);
    expect(fieldsOf(r.body)).toContain('pageSize');
    await staff.api.get('/api/themes/999999').expect(404);
    await staff.api.patch('/api/themes/999999').send({ title: 'y' }).expect(404);
  });

  it('updates title, description and tags, and keeps an audit trail', async () => {
    const theme = await createTheme(staff);
    const response = await staff.api
      .patch(`/api/themes/${theme.id}`)
      .send({ title: 'Clauses sociales 2027', description: 'Les marchés', tags: ['Marchés'] })
      .expect(200);
    expect(response.body).toMatchObject({
      title: 'Clauses sociales 2027',
      description: 'Les marchés',
      tags: ['marchés'],
    });
    const trail = await t.app.get(AuditService).trailOf('theme', theme.id);
    expect(trail[1].changes.title).toEqual({
      before: 'Clauses sociales',
      after: 'Clauses sociales 2027',
    });
    const bad = await staff.api.patch(`/api/themes/${theme.id}`).send({ title: '' }).expect(400);
    expect(fieldsOf(bad.body)).toContain('title');
    const status = await staff.api
      .patch(`/api/themes/${theme.id}`)
      .send({ status: 'presented' })
      .expect(400);
    expect(fieldsOf(status.body)).toContain('status');
  });

  describe('interest', () => {
    it('counts interested partners and says which, once per partner', async () => {
      const theme = await createTheme(staff);
      const a = await createPartner(t, 'CPAS de Comines');
      const b = await createPartner(t, 'PLIE Lille Métropole');
      await staff.api
        .post(`/api/themes/${theme.id}/interest`)
        .send({ partnerId: a.id })
        .expect(200);
      await staff.api
        .post(`/api/themes/${theme.id}/interest`)
        .send({ partnerId: a.id })
        .expect(200);
      const both = await staff.api
        .post(`/api/themes/${theme.id}/interest`)
        .send({ partnerId: b.id })
        .expect(200);
      expect(both.body.interestCount).toBe(2);
      expect(both.body.interestedPartners.map((p: { name: string }) => p.name)).toEqual([
        'CPAS de Comines',
        'PLIE Lille Métropole',
      ]);
      const read = await staff.api.get(`/api/themes/${theme.id}`).expect(200);
      expect(read.body.interestCount).toBe(2);
      expect(read.body.interestedPartners).toHaveLength(2);

      const after = await staff.api
        .delete(`/api/themes/${theme.id}/interest`)
        .send({ partnerId: a.id })
        .expect(200);
      expect(after.body.interestCount).toBe(1);
      expect(after.body.interestedPartners).toEqual([
        expect.objectContaining({ partnerId: b.id, name: 'PLIE Lille Métropole' }),
      ]);
      // Withdrawing twice changes nothing.
      await staff.api
        .delete(`/api/themes/${theme.id}/interest`)
        .send({ partnerId: a.id })
        .expect(200);
      const list = await staff.api.get(`/api/themes/${theme.id}/interest`).expect(200);
      expect(list.body.interestCount).toBe(1);
      const row = await t.dataSource.getRepository(Theme).findOneByOrFail({ id: theme.id });
      expect(row.interestCount).toBe(1);
    });

    it('refuses an unknown partner, a missing partnerId, an unknown or archived theme', async () => {
      const theme = await createTheme(staff);
      let r = await staff.api
        .post(`/api/themes/${theme.id}/interest`)
        .send({ partnerId: 999999 })
        .expect(422);
      expect(r.body.field).toBe('partnerId');
      r = await staff.api.post(`/api/themes/${theme.id}/interest`).send({}).expect(400);
      expect(fieldsOf(r.body)).toContain('partnerId');
      const partner = await createPartner(t);
      await staff.api
        .post('/api/themes/999999/interest')
        .send({ partnerId: partner.id })
        .expect(404);
      await staff.api.post(`/api/themes/${theme.id}/archive`).expect(200);
      r = await staff.api
        .post(`/api/themes/${theme.id}/interest`)
        .send({ partnerId: partner.id })
        .expect(422);
      expect(r.body.field).toBe('status');
    });
  });

  it('archives a theme out of the default list, and restores it', async () => {
    const theme = await createTheme(staff, { title: 'À archiver' });
    const archived = await staff.api.post(`/api/themes/${theme.id}/archive`).expect(200);
    expect(archived.body).toMatchObject({
      status: 'archived',
      archivedAt: '2026-03-02T09:00:00.000Z',
    });
    const defaults = await staff.api.get('/api/themes?pageSize=100').expect(200);
    expect(defaults.body.items.map((i: { id: number }) => i.id)).not.toContain(theme.id);
    const only = await staff.api.get('/api/themes?status=archived').expect(200);
    expect(only.body.items.map((i: { id: number }) => i.id)).toContain(theme.id);
    const restored = await staff.api.post(`/api/themes/${theme.id}/restore`).expect(200);
    expect(restored.body).toMatchObject({ status: 'proposed', archivedAt: null });
    const [presented] = await insertThemes([
      { status: 'archived', lastPresentedAt: new Date('2025-06-01T10:00:00Z') },
    ]);
    const back = await staff.api.post(`/api/themes/${presented}/restore`).expect(200);
    expect(back.body.status).toBe('presented');
    const trail = await t.app.get(AuditService).trailOf('theme', theme.id);
    expect(trail.map((entry) => entry.action)).toEqual(['create', 'archive', 'restore']);
  });

  it('filters by words in the title and by tag', async () => {
    await createTheme(staff, { title: 'Garde d’enfants et emploi', tags: ['Parentalité'] });
    const words = await staff.api.get('/api/themes?q=ENFANTS%20garde').expect(200);
    expect(words.body.items.map((i: { title: string }) => i.title)).toEqual([
      'Garde d’enfants et emploi',
    ]);
    const tag = await staff.api.get('/api/themes?tag=parentalité').expect(200);
    expect(tag.body.items.map((i: { title: string }) => i.title)).toEqual([
      'Garde d’enfants et emploi',
    ]);
    const wildcard = await staff.api.get('/api/themes?q=%25').expect(200);
    expect(wildcard.body.total).toBe(0);
  });

  it('lists the most requested themes not yet scheduled, most interest first', async () => {
    const [one, three, none, scheduled, archived] = await insertThemes([
      { title: 'R1', interestCount: 1 },
      { title: 'R3', interestCount: 3 },
      { title: 'R0', interestCount: 0 },
      { title: 'RS', interestCount: 9, status: 'scheduled' },
      { title: 'RA', interestCount: 9, status: 'archived' },
    ]);
    const response = await staff.api
      .get('/api/themes?view=most-requested&pageSize=100')
      .expect(200);
    const ids = response.body.items.map((i: { id: number }) => i.id);
    expect(ids.indexOf(three)).toBeLessThan(ids.indexOf(one));
    expect(ids).toContain(one);
    for (const id of [none, scheduled, archived]) expect(ids).not.toContain(id);
  });

  it('lists the themes not presented for 12 months, longest forgotten first', async () => {
    // The clock says 2026-03-02.
    const [old, older, recent, rescheduled] = await insertThemes([
      { title: 'S1', status: 'presented', lastPresentedAt: new Date('2025-02-20T10:00:00Z') },
      { title: 'S2', status: 'presented', lastPresentedAt: new Date('2023-05-01T10:00:00Z') },
      { title: 'S3', status: 'presented', lastPresentedAt: new Date('2025-03-10T10:00:00Z') },
      { title: 'S4', status: 'scheduled', lastPresentedAt: new Date('2023-05-01T10:00:00Z') },
    ]);
    const response = await staff.api.get('/api/themes?view=stale&pageSize=100').expect(200);
    const ids = response.body.items.map((i: { id: number }) => i.id);
    expect(ids).toEqual([older, old]);
    expect(ids).not.toContain(recent);
    expect(ids).not.toContain(rescheduled);
    t.clock.advanceDays(30);
    const later = await staff.api.get('/api/themes?view=stale&pageSize=100').expect(200);
    expect(later.body.items.map((i: { id: number }) => i.id)).toContain(recent);
    t.clock.set('2026-03-02T09:00:00Z');
  });

  it('pages the list with a constant number of queries', async () => {
    const partner = await createPartner(t);
    const count = async (url: string) => {
      const before = t.queries.total;
      const response = await staff.api.get(url).expect(200);
      return { queries: t.queries.total - before, body: response.body };
    };
    await insertThemes(Array.from({ length: 5 }, () => ({ proposedByPartnerId: partner.id })));
    const few = await count('/api/themes?pageSize=100');
    const fewRequested = await count('/api/themes?view=most-requested');
    await insertThemes(
      Array.from({ length: 150 }, (_, i) => ({
        proposedByPartnerId: partner.id,
        interestCount: i,
      })),
    );
    const many = await count('/api/themes?pageSize=100');
    const manyRequested = await count('/api/themes?view=most-requested');
    expect(many.queries).toBe(few.queries);
    expect(manyRequested.queries).toBe(fewRequested.queries);
    expect(many.body.items).toHaveLength(100);
    expect(many.body.total).toBeGreaterThan(150);
    const page2 = await staff.api.get('/api/themes?pageSize=100&page=2').expect(200);
    expect(page2.body.page).toBe(2);
    expect(page2.body.items[0].id).not.toBe(many.body.items[0].id);
  });

  it('gives a partner history when it proposed a theme, marked interest or employs a speaker', async () => {
    const registry = t.app.get(PartnerHistoryRegistry);
    const history = (id: number) => registry.historyOf(t.dataSource.manager, id);
    const [proposer, interested, employer, stranger] = await Promise.all([
      createPartner(t),
      createPartner(t),
      createPartner(t),
      createPartner(t),
    ]);
    const theme = await createTheme(staff, { proposedByPartnerId: proposer.id });
    await staff.api.post(`/api/themes/${theme.id}/interest`).send({ partnerId: interested.id });
    await createSpeaker(staff, { organisationPartnerId: employer.id });
    expect(await history(proposer.id)).toContain('themes');
    expect(await history(interested.id)).toContain('themes');
    expect(await history(employer.id)).toContain('themes');
    expect(await history(stranger.id)).not.toContain('themes');
  });
});
