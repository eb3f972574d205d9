import { createContact, createPartner } from './support/partners';
import { createStaff, Staff } from './support/staff';
import { createTestApp, TestApp } from './support/test-app';

describe('audit trail of the partner directory', () => {
  let t: TestApp;
  let staff: Staff;
  beforeAll(async () => {
    t = await createTestApp();
    staff = await createStaff(t);
  });
  afterAll(() => t.close());

  const trail = async (entity: string, id: number) =>
    (await staff.api.get(`/api/audit?entity=${entity}&id=${id}`).expect(200)).body.items;

  it('records who created, changed, archived, restored and deleted a partner, with before/after', async () => {
    t.clock.set('2026-03-10T09:00:00Z');
    const partner = await createPartner(staff, { name: 'CISP Horizon', kind: 'training-centre' });
    t.clock.set('2026-03-11T09:00:00Z');
    await staff.api
      .patch(`/api/partners/${partner.id}`)
      .send({ name: 'CISP Atelier Horizon', territory: 'Comines', kind: 'training-centre' })
      .expect(200);
    // A patch that changes nothing leaves no entry.
    await staff.api.patch(`/api/partners/${partner.id}`).send({ territory: 'Comines' }).expect(200);
    await staff.api.post(`/api/partners/${partner.id}/archive`).expect(200);
    await staff.api.post(`/api/partners/${partner.id}/restore`).expect(200);
    await staff.api.delete(`/api/partners/${partner.id}`).expect(204);

    const entries = await trail('partner', partner.id);
    expect(entries.map((e: { action: string }) => e.action)).toEqual([
      'create',
      'update',
      'archive',
      'restore',
      'delete',
    ]);
    expect(entries[0]).toMatchObject({
      entityType: 'partner',
      entityId: String(partner.id),
      actorUserId: staff.user.id,
      actorLabel: staff.user.displayName,
      at: '2026-03-10T09:00:00.000Z',
    });
    expect(entries[0].changes.name).toEqual({ before: null, after: 'CISP Horizon' });
    expect(entries[1].changes).toEqual({
      name: { before: 'CISP Horizon', after: 'CISP Atelier Horizon' },
      territory: { before: null, after: 'Comines' },
    });
    expect(entries[2].changes).toEqual({
      active: { before: true, after: false },
      archivedAt: { before: null, after: '2026-03-11T09:00:00.000Z' },
    });
    expect(entries[3].changes.active).toEqual({ before: false, after: true });
    expect(entries[4].changes.name).toEqual({ before: 'CISP Atelier Horizon', after: null });
  });

  it('records contact changes, including those deleted with their partner', async () => {
    const partner = await createPartner(staff);
    const contact = await createContact(staff, partner.id, { fullName: 'Ana Silva' });
    await staff.api
      .patch(`/api/contacts/${contact.id}`)
      .send({ phone: '0470 00 00 00' })
      .expect(200);
    await staff.api.delete(`/api/partners/${partner.id}`).expect(204);
    const entries = await trail('contact', contact.id);
    expect(entries.map((e: { action: string }) => e.action)).toEqual([
      'create',
      'update',
      'delete',
    ]);
    expect(entries[1].changes).toEqual({ phone: { before: null, after: '0470 00 00 00' } });
    expect(entries[2].changes.fullName).toEqual({ before: 'Ana Silva', after: null });
  });

  it('validates the query, naming the field', async () => {
    const missing = await staff.api.get('/api/audit?entity=partner').expect(400);
    expect(missing.body.errors.map((e: { field: string }) => e.field)).toEqual(['id']);
    const wrong = await staff.api.get('/api/audit?entity=invoice&id=1').expect(400);
    expect(wrong.body.errors.map((e: { field: string }) => e.field)).toEqual(['entity']);
    const unknown = await staff.api.get('/api/audit?entity=partner&id=1&extra=1').expect(400);
    expect(unknown.body.errors.map((e: { field: string }) => e.field)).toEqual(['extra']);
    expect(await trail('partner', 987654)).toEqual([]);
  });
});
