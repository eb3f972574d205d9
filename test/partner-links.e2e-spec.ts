import request from 'supertest';
import { createMeeting, invite, seedPartners } from './support/meetings';
import { createProject } from './support/projects';
import { createStaff, Staff } from './support/staff';
import { createTestApp, TestApp } from './support/test-app';

/**
 * Partners' personal links. Archiving a partner ended its portal session, but its answer link,
 * its contacts' follow-up links and its calendar feed went on working: each now says the partner
 * left the network (410), and nothing is stored through them. A follow-up form sent twice wrote
 * two follow-ups.
 */
describe('partners’ personal links', () => {
  let t: TestApp;
  let staff: Staff;

  beforeAll(async () => {
    t = await createTestApp({ now: '2026-03-02T09:00:00Z' });
    staff = await createStaff(t, 'admin');
  });
  afterAll(() => t.close());

  it('of an archived partner stop working, saying why', async () => {
    const [partner] = await seedPartners(t, 1, { contacts: 1 });
    const meetingId = (await createMeeting(staff)).id;
    const answerToken = (await invite(staff, meetingId, [partner.id])).get(partner.id)!;
    const project = await createProject(staff, { leadPartnerId: partner.id });
    const link = await staff.api
      .post(`/api/projects/${project.id}/links`)
      .send({ contactId: partner.contactIds[0] })
      .expect(201);
    const followUpPath = new URL(link.body.url as string).pathname;
    const feed = await staff.api.post(`/api/partners/${partner.id}/calendar-feed`).expect(201);
    const feedPath = new URL(feed.body.url as string).pathname;
    for (const path of [`/r/${answerToken}`, followUpPath, feedPath])
      await request(t.http).get(path).expect(200);

    await staff.api.post(`/api/partners/${partner.id}/archive`).expect(200);

    const said = 'Votre structure ne fait plus partie du réseau de l’agence';
    for (const path of [`/r/${answerToken}`, followUpPath]) {
      const page = await request(t.http).get(path).set('Accept', 'text/html').expect(410);
      expect(page.text).toContain(said);
    }
    expect((await request(t.http).get(feedPath).expect(410)).text).toContain(said);
    await request(t.http)
      .post(`/r/${answerToken}`)
      .type('form')
      .send({ answer: 'excused' })
      .expect(410);
    await request(t.http).post(followUpPath).type('form').send({ text: 'Encore là ?' }).expect(410);
    const followUps = await staff.api.get(`/api/projects/${project.id}/follow-ups`).expect(200);
    expect(followUps.body).toEqual([]);
  });

  it('a personal follow-up form sent twice at once writes one follow-up', async () => {
    const [partner] = await seedPartners(t, 1, { contacts: 1 });
    const project = await createProject(staff, { leadPartnerId: partner.id });
    const link = await staff.api
      .post(`/api/projects/${project.id}/links`)
      .send({ contactId: partner.contactIds[0] })
      .expect(201);
    const path = new URL(link.body.url as string).pathname;
    const send = (text: string) => request(t.http).post(path).type('form').send({ text });
    const twice = await Promise.all([send('Double envoi'), send('Double envoi')]);
    expect(twice.map((r) => r.status)).toEqual([303, 303]);
    await send('Un autre point').expect(303);
    const followUps = await staff.api.get(`/api/projects/${project.id}/follow-ups`).expect(200);
    expect((followUps.body as { text: string }[]).map((f) => f.text).sort()).toEqual([
      'Double envoi',
      'Un autre point',
    ]);
  });

  it('say what to do when not found: a newer link, or ask the agency', async () => {
    for (const path of [
      '/r/unknown-token-000000000000000000',
      '/follow-up/unknown-token-000000000000',
    ]) {
      const page = await request(t.http).get(path).set('Accept', 'text/html').expect(404);
      expect(page.text).toContain('un lien plus récent a pu vous être envoyé');
      // Back to the partners' portal (where a new link is asked for), not the staff sign-in.
      expect(page.text).toContain('<a href="/portal">Aller à l’espace partenaires</a>');
      expect(page.text).not.toContain('href="/"');
    }
    const staffPage = await request(t.http)
      .get('/no-such-page')
      .set('Accept', 'text/html')
      .expect(404);
    expect(staffPage.text).toContain('<a href="/">Retour à l’accueil</a>');
  });
});
