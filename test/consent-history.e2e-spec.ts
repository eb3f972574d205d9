import { createPartner } from './support/partners';
import { signIn } from './support/session';
import { createStaff, type Staff } from './support/staff';
import { createTestApp, type TestApp } from './support/test-app';

describe('consent history of a contact (RGPD article 7)', () => {
  let t: TestApp;
  let staff: Staff;
  let partnerId: number;
  let contactId: number;

  beforeAll(async () => {
    t = await createTestApp();
    staff = await createStaff(t, 'coordinator');
    partnerId = (await createPartner(staff, { name: 'PLIE de l’Œise' })).id;
    const created = await staff.api
      .post(`/api/partners/${partnerId}/contacts`)
      .send({
        fullName: 'Éloïse Lœvenbrück',
        email: 'eloise@plie.test',
        newsletterConsent: true,
        newsletterConsentSource: 'salon de l’emploi 2026',
      })
      .expect(201);
    contactId = created.body.id;
  });

  afterAll(() => t.close());

  it('starts with the contact: the minutes choice and the consent given, with source and author', async () => {
    const history = await staff.api.get(`/api/contacts/${contactId}/consents`).expect(200);
    const at = t.clock.now().toISOString();
    expect(history.body).toEqual(
      expect.arrayContaining([
        {
          topic: 'minutes',
          granted: true,
          at,
          source: 'staff',
          recordedBy: staff.user.displayName,
        },
        {
          topic: 'newsletter',
          granted: true,
          at,
          source: 'salon de l’emploi 2026',
          recordedBy: staff.user.displayName,
        },
      ]),
    );
    expect(history.body).toHaveLength(2);
  });

  it('keeps every opt-out and opt-in, newest first; an unchanged choice adds nothing', async () => {
    t.clock.advanceDays(1);
    await staff.api
      .patch(`/api/contacts/${contactId}`)
      .send({ receivesMinutes: false })
      .expect(200);
    t.clock.advanceDays(1);
    await staff.api
      .patch(`/api/contacts/${contactId}`)
      .send({ newsletterConsent: false, newsletterConsentSource: 'courriel du 8 mars' })
      .expect(200);
    await staff.api
      .patch(`/api/contacts/${contactId}`)
      .send({ newsletterConsent: false })
      .expect(200);
    await staff.api
      .patch(`/api/contacts/${contactId}`)
      .send({ phone: '01 02 03 04 05' })
      .expect(200);
    const history = await staff.api.get(`/api/contacts/${contactId}/consents`).expect(200);
    expect(
      history.body.map((e: { topic: string; granted: boolean; source: string }) => [
        e.topic,
        e.granted,
        e.source,
      ]),
    ).toEqual([
      ['newsletter', false, 'courriel du 8 mars'],
      ['minutes', false, 'staff'],
      ['newsletter', true, 'salon de l’emploi 2026'],
      ['minutes', true, 'staff'],
    ]);
  });

  it('shows the history on the contact page, in French', async () => {
    const session = await signIn(t, staff.user.email, staff.password);
    const page = await session.agent
      .get(`/partners/${partnerId}/contacts/${contactId}/edit`)
      .set('Accept', 'text/html')
      .expect(200);
    expect(page.text).toContain('Consentements');
    expect(page.text).toMatch(
      /<td>Lettre d’information<\/td><td>Refuse<\/td><td>courriel du 8 mars<\/td>/,
    );
    expect(page.text).toMatch(
      /<td>Comptes rendus<\/td><td>Accepte<\/td><td>saisie par l’équipe<\/td>/,
    );
  });

  it('answers 404 for an unknown contact', async () => {
    await staff.api.get('/api/contacts/999999/consents').expect(404);
  });
});
