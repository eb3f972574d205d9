import request from 'supertest';
import { createMeeting } from './support/meetings';
import { partnerInput } from './support/partners';
import { BrowserSession, csrfFromHtml, pagesOf, signIn } from './support/session';
import { createStaff, Staff } from './support/staff';
import { createTestApp, TestApp } from './support/test-app';

/**
 * A query parameter given twice, or a body the API cannot read, was ignored: the search page
 * showed its empty state, and the API reported fields missing that had been sent.
 */
describe('repeated parameters and unread bodies', () => {
  let t: TestApp;
  let staff: Staff;
  let session: BrowserSession;

  beforeAll(async () => {
    t = await createTestApp({ now: '2026-03-02T09:00:00Z' });
    staff = await createStaff(t, 'admin');
    session = await signIn(t, staff.user.email, staff.password);
  });
  afterAll(() => t.close());

  it('a search text given twice is a 400 page naming q', async () => {
    const page = await pagesOf(session).get('/search?q=emploi&q=mission', 400);
    expect(page.text).toContain('« q » doit être un texte');
  });

  it('a repeated filter of a list page is a 400 naming it', async () => {
    const page = await pagesOf(session).get('/partners?kind=association&kind=ccas', 400);
    expect(page.text).toContain('« kind »');
  });

  it('a text/plain body on the API is a 415, not fields reported missing', async () => {
    const response = await staff.api
      .post('/api/partners')
      .set('Content-Type', 'text/plain')
      .send('{"name":"Maison de l’emploi","kind":"association"}')
      .expect(415);
    expect(response.body.message).toBe('L’API n’accepte ici que des contenus JSON.');
  });

  it('a multipart body on an API route that uploads nothing is a 415, not a 200 that changed nothing', async () => {
    const created = await staff.api.post('/api/partners').send(partnerInput()).expect(201);
    const multipart = await staff.api
      .patch(`/api/partners/${created.body.id}`)
      .field('name', 'Renommé en multipart')
      .expect(415);
    expect(multipart.body.message).toBe('L’API n’accepte ici que des contenus JSON.');
    await staff.api.post('/api/news').field('title', 'Texte').expect(415);
    // The routes that take files still read them (the import names the missing file).
    const upload = await staff.api
      .post('/api/partners/import')
      .attach('file', Buffer.from('Nom;Type\r\nCCAS de Lens;CCAS\r\n'), 'partenaires.csv')
      .expect(200);
    expect(upload.body.summary.partners.create).toBe(1);
  });

  it('the API’s rules hold on the addresses the router also takes: /API/…, /%61pi/…', async () => {
    const created = await staff.api.post('/api/partners').send(partnerInput()).expect(201);
    for (const prefix of ['/API', '/%61pi', '/Api'])
      await staff.api
        .patch(`${prefix}/partners/${created.body.id}`)
        .set('Content-Type', 'text/plain')
        .send('name=Autre')
        .expect(415);
    const read = await staff.api.get(`/api/partners/${created.body.id}`).expect(200);
    expect(read.body.name).toBe(created.body.name);
  });

  it('a method an address does not take is a 405 naming those it takes; OPTIONS lists them', async () => {
    const created = await staff.api.post('/api/partners').send(partnerInput()).expect(201);
    const put = await staff.api.put(`/api/partners/${created.body.id}`).send({}).expect(405);
    expect(put.headers.allow).toBe('GET, HEAD, PATCH, DELETE, OPTIONS');
    expect(put.body.message).toBe(
      `L’adresse /api/partners/${created.body.id} n’accepte pas la requête PUT (elle accepte : GET, HEAD, PATCH, DELETE, OPTIONS).`,
    );
    const options = await request(t.http).options('/api/partners').expect(204);
    expect(options.headers.allow).toBe('GET, HEAD, POST, OPTIONS');
    expect(options.headers['access-control-allow-origin']).toBeUndefined();
    const page = await session.agent.put('/partners').set('Accept', 'text/html').expect(405);
    expect(page.text).toContain('n’accepte pas la requête PUT');
    // An address of no route is still a 404.
    await staff.api.put('/api/nothing-here').expect(404);
  });

  it('a list page past its last page leads to the last one, not to "nothing yet"', async () => {
    for (let i = 0; i < 3; i++)
      await staff.api.post('/api/partners').send(partnerInput()).expect(201);
    const past = await session.agent
      .get('/partners?page=99&kind=association')
      .set('Accept', 'text/html')
      .expect(303);
    expect(past.headers.location).toMatch(/^\/partners\?.*page=1$/);
    expect(past.headers.location).toContain('kind=association');
    const last = await pagesOf(session).get(past.headers.location, 200);
    expect(last.text).not.toContain('Aucun partenaire pour l’instant');
  });

  it('required text made only of spaces or invisible characters is a 400 naming the field', async () => {
    const meeting = await createMeeting(staff);
    const blanks = ['   ', '\u200b', ' \u200b\u00a0\ufeff ', '\t\n'];
    const requests = [
      (title: string) => staff.api.post('/api/meetings').send({ ...meetingBody, title }),
      (title: string) => staff.api.patch(`/api/meetings/${meeting.id}`).send({ title }),
      (title: string) => staff.api.post('/api/themes').send({ title }),
      (title: string) => staff.api.post('/api/projects').send({ title }),
      (title: string) =>
        staff.api
          .post('/api/news')
          .send({ title, body: 'Texte', kind: 'event', date: '2026-03-02' }),
      (name: string) => staff.api.post('/api/partners').send(partnerInput({ name })),
    ];
    for (const send of requests)
      for (const blank of blanks) {
        const response = await send(blank);
        expect({ blank, status: response.status }).toEqual({ blank, status: 400 });
        expect(response.body.message).toMatch(/« (title|name) » ne doit pas être vide/);
      }
    // Text with something visible around the spaces passes, as before.
    await staff.api.post('/api/themes').send({ title: ' \u200bInsertion ' }).expect(201);
    // A page form says it too, and stores nothing.
    const form = await pagesOf(session).get('/themes/new');
    const refused = await session.agent
      .post('/themes/new')
      .type('form')
      .send({ _csrf: csrfFromHtml(form.text), title: '\u200b' });
    expect(refused.status).toBe(422);
    const themes = await staff.api.get('/api/themes').expect(200);
    expect(themes.body.total).toBe(1);
  });
});

const meetingBody = {
  title: 'x',
  kind: 'network-meeting',
  startsAt: '2026-04-02T09:00:00+02:00',
  endsAt: '2026-04-02T11:00:00+02:00',
  venueName: 'Salle',
};
