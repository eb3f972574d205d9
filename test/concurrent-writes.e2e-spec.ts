import { Contact } from '../src/partners/contacts/contact.entity';
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
});
