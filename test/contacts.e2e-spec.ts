import { createContact, createPartner } from './support/partners';
import { createStaff, Staff } from './support/staff';
import { createTestApp, TestApp } from './support/test-app';

describe('contacts API', () => {
  let t: TestApp;
  let staff: Staff;
  beforeAll(async () => {
    t = await createTestApp();
    staff = await createStaff(t);
  });
  afterAll(() => t.close());

  it('adds, lists (paginated), reads, updates and deletes a contact', async () => {
    const partner = await createPartner(staff);
    const claire = await createContact(staff, partner.id, {
      fullName: 'Claire Martin',
      jobTitle: 'Conseillère',
      email: 'Claire.Martin@Example.org',
    });
    expect(claire).toMatchObject({
      partnerId: partner.id,
      email: 'Claire.Martin@Example.org',
      newsletterConsent: false,
      newsletterConsentAt: null,
      newsletterConsentSource: null,
      receivesMinutes: true,
      notes: null,
    });
    await createContact(staff, partner.id, { fullName: 'Bruno Adam' });
    const page = await staff.api.get(`/api/partners/${partner.id}/contacts?pageSize=1`).expect(200);
    expect(page.body).toMatchObject({ total: 2, page: 1, pageSize: 1 });
    expect(page.body.items[0].fullName).toBe('Bruno Adam');

    const updated = await staff.api
      .patch(`/api/contacts/${claire.id}`)
      .send({ jobTitle: null, receivesMinutes: false })
      .expect(200);
    expect(updated.body).toMatchObject({
      fullName: 'Claire Martin',
      jobTitle: null,
      receivesMinutes: false,
    });
    expect(
      (await staff.api.get(`/api/contacts/${claire.id}`).expect(200)).body.jobTitle,
    ).toBeNull();

    await staff.api.delete(`/api/contacts/${claire.id}`).expect(204);
    await staff.api.get(`/api/contacts/${claire.id}`).expect(404);
    await staff.api.patch(`/api/contacts/${claire.id}`).send({ notes: 'x' }).expect(404);
    await staff.api.delete(`/api/contacts/${claire.id}`).expect(404);
  });

  it('validates contacts: required name, email format, unknown fields, booleans', async () => {
    const partner = await createPartner(staff);
    const response = await staff.api
      .post(`/api/partners/${partner.id}/contacts`)
      .send({ email: 'nope', newsletterConsent: 'yes', age: 40 })
      .expect(400);
    expect(response.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'age',
      'email',
      'fullName',
      'newsletterConsent',
    ]);
    const contact = await createContact(staff, partner.id);
    const patch = await staff.api
      .patch(`/api/contacts/${contact.id}`)
      .send({ fullName: null, newsletterConsent: null, receivesMinutes: null })
      .expect(400);
    expect(patch.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'fullName',
      'newsletterConsent',
      'receivesMinutes',
    ]);
    await staff.api
      .post(`/api/partners/${partner.id}/contacts`)
      .send({ fullName: 'Null Booleans', receivesMinutes: null })
      .expect(400);
  });

  it('keeps emails unique whatever their case: 409 with a clear message', async () => {
    const partner = await createPartner(staff);
    const other = await createPartner(staff);
    const first = await createContact(staff, partner.id, {
      fullName: 'Marc Leroy',
      email: 'marc.leroy@example.org',
    });
    const duplicate = await staff.api
      .post(`/api/partners/${other.id}/contacts`)
      .send({ fullName: 'M. Leroy', email: 'MARC.LEROY@example.org' })
      .expect(409);
    expect(duplicate.body).toMatchObject({
      code: 'errors.contact.emailTaken',
      field: 'email',
      message: `L’adresse MARC.LEROY@example.org est déjà celle du contact ${first.id} (Marc Leroy) ; les adresses sont comparées sans tenir compte des majuscules.`,
    });
    const second = await createContact(staff, other.id);
    await staff.api
      .patch(`/api/contacts/${second.id}`)
      .send({ email: 'Marc.Leroy@Example.org' })
      .expect(409);
    // Changing the case of one's own email is fine.
    await staff.api
      .patch(`/api/contacts/${first.id}`)
      .send({ email: 'Marc.Leroy@example.org' })
      .expect(200);
  });

  it('dates newsletter consent changes from the clock and records their source', async () => {
    const partner = await createPartner(staff);
    t.clock.set('2026-05-04T08:00:00Z');
    const contact = await createContact(staff, partner.id, { newsletterConsent: true });
    expect(contact).toMatchObject({
      newsletterConsent: true,
      newsletterConsentAt: '2026-05-04T08:00:00.000Z',
      newsletterConsentSource: 'staff',
    });
    t.clock.set('2026-06-01T12:00:00Z');
    const same = await staff.api
      .patch(`/api/contacts/${contact.id}`)
      .send({ newsletterConsent: true })
      .expect(200);
    expect(same.body.newsletterConsentAt).toBe('2026-05-04T08:00:00.000Z');
    const withdrawn = await staff.api
      .patch(`/api/contacts/${contact.id}`)
      .send({ newsletterConsent: false, newsletterConsentSource: 'phone call' })
      .expect(200);
    expect(withdrawn.body).toMatchObject({
      newsletterConsent: false,
      newsletterConsentAt: '2026-06-01T12:00:00.000Z',
      newsletterConsentSource: 'phone call',
    });
  });

  it('keeps the partner search text up to date as contacts change', async () => {
    const partner = await createPartner(staff, { name: 'Maison de quartier' });
    const search = async (q: string) =>
      (await staff.api.get(`/api/partners?q=${encodeURIComponent(q)}`).expect(200)).body.items.map(
        (p: { id: number }) => p.id,
      );
    const contact = await createContact(staff, partner.id, { fullName: 'Gaëlle Wéry' });
    expect(await search('gaelle wery')).toEqual([partner.id]);
    await staff.api
      .patch(`/api/contacts/${contact.id}`)
      .send({ fullName: 'Gaëlle Lenoir' })
      .expect(200);
    expect(await search('wery')).toEqual([]);
    expect(await search('LENOIR')).toEqual([partner.id]);
    await staff.api
      .patch(`/api/partners/${partner.id}`)
      .send({ services: 'Épicerie sociale' })
      .expect(200);
    expect(await search('epicerie lenoir')).toEqual([partner.id]);
    await staff.api.delete(`/api/contacts/${contact.id}`).expect(204);
    expect(await search('lenoir')).toEqual([]);
    expect(await search('epicerie')).toEqual([partner.id]);
  });
});
