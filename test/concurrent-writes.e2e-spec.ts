import { AuditEntry } from '../src/audit/audit-entry.entity';
import { Contact } from '../src/partners/contacts/contact.entity';
import { FollowUp } from '../src/projects/follow-ups/follow-up.entity';
import { createPartner } from './support/partners';
import { createProject } from './support/projects';
import { createStaff, Staff } from './support/staff';
import { createTestApp, TestApp } from './support/test-app';

const WRITERS = 200;

/**
 * 200 writes at once, on the engine of the run: each is stored exactly once (none lost, none
 * doubled), and a mix of valid and refused ones leaves only the valid ones.
 */
describe('200 concurrent writes', () => {
  let t: TestApp;
  let staff: Staff;

  beforeAll(async () => {
    t = await createTestApp({ now: '2026-03-02T09:00:00Z' });
    staff = await createStaff(t);
  });
  afterAll(() => t.close());

  it('creates 200 contacts of one partner, each once', async () => {
    const partner = await createPartner(staff);
    const statuses = await Promise.all(
      Array.from({ length: WRITERS }, (_, i) =>
        staff.api
          .post(`/api/partners/${partner.id}/contacts`)
          .send({ fullName: `Contact ${i}`, email: `c${i}@partner.test` })
          .then((r) => r.status),
      ),
    );
    expect(statuses.filter((s) => s === 201)).toHaveLength(WRITERS);
    const list = await staff.api
      .get(`/api/partners/${partner.id}/contacts?pageSize=100&page=1`)
      .expect(200);
    expect(list.body.total).toBe(WRITERS);
    const rows = await t.dataSource
      .getRepository(Contact)
      .find({ where: { partnerId: partner.id } });
    expect(new Set(rows.map((r) => r.fullName)).size).toBe(WRITERS);
  });

  it('records 200 follow-ups of one project at once, with refused ones interleaved', async () => {
    const lead = await createPartner(staff);
    const project = await createProject(staff, { leadPartnerId: lead.id });
    const statuses = await Promise.all(
      Array.from({ length: WRITERS }, (_, i) =>
        staff.api
          .post(`/api/projects/${project.id}/follow-ups`)
          // Every fifth one is refused (an empty text).
          .send({ text: i % 5 === 0 ? '' : `Point d’étape ${i}` })
          .then((r) => r.status),
      ),
    );
    expect(statuses.filter((s) => s === 201)).toHaveLength(WRITERS * 0.8);
    expect(statuses.filter((s) => s === 400)).toHaveLength(WRITERS * 0.2);
    const list = await staff.api.get(`/api/projects/${project.id}/follow-ups`).expect(200);
    const texts = (list.body as { text: string }[]).map((f) => f.text);
    expect(texts).toHaveLength(WRITERS * 0.8);
    expect(new Set(texts).size).toBe(WRITERS * 0.8);
  });

  it('gives each follow-up its own id, the one its answer and its audit entry name', async () => {
    const lead = await createPartner(staff);
    const project = await createProject(staff, { leadPartnerId: lead.id });
    const answers = await Promise.all(
      Array.from({ length: WRITERS / 2 }, (_, i) =>
        staff.api
          .post(`/api/projects/${project.id}/follow-ups`)
          // Every fourth one is refused by a rule, inside its unit of work (a date to come).
          .send({ text: `Suivi ${i}`, ...(i % 4 === 0 ? { date: '2026-03-09' } : {}) }),
      ),
    );
    const created = answers.filter((r) => r.status === 201).map((r) => r.body as { id: number });
    expect(created).toHaveLength((WRITERS / 2) * 0.75);
    expect(answers.filter((r) => r.status === 422).length).toBe((WRITERS / 2) * 0.25);
    const ids = created.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    const rows = await t.dataSource
      .getRepository(FollowUp)
      .find({ where: { projectId: project.id } });
    expect(rows.map((r) => r.id).sort((a, b) => a - b)).toEqual([...ids].sort((a, b) => a - b));
    const audited = await t.dataSource
      .getRepository(AuditEntry)
      .find({ where: { entityType: 'follow_up', action: 'create' } });
    const auditedIds = audited.map((e) => Number(e.entityId));
    for (const id of ids) expect(auditedIds.filter((a) => a === id)).toHaveLength(1);

    // A row removed by hand (a database clean-up): its id is never given again.
    const newest = Math.max(...ids);
    await t.dataSource.getRepository(FollowUp).delete({ id: newest });
    const next = await staff.api
      .post(`/api/projects/${project.id}/follow-ups`)
      .send({ text: 'Après le nettoyage' })
      .expect(201);
    expect(next.body.id).toBeGreaterThan(newest);
  });
});
