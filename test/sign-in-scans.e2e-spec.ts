import request from 'supertest';
import { AuditService } from '../src/audit/audit.service';
import { PdfDocuments } from '../src/common/web/pdf/pdf-documents';
import { SignInScan } from '../src/meetings/sign-in/sign-in-scan.entity';
import { binary } from './support/pdf';
import { createMeeting } from './support/meetings';
import { signInWithForm, type BrowserSession } from './support/session';
import { createStaff, type Staff } from './support/staff';
import { createTestApp, type TestApp } from './support/test-app';

/** supertest's typing names superagent's Response; Node hands the parser the response stream. */
const bytes = binary as unknown as Parameters<request.Test['parse']>[0];

// A 1×1 PNG and a 1×1 JPEG, as a scanner or a phone would send them (real files, not signatures).
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAAMCAgICAgMCAgIDAwMDBAYEBAQEBAgGBgUGCQgKCgkICQkKDA8MCgsOCwkJDRENDg8QEBEQCgwSExIQEw8QEBD/yQALCAABAAEBAREA/8wABgAQEAX/2gAIAQEAAD8A0s8g/9k=',
  'base64',
);
// What Windows runs: "MZ", the DOS stub, then anything.
const EXECUTABLE = Buffer.concat([
  Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'),
  Buffer.alloc(512, 7),
]);

describe('scanned signed sign-in sheets', () => {
  let t: TestApp;
  let staff: Staff;
  let session: BrowserSession;
  let PDF: Buffer;

  beforeAll(async () => {
    t = await createTestApp({ env: { SIGN_IN_SCAN_MAX_MB: '1' } });
    staff = await createStaff(t, 'coordinator');
    session = await signInWithForm(t, staff.user.email, staff.password);
    PDF = await t.app.get(PdfDocuments).buffer({ title: 'Feuille signée', content: ['Signé'] });
  });
  afterAll(() => t.close());
  // The meeting (12 March, 9:30) has started: its signed sheet may come back.
  beforeEach(() => t.clock.set('2026-03-12T12:00:00Z'));

  const scansUrl = (meetingId: number) => `/api/meetings/${meetingId}/sign-in-scans`;
  const upload = (meetingId: number, content: Buffer, filename: string, contentType: string) =>
    staff.api.post(scansUrl(meetingId)).attach('file', content, { filename, contentType });
  const download = (url: string) => staff.api.get(url).buffer(true).parse(bytes);
  const pageUpload = (meetingId: number, content: Buffer, filename: string) =>
    session.agent
      .post(`/meetings/${meetingId}/sign-in/scans`)
      .set('Accept', 'text/html')
      .field('_csrf', session.csrfToken)
      .attach('file', content, { filename, contentType: 'application/octet-stream' });

  it('keeps PDF, JPEG and PNG scans in the database, lists them and serves them byte for byte', async () => {
    const meeting = await createMeeting(staff);
    const files: Array<[Buffer, string, string, string]> = [
      [PDF, 'Feuille émargement.pdf', 'application/pdf', 'application/pdf'],
      [JPEG, 'page-1.JPG', 'image/jpeg', 'image/jpeg'],
      // The declared type and the name are the sender's; the bytes say PNG.
      [PNG, 'C:\\Scans\\page 2.jpeg', 'application/octet-stream', 'image/png'],
    ];
    const ids: number[] = [];
    for (const [content, filename, declared, mediaType] of files) {
      const response = await upload(meeting.id, content, filename, declared).expect(201);
      expect(response.body).toMatchObject({
        meetingId: meeting.id,
        mediaType,
        sizeBytes: content.length,
        uploadedByName: staff.user.displayName,
        uploadedAt: '2026-03-12T12:00:00.000Z',
      });
      ids.push(response.body.id as number);
    }
    const list = await staff.api.get(scansUrl(meeting.id)).expect(200);
    expect(list.body.map((s: { fileName: string }) => s.fileName)).toEqual([
      'Feuille émargement.pdf',
      'page-1.jpg',
      'page 2.png',
    ]);
    const stored = await t.dataSource
      .getRepository(SignInScan)
      .count({ where: { meetingId: meeting.id } });
    expect(stored).toBe(3);

    for (const [index, [content, , , mediaType]] of files.entries()) {
      const file = await download(`${scansUrl(meeting.id)}/${ids[index]}`).expect(200);
      expect(file.headers['content-type']).toBe(mediaType);
      expect(file.headers['content-disposition']).toMatch(/^attachment; filename=/);
      expect(file.headers['x-content-type-options']).toBe('nosniff');
      expect(Buffer.compare(file.body as Buffer, content)).toBe(0);
    }

    // Another app server on the same database serves it too: the bytes are not on a local disk.
    const second = await createTestApp({ databaseUrl: t.databaseUrl });
    try {
      const other = await request(second.http)
        .get(`${scansUrl(meeting.id)}/${ids[1]}`)
        .set('Authorization', `Bearer ${staff.token}`)
        .buffer(true)
        .parse(bytes)
        .expect(200);
      expect(Buffer.compare(other.body as Buffer, JPEG)).toBe(0);
    } finally {
      await second.close();
    }

    // A scan is found only through its own meeting.
    const otherMeeting = await createMeeting(staff);
    await staff.api.get(`${scansUrl(otherMeeting.id)}/${ids[0]}`).expect(404);
    await staff.api.delete(`${scansUrl(otherMeeting.id)}/${ids[0]}`).expect(404);

    await staff.api.delete(`${scansUrl(meeting.id)}/${ids[0]}`).expect(204);
    await staff.api.get(`${scansUrl(meeting.id)}/${ids[0]}`).expect(404);
    const after = await staff.api.get(scansUrl(meeting.id)).expect(200);
    expect(after.body).toHaveLength(2);

    const trail = await t.app.get(AuditService).trailOf('meeting', meeting.id);
    const scanEntries = trail.filter((e) => 'signInScan' in e.changes);
    expect(scanEntries.map((e) => [e.actorLabel, e.changes.signInScan])).toEqual([
      [
        staff.user.displayName,
        { before: null, after: expect.objectContaining({ id: ids[0], kind: 'pdf' }) },
      ],
      [
        staff.user.displayName,
        { before: null, after: expect.objectContaining({ id: ids[1], kind: 'jpeg' }) },
      ],
      [
        staff.user.displayName,
        { before: null, after: expect.objectContaining({ id: ids[2], kind: 'png' }) },
      ],
      [staff.user.displayName, { before: expect.objectContaining({ id: ids[0] }), after: null }],
    ]);
  });

  it('refuses a renamed executable, an empty upload and an oversize file, in French, naming the field', async () => {
    const meeting = await createMeeting(staff);
    const renamed = await upload(meeting.id, EXECUTABLE, 'feuille.pdf', 'application/pdf').expect(
      422,
    );
    expect(renamed.body).toMatchObject({
      field: 'file',
      message: 'Le fichier (champ « fichier ») n’est ni un PDF, ni une image JPEG ou PNG.',
    });
    const missing = await staff.api.post(scansUrl(meeting.id)).field('note', 'x').expect(422);
    expect(missing.body.field).toBe('file');
    expect(missing.body.message).toContain('Choisissez le fichier');

    // Over SIGN_IN_SCAN_MAX_MB (1 here): refused at the limit, without a hang.
    const big = Buffer.concat([PDF, Buffer.alloc(1024 * 1024, 0x20)]);
    const tooBig = await upload(meeting.id, big, 'feuille.pdf', 'application/pdf').expect(413);
    expect(tooBig.body).toMatchObject({
      field: 'file',
      message: 'Le fichier (champ « fichier ») dépasse 1 Mo.',
    });

    // What multer refuses is said in words, naming the field, never by multer's code.
    const two = await staff.api
      .post(scansUrl(meeting.id))
      .attach('file', PNG, 'a.png')
      .attach('file', PNG, 'b.png')
      .expect(400);
    expect(two.body).toMatchObject({
      field: 'file',
      message: 'Envoyez un seul fichier dans « file ».',
    });
    const elsewhere = await staff.api
      .post(scansUrl(meeting.id))
      .attach('scan', PNG, 'a.png')
      .expect(400);
    expect(elsewhere.body.message).toBe('Le fichier doit être envoyé dans le champ « file ».');
    const cut = await staff.api
      .post(scansUrl(meeting.id))
      .set('Content-Type', 'multipart/form-data; boundary=x')
      .send('--x\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n\r\nabc')
      .expect(400);
    expect(cut.body.message).toContain('incomplet ou mal formé');

    const page = await pageUpload(meeting.id, big, 'feuille.pdf').expect(413);
    expect(page.text).toContain('Le fichier (champ « fichier ») dépasse 1 Mo.');
    const pageRenamed = await pageUpload(meeting.id, EXECUTABLE, 'feuille.pdf').expect(422);
    expect(pageRenamed.text).toContain('n’est ni un PDF, ni une image JPEG ou PNG.');
    expect(pageRenamed.text).toContain('<h1>Émargement</h1>');
    expect(
      await t.dataSource.getRepository(SignInScan).count({ where: { meetingId: meeting.id } }),
    ).toBe(0);

    // Before the meeting starts there is no signed sheet; a cancelled meeting has none.
    t.clock.set('2026-03-02T09:00:00Z');
    const early = await upload(meeting.id, PNG, 'scan.png', 'image/png').expect(422);
    expect(early.body.message).toBe('La feuille signée se dépose une fois la réunion commencée.');
    await upload(999999, PNG, 'scan.png', 'image/png').expect(404);
  });

  it('is uploaded, listed (also on the hub) and deleted from the sign-in page, with the session and its token', async () => {
    const meeting = await createMeeting(staff);
    const uploaded = await pageUpload(meeting.id, PNG, 'Feuille signée.png').expect(303);
    expect(uploaded.headers.location).toBe(`/meetings/${meeting.id}/sign-in?uploaded=1#scans`);
    const page = await session.agent.get(`/meetings/${meeting.id}/sign-in?uploaded=1`).expect(200);
    expect(page.text).toContain('Feuille signée déposée.');
    expect(page.text).toContain('Feuille signée.png');
    expect(page.text).toContain(staff.user.displayName);
    expect(page.text).toContain('Image PNG');
    expect(page.text).toContain('1 Ko');
    const [scan] = (await staff.api.get(scansUrl(meeting.id)).expect(200)).body as { id: number }[];
    const hub = await session.agent.get(`/meetings/${meeting.id}`).expect(200);
    expect(hub.text).toContain(`href="/meetings/${meeting.id}/sign-in/scans/${scan.id}"`);
    const file = await session.agent
      .get(`/meetings/${meeting.id}/sign-in/scans/${scan.id}`)
      .buffer(true)
      .parse(bytes)
      .expect(200);
    expect(Buffer.compare(file.body as Buffer, PNG)).toBe(0);

    // Without the form's token the upload is refused before anything is stored.
    await session.agent
      .post(`/meetings/${meeting.id}/sign-in/scans`)
      .set('Accept', 'text/html')
      .attach('file', PNG, 'x.png')
      .expect(403);
    await session.agent
      .post(`/meetings/${meeting.id}/sign-in/scans/${scan.id}/delete`)
      .type('form')
      .send({ _csrf: session.csrfToken })
      .expect(303);
    expect(
      await t.dataSource.getRepository(SignInScan).count({ where: { meetingId: meeting.id } }),
    ).toBe(0);
  });

  it('is for signed-in staff only', async () => {
    const meeting = await createMeeting(staff);
    await request(t.http).get(scansUrl(meeting.id)).expect(401);
    await request(t.http).post(scansUrl(meeting.id)).attach('file', PNG, 'scan.png').expect(401);
    await request(t.http)
      .get(`${scansUrl(meeting.id)}/1`)
      .expect(401);
    await request(t.http)
      .delete(`${scansUrl(meeting.id)}/1`)
      .expect(401);
    const anonymousUpload = await request(t.http)
      .post(`/meetings/${meeting.id}/sign-in/scans`)
      .set('Accept', 'text/html')
      .attach('file', PNG, 'scan.png');
    expect(anonymousUpload.status).toBe(303);
    expect(anonymousUpload.headers.location).toMatch(/^\/login/);
    expect(
      await t.dataSource.getRepository(SignInScan).count({ where: { meetingId: meeting.id } }),
    ).toBe(0);
    const page = await request(t.http)
      .get(`/meetings/${meeting.id}/sign-in`)
      .set('Accept', 'text/html');
    expect(page.status).toBe(303);
    expect(page.headers.location).toMatch(/^\/login/);
  });
});
