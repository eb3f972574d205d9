import request from 'supertest';
import { createStaff, Staff } from './support/staff';
import { createTestApp, TestApp } from './support/test-app';

/**
 * Bodies that are not UTF-8 (a Latin-1 `é` from an old tool, half a surrogate pair escaped) were
 * stored as U+FFFD, or kept with their %-escapes as typed: now a 400 naming the field, as in a
 * query string.
 */
describe('request bodies that are not UTF-8', () => {
  let t: TestApp;
  let staff: Staff;

  beforeAll(async () => {
    t = await createTestApp({ now: '2026-03-02T09:00:00Z' });
    staff = await createStaff(t, 'admin');
  });
  afterAll(() => t.close());

  /** Sends the bytes as they are (supertest would serialize a Buffer as JSON). */
  const raw = (test: request.Test, bytes: Buffer) => {
    test.write(bytes);
    return test;
  };
  const rawJson = (bytes: Buffer) =>
    raw(staff.api.post('/api/partners').set('Content-Type', 'application/json'), bytes);

  it('refuses Latin-1 bytes in JSON, naming the field', async () => {
    const body = Buffer.concat([
      Buffer.from('{"kind":"association","name":"Caf'),
      Buffer.from([0xe9]),
      Buffer.from(' brut"}'),
    ]);
    const response = await rawJson(body).expect(400);
    expect(response.body.field).toBe('name');
    expect(response.body.message).toContain('« name » contient un caractère interdit');
  });

  it('still takes UTF-8 JSON', async () => {
    await rawJson(Buffer.from('{"kind":"association","name":"Café brut"}', 'utf8')).expect(201);
  });

  const form = (body: string | Buffer) =>
    raw(
      request(t.http)
        .post('/portal/sign-in')
        .set('Accept', 'text/html')
        .set('Content-Type', 'application/x-www-form-urlencoded'),
      Buffer.from(body),
    );

  it.each([
    ['a Latin-1 escape', 'email=caf%E9%40x.test'],
    ['half a surrogate pair', 'email=a%ED%A0%80b'],
    ['a raw Latin-1 byte', Buffer.concat([Buffer.from('email=caf'), Buffer.from([0xe9])])],
  ])('refuses %s in a form, on a French page naming the field', async (_case, body) => {
    const page = await form(body).expect(400);
    expect(page.text).toContain('Le champ « email » contient un caractère interdit');
  });

  it('still reads a form encoded in UTF-8 (the portal asks for its token first)', async () => {
    const page = await form('email=caf%C3%A9%40x.test');
    expect(page.status).not.toBe(400);
    expect(page.text).not.toContain('caractère interdit');
  });
});
