import { BrowserSession, pagesOf, signIn } from './support/session';
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
});
