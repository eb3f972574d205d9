import request from 'supertest';
import type { Locale } from '../src/config/app-config';
import type { TranslationProblem } from '../src/i18n/messages';
import { MAIL_PURPOSES, OutboxMessage } from '../src/mail/outbox/outbox-message.entity';
import { ViewService } from '../src/common/web/view.service';
import { seedNetwork, type Network } from './support/network';
import { routesOf, type Route } from './support/routes';
import { csrfFromHtml, signInWithForm } from './support/session';
import { TestSmtpServer, type Received } from './support/smtp';
import { createStaff } from './support/staff';
import { createTestApp, type TestApp } from './support/test-app';

/** English UI words that must never show on a French page or in a French mail. */
const ENGLISH_IN_FRENCH = [
  / the /,
  / of /,
  /\bSave\b/,
  /\bCancel\b/,
  /\bDelete\b/,
  /\bEdit\b/,
  /not found/i,
  /\bPage \d+ of\b/,
  /\bInvalid\b/i,
  /\bUnknown\b/,
  /\bis not\b/,
  /\bEmail\b/,
];
/** What a message formatted badly leaves behind: an ICU argument, a number gone wrong. */
const UNFORMATTED = [/\{[A-Za-z]\w*(\s*,[^{}]*)?\}/, /\bNaN\b/, /\bundefined\b/, /\[object /];

/** Pages that are no HTML for people (feeds, health probe, PDF documents): their words are not ours. */
const NOT_PAGES = [/\.ics$/, /^\/health(\/\w+)?$/, /(\/pdf|\.pdf)$/];

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', nbsp: ' ' };

/** What a reader sees or hears of a page: its text and its labels, entities decoded. */
function visibleText(html: string): string {
  const labels = [...html.matchAll(/\s(?:aria-label|title|placeholder|alt)="([^"]*)"/g)].map(
    (m) => m[1],
  );
  const text = html
    .replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<[^>]+>/g, ' ');
  return [text, ...labels]
    .join('\n')
    .replace(/&(#x?[0-9a-f]+|\w+);/gi, (whole, code: string) =>
      code.startsWith('#')
        ? String.fromCodePoint(
            parseInt(code.slice(code[1] === 'x' ? 2 : 1), code[1] === 'x' ? 16 : 10),
          )
        : (ENTITIES[code] ?? whole),
    )
    .replace(/\s+/g, ' ');
}

/** Every concrete address of a page route, with the seeded ids and tokens in its parameters. */
function addressesOf(
  route: Route,
  n: Network,
  tokens: Record<string, string>,
  /** For forms: parameters not seeded above take this value (the first row of their table). */
  fallback?: string,
): string[] {
  const meetings = [n.meetings.held, n.meetings.upcoming, n.meetings.cancelled];
  const byPath: Array<[RegExp, Record<string, Array<number | string>>]> = [
    [/^\/meetings\/:id\/minutes/, { id: [n.meetings.held] }],
    [/^\/meetings\/series\/:id/, { id: [n.seriesId] }],
    // No scan is seeded: the address shows the "not found" page of a scanned sheet.
    [/^\/meetings\/:id/, { id: meetings, scanId: [1] }],
    // Each partner's first contact (two contacts each).
    [
      /^\/partners\/:id/,
      { id: n.partnerIds, contactId: n.contactIds.filter((_, i) => i % 2 === 0) },
    ],
    [/^\/(portal\/)?projects\/:id/, { id: n.projectIds }],
    [/^\/themes\/:id/, { id: [n.themeId] }],
    [/^\/speakers\/:id/, { id: [n.speakerId] }],
    [/^\/desk\/newsletters\/:id/, { id: [n.newsletterId] }],
    [/^\/desk\/news\/:id/, { id: n.newsIds }],
    [/^\/(portal\/)?minutes\/:meetingId\/:version/, { meetingId: [n.meetings.held], version: [1] }],
    [/^\/portal\/reviews\/:meetingId/, { meetingId: [n.meetings.held] }],
    [/^\/(portal\/)?newsletters\/:number/, { number: [n.newsletterNumber] }],
    [/^\/public\/minutes\/:token/, { token: [n.publicTokens.minutes] }],
    [/^\/public\/newsletters\/:token/, { token: [n.publicTokens.newsletter] }],
    [/^\/r\/:token/, { token: n.answerTokens }],
    [/^\/follow-up\/:token/, { token: [tokens.followUp] }],
    [/^\/u\/:token/, { token: [tokens.unsubscribe] }],
    [/^\/portal\/link\/:token/, { token: [tokens.portal] }],
  ];
  const names = [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1]);
  if (names.length === 0) return [route.path];
  const values = { ...byPath.find(([pattern]) => pattern.test(route.path))?.[1] };
  if (fallback) for (const name of names) values[name] ??= [fallback];
  const missing = names.filter((name) => !values[name]);
  if (missing.length) throw new Error(`No seeded value for ${missing.join(', ')} in ${route.path}`);
  const width = Math.max(...names.map((name) => values[name].length));
  return Array.from({ length: width }, (_, i) =>
    names.reduce(
      (path, name) =>
        path.replace(`:${name}`, String(values[name][Math.min(i, values[name].length - 1)])),
      route.path,
    ),
  );
}

/** States of pages a plain address does not show: filters, empty results, errors, flashes. */
const MORE_PAGES = [
  '/meetings/calendar?month=2026-03',
  '/meetings?when=past',
  '/partners?q=zzzz',
  '/projects?state=overdue',
  '/projects/1?status=1',
  '/projects/4?status=1',
  '/projects/2?created=1',
  '/partners/999999',
  '/desk/newsletters/1?published=1',
  '/desk/newsletters/1?retried=1',
];

describe.each<Locale>(['fr', 'en'])('every page and mail, in %s', (locale) => {
  let t: TestApp;
  let smtp: TestSmtpServer;
  let network: Network;
  let problems: TranslationProblem[];
  let staffPages: ReturnType<typeof request.agent>;
  let staffCsrf: string;
  let portalPages: ReturnType<typeof request.agent>;
  let portalCsrf: string;
  const tokens: Record<string, string> = {};
  const found: string[] = [];
  const rendered: string[] = [];

  const keys = () => new Set(t.app.get(ViewService).translator.keys(locale));

  /** Every way this page lets its language down, each named with the page. */
  function check(where: string, html: string): void {
    const text = visibleText(html);
    const known = keys();
    for (const token of text.match(/\b[a-zA-Z]+(?:\.[\w-]+)+\b/g) ?? [])
      if (known.has(token)) found.push(`${where}: message key shown raw: ${token}`);
    for (const pattern of UNFORMATTED) {
      const match = pattern.exec(text);
      if (match) found.push(`${where}: unformatted “${match[0]}”`);
    }
    if (locale === 'fr')
      for (const pattern of ENGLISH_IN_FRENCH) {
        const match = pattern.exec(text);
        if (match) {
          const at = text.indexOf(match[0]);
          found.push(`${where}: English “${text.slice(Math.max(0, at - 30), at + 30)}”`);
        }
      }
  }

  async function render(agent: ReturnType<typeof request.agent>, path: string): Promise<void> {
    let address = path;
    for (let hops = 0; hops < 3; hops++) {
      const response = await agent.get(address).set('Accept', 'text/html');
      if ([301, 302, 303].includes(response.status)) {
        const location = String(response.headers.location);
        if (!location.startsWith('/')) return;
        address = location;
        continue;
      }
      if (response.status >= 500) found.push(`${address}: status ${response.status}`);
      if (/html/.test(String(response.headers['content-type'])))
        check(`${path} (${response.status})`, response.text);
      rendered.push(address);
      return;
    }
  }

  beforeAll(async () => {
    smtp = await new TestSmtpServer().start();
    t = await createTestApp({ env: { LOCALE: locale, SMTP_URL: smtp.url } });
    problems = t.app.get(ViewService).translator.startRecording();
    const admin = await createStaff(t, 'admin');
    network = await seedNetwork(t, admin);
    const textOf = (m: Received) => m.mail.text ?? '';
    const tokenIn = (pattern: RegExp) =>
      smtp.received.map((m) => pattern.exec(textOf(m))?.[1]).find(Boolean) ?? '';
    tokens.followUp = tokenIn(/\/follow-up\/([\w-]+)/);
    tokens.unsubscribe = tokenIn(/\/u\/([\w-]+)/);
    tokens.portal = tokenIn(/\/portal\/link\/([\w-]+)/);
    ({ agent: staffPages, csrfToken: staffCsrf } = await signInWithForm(
      t,
      admin.user.email,
      admin.password,
    ));
    portalPages = request.agent(t.http);
    await portalPages.get(`/portal/link/${tokens.portal}`).set('Accept', 'text/html').expect(303);
    portalCsrf = csrfFromHtml((await portalPages.get('/portal').set('Accept', 'text/html')).text);
  }, 180_000);
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it('sent every kind of mail, each fully worded in the language', async () => {
    const purposes = new Set(
      (await t.dataSource.getRepository(OutboxMessage).find()).map((m) => m.purpose),
    );
    expect([...MAIL_PURPOSES].filter((p) => !purposes.has(p))).toEqual([]);
    expect(smtp.received.length).toBeGreaterThan(MAIL_PURPOSES.length);
    for (const { mail } of smtp.received) {
      const where = `mail “${mail.subject}” to ${mail.to ? JSON.stringify(mail.to).slice(0, 60) : '?'}`;
      check(where, `<p>${mail.subject ?? ''}</p>\n<pre>${mail.text ?? ''}</pre>`);
      if (mail.html) check(`${where} (HTML)`, mail.html);
    }
    expect(found.splice(0)).toEqual([]);
  });

  it('renders every page route (staff, admin, public, portal) fully worded', async () => {
    t.clock.set(network.now);
    const anonymous = request.agent(t.http);
    const pages = routesOf(t).filter(
      (r) =>
        r.method === 'get' &&
        !r.path.startsWith('/api/') &&
        !NOT_PAGES.some((pattern) => pattern.test(r.path)),
    );
    expect(pages.length).toBeGreaterThan(50);
    for (const route of pages) {
      const agent = !route.isPublic
        ? staffPages
        : /^\/portal(\/(?!sign-in|link)|$)/.test(route.path)
          ? portalPages
          : anonymous;
      for (const address of addressesOf(route, network, tokens)) await render(agent, address);
    }
    for (const address of MORE_PAGES) await render(staffPages, address);
    expect(rendered.length).toBeGreaterThan(pages.length);
    expect(found.splice(0)).toEqual([]);
  }, 180_000);

  /** Posts a form with nothing but its CSRF token and checks what comes back (or where it leads). */
  async function postEmpty(
    agent: ReturnType<typeof request.agent>,
    csrf: string,
    address: string,
  ): Promise<void> {
    const response = await agent
      .post(address)
      .type('form')
      .set('Accept', 'text/html')
      .send({ _csrf: csrf });
    if (response.status >= 500) found.push(`POST ${address}: status ${response.status}`);
    const location = String(response.headers.location ?? '');
    if (location.startsWith('/')) await render(agent, location);
    else if (/html/.test(String(response.headers['content-type'])))
      check(`POST ${address} (${response.status})`, response.text);
  }

  it('answers every staff form posted empty with its own words (errors included)', async () => {
    // Last, as some forms act (delete, cancel): the pages above were read in the seeded state.
    const forms = routesOf(t).filter(
      (r) =>
        r.method === 'post' &&
        !r.isPublic &&
        !r.path.startsWith('/api/') &&
        !/sign-out|logout/.test(r.path),
    );
    expect(forms.length).toBeGreaterThan(20);
    // Accounts and destructive actions last, so that the other forms still find their records.
    const last = (r: Route) => Number(/^\/admin|delete|archive|cancel|revoke/.test(r.path));
    forms.sort((a, b) => last(a) - last(b));
    for (const route of forms)
      for (const address of addressesOf(route, network, tokens, '1'))
        await postEmpty(staffPages, staffCsrf, address);
    expect(found.splice(0)).toEqual([]);
  }, 180_000);

  it('answers every public and portal form posted empty in its own words', async () => {
    const forms = routesOf(t).filter(
      (r) => r.method === 'post' && r.isPublic && !/^\/api\/|sign-out|logout/.test(r.path),
    );
    expect(forms.length).toBeGreaterThan(5);
    const anonymous = request.agent(t.http);
    for (const route of forms) {
      const portal = /^\/portal\/(?!sign-in)/.test(route.path);
      for (const address of addressesOf(route, network, tokens, '1'))
        if (portal) await postEmpty(portalPages, portalCsrf, address);
        else await postEmpty(anonymous, '', address);
    }
    expect(found.splice(0)).toEqual([]);
  }, 180_000);

  it('asked the catalogue of this language for no missing message and no missing argument', () => {
    const unique = [...new Set(problems.map((p) => `${p.problem} ${p.key} ${p.detail ?? ''}`))];
    expect(unique).toEqual([]);
  });

  it('has the same messages in both catalogues', () => {
    const translator = t.app.get(ViewService).translator;
    const other: Locale = locale === 'fr' ? 'en' : 'fr';
    expect(translator.keys(locale).filter((key) => !translator.has(other, key))).toEqual([]);
  });
});
