import request from 'supertest';
import { Newsletter } from '../src/documents/newsletters/newsletter.entity';
import { OutboxMessage } from '../src/mail/outbox/outbox-message.entity';
import { createMeetingRecord, MeetingRecord } from './support/documents';
import { pdfFrom, flatText } from './support/pdf-response';
import { pagesOf, signInWithForm } from './support/session';
import { createStaff, Staff } from './support/staff';
import { createTestApp, TestApp } from './support/test-app';

const PUBLIC_LINK = /^http:\/\/maillage\.test\/public\/(minutes|newsletters)\/[A-Za-z0-9_-]{43}$/;

/** The path of an absolute link of the app. */
const pathOf = (link: string) => new URL(link).pathname;

async function publishIssue(staff: Staff, from: string, to: string, visibility?: string) {
  const draft = await staff.api.post('/api/newsletters').send({ from, to }).expect(201);
  const id = draft.body.newsletter.id as number;
  if (visibility)
    await staff.api.put(`/api/newsletters/${id}/visibility`).send({ visibility }).expect(200);
  const published = await staff.api.post(`/api/newsletters/${id}/publish`).expect(200);
  return { id, summary: published.body as { number: number; publicLink: string | null } };
}

describe('who may read a published document: network by default, public by an unguessable link', () => {
  let t: TestApp;
  let staff: Staff;
  let record: MeetingRecord;
  let minutesApi: string;

  const auditOf = async (entity: string, id: number) =>
    (await staff.api.get(`/api/audit?entity=${entity}&id=${id}`).expect(200)).body.items as Array<{
      action: string;
      changes: Record<string, { before: unknown; after: unknown }>;
    }>;

  beforeAll(async () => {
    t = await createTestApp({ now: '2026-03-20T10:00:00Z' });
    staff = await createStaff(t);
    record = await createMeetingRecord(t, {
      title: 'Comité emploi de mars',
      partners: [
        {
          name: 'Mission locale de Tourcoing',
          attendance: 'present',
          people: ['Éloïse Lœvenbrück'],
          contacts: [{ name: 'Inès Müller', email: 'ines@ml.test' }],
        },
      ],
      agenda: [{ title: 'Clauses sociales', summary: 'Bilan des heures d’insertion.' }],
    });
    minutesApi = `/api/meetings/${record.meeting.id}/minutes`;
  });
  afterAll(() => t.close());

  it('publishes for the network by default: staff read it, anyone else gets 404, the mail links the portal', async () => {
    const v1 = await staff.api.post(`${minutesApi}/publish`).expect(201);
    expect(v1.body).toMatchObject({ visibility: 'network', publicLink: null });
    const address = `/minutes/${record.meeting.id}/1`;
    expect(v1.body.url).toBe(`http://maillage.test/portal${address}`);

    expect((await staff.api.get(address).expect(200)).text).toContain('Clauses sociales');
    const json = await request(t.http).get(address).set('Accept', 'application/json').expect(404);
    expect(json.body.code).toBe('errors.document.networkOnly');
    const page = await request(t.http).get(address).set('Accept', 'text/html').expect(404);
    expect(page.text).toContain('Ce document est réservé aux membres du réseau');
    expect(page.text).toContain('http://maillage.test/portal/sign-in');
    expect(page.text).not.toContain('Clauses sociales');
    await request(t.http).get(`${address}/pdf`).expect(404);
    for (const archive of ['/archive', '/minutes', '/newsletters'])
      await request(t.http).get(archive).set('Accept', 'text/html').expect(404);

    const [mail] = await t.dataSource
      .getRepository(OutboxMessage)
      .findBy({ groupRef: `minutes:${record.meeting.id}:v1` });
    expect(mail.text).toContain(`http://maillage.test/portal${address}`);
  });

  it('lets a partner read a network document in the portal, and sends the network address there', async () => {
    const contact = record.contacts.get('Inès Müller')!;
    await staff.api.post(`/api/contacts/${contact.id}/portal-link`).expect(201);
    const message = await t.dataSource
      .getRepository(OutboxMessage)
      .findOneOrFail({ where: { purpose: 'portal-link', contactId: contact.id } });
    const token = /\/portal\/link\/([A-Za-z0-9_-]+)/.exec(message.text!)![1];
    const portal = request.agent(t.http);
    await portal.get(`/portal/link/${token}`).set('Accept', 'text/html').expect(303);

    const inPortal = `/portal/minutes/${record.meeting.id}/1`;
    await portal
      .get(`/minutes/${record.meeting.id}/1`)
      .set('Accept', 'text/html')
      .expect(303)
      .expect('Location', inPortal);
    const read = await portal.get(inPortal).set('Accept', 'text/html').expect(200);
    expect(read.text).toContain('Clauses sociales');
    expect(read.headers['cache-control']).toContain('no-store');
    await portal.get('/archive').set('Accept', 'text/html').expect(303);

    // Without a session: browsers are asked to sign in, scripts get 401.
    await request(t.http)
      .get(inPortal)
      .set('Accept', 'text/html')
      .expect(303)
      .expect('Location', '/portal/sign-in');
    await request(t.http).get(inPortal).set('Accept', 'application/json').expect(401);
    await portal.get(`/portal/minutes/${record.meeting.id}/9`).expect(404);

    // A partner following the mail's link signs in on the same browser and lands on the document.
    await staff.api.post(`/api/contacts/${contact.id}/portal-link`).expect(201);
    const [latest] = await t.dataSource.getRepository(OutboxMessage).find({
      where: { purpose: 'portal-link', contactId: contact.id },
      order: { id: 'DESC' },
      take: 1,
    });
    const second = /\/portal\/link\/([A-Za-z0-9_-]+)/.exec(latest.text!)![1];
    const browser = request.agent(t.http);
    await browser
      .get(inPortal)
      .set('Accept', 'text/html')
      .expect(303)
      .expect('Location', '/portal/sign-in');
    await browser
      .get(`/portal/link/${second}`)
      .set('Accept', 'text/html')
      .expect(303)
      .expect('Location', inPortal);
    expect((await browser.get(inPortal).set('Accept', 'text/html').expect(200)).text).toContain(
      'Clauses sociales',
    );
  });

  it('makes a version public by an unguessable link, audited; network again closes the link, public again reopens the same', async () => {
    const url = `${minutesApi}/versions/1/visibility`;
    const shared = await staff.api.put(url).send({ visibility: 'public' }).expect(200);
    expect(shared.body.visibility).toBe('public');
    expect(shared.body.publicLink).toMatch(PUBLIC_LINK);
    expect(shared.body.url).toBe(shared.body.publicLink);
    const link = pathOf(shared.body.publicLink as string);
    expect(link).not.toContain(`/${record.meeting.id}/`);

    const html = await request(t.http).get(link).expect(200);
    expect(html.text).toContain('Clauses sociales');
    expect(html.headers['content-security-policy']).toContain("default-src 'none'");
    const text = await request(t.http).get(`${link}?format=text`).expect(200);
    expect(text.headers['content-type']).toMatch(/text\/plain/);
    // A link shared on a social network or from a mailing tool gains tracking parameters.
    const tracked = await request(t.http)
      .get(`${link}?utm_source=newsletter&utm_medium=email&fbclid=IwAR0abc`)
      .expect(200);
    expect(tracked.text).toContain('Clauses sociales');
    const trackedText = await request(t.http).get(`${link}?format=text&fbclid=x`).expect(200);
    expect(trackedText.headers['content-type']).toMatch(/text\/plain/);
    await request(t.http).get(`${link}?format=pdf`).expect(400);
    const { pdf } = await pdfFrom(request(t.http).get(`${link}/pdf`));
    expect(flatText(pdf.text)).toContain('Clauses sociales');
    // Its network address stays closed to anyone.
    await request(t.http).get(`/minutes/${record.meeting.id}/1`).expect(404);

    // Setting the same visibility again changes nothing and records nothing.
    await staff.api.put(url).send({ visibility: 'public' }).expect(200);
    await staff.api.put(url).send({ visibility: 'network' }).expect(200);
    await request(t.http).get(link).expect(404);
    await request(t.http).get(`${link}/pdf`).expect(404);
    const again = await staff.api.put(url).send({ visibility: 'public' }).expect(200);
    expect(again.body.publicLink).toBe(shared.body.publicLink);

    const versions = await t.dataSource.query(
      'SELECT id FROM minutes_versions WHERE meeting_id = $1 AND version = 1',
      [record.meeting.id],
    );
    const changes = (await auditOf('minutes-version', versions[0].id as number))
      .filter((e) => e.action === 'update')
      .map((e) => e.changes.visibility);
    expect(changes).toEqual(
      expect.arrayContaining([
        { before: 'network', after: 'public' },
        { before: 'public', after: 'network' },
      ]),
    );
    expect(changes).toHaveLength(3);
    expect(JSON.stringify(changes)).not.toContain(link.split('/').pop());
  });

  it('refuses a wrong visibility naming the field, and answers 404 for unknown versions and tokens', async () => {
    const wrong = await staff.api
      .put(`${minutesApi}/versions/1/visibility`)
      .send({ visibility: 'everyone' })
      .expect(400);
    expect(JSON.stringify(wrong.body)).toContain('visibility');
    await staff.api.put(`${minutesApi}/versions/1/visibility`).send({}).expect(400);
    await staff.api
      .put(`${minutesApi}/versions/7/visibility`)
      .send({ visibility: 'public' })
      .expect(404);
    await request(t.http).put(`${minutesApi}/versions/1/visibility`).send({}).expect(401);
    for (const token of ['abc', 'A'.repeat(43), '%00', 'x'.repeat(5000)])
      await request(t.http).get(`/public/minutes/${token}`).expect(404);
    await request(t.http)
      .get(`/public/newsletters/${'B'.repeat(43)}`)
      .expect(404);
  });

  it('publishes a correction with the visibility of the version it corrects, unless told otherwise', async () => {
    t.clock.advanceDays(1);
    const v2 = await staff.api.post(`${minutesApi}/publish`).expect(201);
    expect(v2.body.visibility).toBe('public');
    expect(v2.body.publicLink).toMatch(PUBLIC_LINK);
    const [mail] = await t.dataSource
      .getRepository(OutboxMessage)
      .findBy({ groupRef: `minutes:${record.meeting.id}:v2` });
    expect(mail.text).toContain(v2.body.publicLink as string);
    const v3 = await staff.api
      .post(`${minutesApi}/publish`)
      .send({ visibility: 'network' })
      .expect(201);
    expect(v3.body).toMatchObject({ visibility: 'network', publicLink: null });
    await staff.api.post(`${minutesApi}/publish`).send({ visibility: 'open' }).expect(400);
  });

  it('makes a newsletter public before it is sent: the mail and the web page carry its public link', async () => {
    const network = await publishIssue(staff, '2026-01-01', '2026-01-31');
    expect(network.summary.publicLink).toBeNull();
    const shared = await publishIssue(staff, '2026-02-01', '2026-02-28', 'public');
    const link = shared.summary.publicLink as string;
    expect(link).toMatch(PUBLIC_LINK);
    const stored = await t.dataSource.getRepository(Newsletter).findOneByOrFail({ id: shared.id });
    expect(stored.text).toContain(`Voir ce document en ligne : ${link}`);
    expect((await request(t.http).get(pathOf(link)).expect(200)).text).toContain('Lettre n° 2');
    await request(t.http).get(`/newsletters/${shared.summary.number}`).expect(404);
    await request(t.http).get(`/newsletters/${network.summary.number}`).expect(404);
    await staff.api.get(`/newsletters/${network.summary.number}`).expect(200);

    await staff.api
      .put(`/api/newsletters/${shared.id}/visibility`)
      .send({ visibility: 'network' })
      .expect(200);
    await request(t.http).get(pathOf(link)).expect(404);
    const entries = await auditOf('newsletter', shared.id);
    expect(entries.map((e) => e.changes.visibility).filter(Boolean)).toEqual(
      expect.arrayContaining([
        { before: 'network', after: 'public' },
        { before: 'public', after: 'network' },
      ]),
    );
    await staff.api
      .put('/api/newsletters/9999/visibility')
      .send({ visibility: 'public' })
      .expect(404);
  });

  it('changes the visibility from the staff pages, in French, refusing a forged value', async () => {
    const session = await signInWithForm(t, staff.user.email, staff.password);
    const pages = pagesOf(session);
    const editorPath = `/meetings/${record.meeting.id}/minutes`;
    const editor = await pages.get(editorPath);
    expect(editor.text).toContain('Diffusion');
    expect(editor.text).toContain(`action="${editorPath}/versions/3/visibility"`);
    expect(editor.text).toContain('Rendre public');
    // The publish form offers the choice, set to the last version's (network).
    expect(editor.text).toMatch(
      /id="minutes-visibility-network" name="visibility" value="network" checked/,
    );

    await pages.post(`${editorPath}/versions/3/visibility`, { visibility: 'public' }, 303);
    const after = await pages.get(`${editorPath}?shared=3`);
    expect(after.text).toContain('La diffusion a été modifiée.');
    expect(after.text).toMatch(/http:\/\/maillage\.test\/public\/minutes\/[A-Za-z0-9_-]{43}/);
    const refused = await pages.post(
      `${editorPath}/versions/3/visibility`,
      { visibility: 'tout le monde' },
      422,
    );
    expect(refused.text).toContain('Choisissez une diffusion : réseau ou public.');
    await pages.post(`${editorPath}/versions/99/visibility`, { visibility: 'public' }, 404);

    // The form's choice wins over the last version's (public now).
    t.clock.advanceDays(1);
    await pages.post(`${editorPath}/publish`, { confirm: 'yes', visibility: 'network' }, 303);
    const versions = await staff.api.get(`${minutesApi}/versions`).expect(200);
    expect(versions.body.at(-1)).toMatchObject({ version: 4, visibility: 'network' });

    const { id } = await publishIssue(staff, '2026-04-01', '2026-04-30');
    const desk = await pages.get(`/desk/newsletters/${id}`);
    expect(desk.text).toContain(`action="/desk/newsletters/${id}/visibility"`);
    await pages.post(`/desk/newsletters/${id}/visibility`, { visibility: 'public' }, 303);
    const shown = await pages.get(`/desk/newsletters/${id}?shared=1`);
    expect(shown.text).toContain('La diffusion a été modifiée.');
    expect(shown.text).toMatch(/http:\/\/maillage\.test\/public\/newsletters\/[A-Za-z0-9_-]{43}/);
    await pages.post(`/desk/newsletters/${id}/visibility`, {}, 422);
    // Staff see everything in the archive, each marked.
    const archive = await pages.get('/archive');
    expect(archive.text).toContain('Réseau');
    expect(archive.text).toContain('Public');
  });
});

describe('the public archive, when the agency opts in (PUBLIC_ARCHIVE)', () => {
  let t: TestApp;
  let staff: Staff;

  beforeAll(async () => {
    t = await createTestApp({ now: '2026-03-20T10:00:00Z', env: { PUBLIC_ARCHIVE: 'true' } });
    staff = await createStaff(t);
  });
  afterAll(() => t.close());

  it('lists only the public documents, by their links, never a sequential address', async () => {
    const hidden = await createMeetingRecord(t, { title: 'Réunion réservée au réseau' });
    const open = await createMeetingRecord(t, { title: 'Réunion ouverte au public' });
    await staff.api.post(`/api/meetings/${hidden.meeting.id}/minutes/publish`).expect(201);
    const shared = await staff.api
      .post(`/api/meetings/${open.meeting.id}/minutes/publish`)
      .send({ visibility: 'public' })
      .expect(201);
    await publishIssue(staff, '2026-01-01', '2026-01-31');
    const issue = await publishIssue(staff, '2026-02-01', '2026-02-28', 'public');

    const archive = await request(t.http).get('/archive').set('Accept', 'text/html').expect(200);
    expect(archive.text).toContain('Réunion ouverte au public');
    expect(archive.text).not.toContain('Réunion réservée au réseau');
    expect(archive.text).toContain(`href="${pathOf(shared.body.publicLink as string)}"`);
    expect(archive.text).toContain(`href="${pathOf(shared.body.publicLink as string)}/pdf"`);
    expect(archive.text).toContain(`href="${pathOf(issue.summary.publicLink as string)}"`);
    expect(archive.text).not.toContain('Lettre n° 1');
    expect(archive.text).not.toMatch(/href="\/(minutes|newsletters)\/\d/);
    const minutes = await request(t.http).get('/minutes').set('Accept', 'text/html').expect(200);
    expect(minutes.text).not.toContain('Réunion réservée au réseau');
    // The public issue's "archives" link leads to this public list.
    const stored = await t.dataSource
      .getRepository(Newsletter)
      .findOneByOrFail({ number: issue.summary.number });
    expect(stored.webHtml).toContain('href="http://maillage.test/newsletters"');
    // Network documents stay closed at their addresses.
    await request(t.http).get(`/minutes/${hidden.meeting.id}/1`).expect(404);
    await request(t.http).get(`/minutes/${open.meeting.id}/1`).expect(404);
  });
});
