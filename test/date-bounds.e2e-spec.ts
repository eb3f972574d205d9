import { Newsletter } from '../src/documents/newsletters/newsletter.entity';
import { createMeeting } from './support/meetings';
import { BrowserSession, pagesOf, signIn } from './support/session';
import { createStaff, Staff } from './support/staff';
import { createTestApp, TestApp } from './support/test-app';

/**
 * A date near the end of year 9999 passed the format checks, then the day or month after it (a
 * period's end, a calendar's next month) fell in year 10000 and the request answered 500, after
 * storing a newsletter draft that no page could open. Every date field now keeps to years
 * 1000–2999: a 400 naming the field, nothing stored.
 */
describe('dates beyond the years the app computes with', () => {
  let t: TestApp;
  let admin: Staff;
  let session: BrowserSession;
  let meetingId: number;

  beforeAll(async () => {
    t = await createTestApp({ now: '2026-03-02T09:00:00Z' });
    admin = await createStaff(t, 'admin');
    session = await signIn(t, admin.user.email, admin.password);
    meetingId = (await createMeeting(admin)).id;
  });
  afterAll(() => t.close());

  it.each([
    ['/meetings?to=9999-12-31', 'to'],
    ['/meetings/calendar?month=9999-12', 'month'],
    ['/admin/audit?to=9999-12-31', 'to'],
    ['/admin/audit.csv?to=9999-12-31', 'to'],
  ])('GET %s is a 400 naming %s', async (url, field) => {
    const page = await pagesOf(session).get(url, 400);
    expect(page.text).toContain(`« ${field} » doit être`);
    expect(page.text).toContain('de l’an 1000 à l’an 2999');
  });

  it.each([
    ['get', '/api/stats/speaker-costs?from=2027-01-01&to=9999-12-31', undefined, 'to'],
    ['post', `/api/meetings/:meeting/minutes/review`, { deadline: '9999-12-31' }, 'deadline'],
    ['post', '/api/newsletters', { from: '2027-01-01', to: '9999-12-01' }, 'to'],
    ['post', '/api/meetings', { startsAt: '9999-12-31T23:00:00Z' }, 'startsAt'],
    ['get', '/api/reports/activity?from=9999-11-01&to=9999-11-30', undefined, 'from'],
  ] as const)('%s %s is a 400 naming the field', async (method, url, body, field) => {
    const path = url.replace(':meeting', String(meetingId));
    const call = method === 'get' ? admin.api.get(path) : admin.api.post(path).send(body ?? {});
    const response = await call.expect(400);
    const errors = response.body.errors as { field: string; messages: string[] }[];
    expect(errors.find((error) => error.field === field)?.messages.join(' ')).toMatch(
      /de l’an 1000 à l’an 2999/,
    );
  });

  it('stores no newsletter draft for a refused period', async () => {
    await admin.api.post('/api/newsletters').send({ from: '2027-01-01', to: '9999-12-31' });
    expect(await t.dataSource.getRepository(Newsletter).count()).toBe(0);
  });

  it('still takes the last day of year 2999', async () => {
    await admin.api
      .post('/api/newsletters')
      .send({ from: '2999-12-01', to: '2999-12-31' })
      .expect(201);
  });
});
