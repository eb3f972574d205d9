import request from 'supertest';
import type { TestApp } from './test-app';

export interface BrowserSession {
  /** supertest agent keeping the session cookie, like a browser. */
  agent: ReturnType<typeof request.agent>;
  /** The session's CSRF token: `_csrf` in forms, `x-csrf-token` header for JSON calls. */
  csrfToken: string;
}

/** The `_csrf` value of the first form in an HTML page. */
export function csrfFromHtml(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('No CSRF token in the page');
  return match[1];
}

/** Signs in through the JSON API with a cookie, as a browser script would. */
export async function signIn(t: TestApp, email: string, password: string): Promise<BrowserSession> {
  const agent = request.agent(t.http);
  const response = await agent.post('/api/auth/login').send({ email, password }).expect(200);
  return { agent, csrfToken: response.body.csrfToken as string };
}

/** Signs in through the HTML form (GET /login for the token, then POST /login). */
export async function signInWithForm(
  t: TestApp,
  email: string,
  password: string,
): Promise<BrowserSession> {
  const agent = request.agent(t.http);
  const page = await agent.get('/login').set('Accept', 'text/html').expect(200);
  await agent
    .post('/login')
    .type('form')
    .set('Accept', 'text/html')
    .send({ _csrf: csrfFromHtml(page.text), email, password })
    .expect(303);
  const home = await agent.get('/').set('Accept', 'text/html').expect(200);
  return { agent, csrfToken: csrfFromHtml(home.text) };
}

/** Staff pages seen through a signed-in session: GET an HTML page, POST a form with its token. */
export function pagesOf(session: BrowserSession) {
  return {
    get: (url: string, status = 200) =>
      session.agent.get(url).set('Accept', 'text/html').expect(status),
    post: (url: string, form: Record<string, unknown>, status: number) =>
      session.agent
        .post(url)
        .type('form')
        .set('Accept', 'text/html')
        .send({ _csrf: session.csrfToken, ...form })
        .expect(status),
  };
}

/**
 * A partner contact asks for a portal sign-in link through the form, as from the client address
 * `ip` (the app must trust X-Forwarded-For: TRUST_PROXY). Answers the form's response.
 */
export async function askForPortalLink(
  agent: ReturnType<typeof request.agent>,
  email: string,
  ip: string,
) {
  const form = await agent
    .get('/portal/sign-in')
    .set('Accept', 'text/html')
    .set('X-Forwarded-For', ip)
    .expect(200);
  return agent
    .post('/portal/sign-in')
    .type('form')
    .set('Accept', 'text/html')
    .set('X-Forwarded-For', ip)
    .send({ _csrf: csrfFromHtml(form.text), email });
}
