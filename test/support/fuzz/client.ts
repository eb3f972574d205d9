import { Agent, request as httpRequest } from 'node:http';
import type { AddressInfo, Server } from 'node:net';
import { ApiToken } from '../../../src/auth/tokens/api-token.entity';
import { hashPassword } from '../../../src/auth/users/passwords';
import { randomToken, sha256 } from '../../../src/common/secrets';
import { csrfFromHtml } from '../session';
import type { TestApp } from '../test-app';
import type { Seed } from './seed';

export interface RawRequest {
  method: string;
  /** Path and query, already encoded (it may be deliberately malformed). */
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/**
 * A bare HTTP client on one listening port with keep-alive: no redirects followed, bytes sent as
 * given (supertest would re-encode URLs and open a server per request, much slower).
 */
export class RawClient {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 4 });
  private constructor(private readonly port: number) {}

  static async listen(server: Server): Promise<RawClient> {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return new RawClient((server.address() as AddressInfo).port);
  }

  send(spec: RawRequest): Promise<RawResponse> {
    return new Promise((resolve, reject) => {
      const headers: Record<string, string | number> = { ...spec.headers };
      if (spec.body !== undefined) headers['Content-Length'] = Buffer.byteLength(spec.body);
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port: this.port,
          method: spec.method,
          path: spec.path,
          headers,
          agent: this.agent,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              text: Buffer.concat(chunks).toString('utf8'),
            }),
          );
          res.on('error', reject);
        },
      );
      req.setTimeout(30_000, () => req.destroy(new Error('timeout after 30 s')));
      req.on('error', reject);
      if (spec.body !== undefined) req.write(spec.body);
      req.end();
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

export type IdentityName = 'admin' | 'staff-session' | 'partner' | 'anonymous';

export interface Identity {
  name: IdentityName;
  headers: Record<string, string>;
  /** The session's CSRF token, for forms and the x-csrf-token header. */
  csrf?: string;
}

function cookieOf(response: RawResponse): string {
  const raw = response.headers['set-cookie'];
  const first = (Array.isArray(raw) ? raw : raw ? [raw] : [])[0];
  if (!first) throw new Error(`no session cookie (status ${response.status})`);
  return first.split(';')[0];
}

/**
 * The fuzzer's identities, re-created when a request ended them (an admin token revoked, a
 * session signed out, a portal link revoked): `ensure` checks each with one cheap request.
 */
export class Identities {
  readonly all = new Map<IdentityName, Identity>();
  recreated = 0;

  constructor(
    private readonly t: TestApp,
    private readonly client: RawClient,
    private readonly seed: Seed,
  ) {
    this.all.set('anonymous', { name: 'anonymous', headers: {} });
  }

  /** The portal identity's sign-in link token (opening it again is part of the fuzzing). */
  portalToken = '';

  get(name: IdentityName): Identity {
    return this.all.get(name)!;
  }

  /**
   * A session identity whose answer set another session id (a sign-in, a portal link opened)
   * lost its session and its CSRF token, like a browser would: forget it, `ensure` re-creates it.
   */
  absorb(name: IdentityName, response: RawResponse): boolean {
    const identity = this.all.get(name);
    const cookie = identity?.headers.Cookie;
    if (!cookie) return false;
    const raw = response.headers['set-cookie'];
    const sent = (Array.isArray(raw) ? raw : raw ? [raw] : []).map((c) => c.split(';')[0]);
    const sid = sent.find((c) => c.startsWith('maillage.sid='));
    if (sid === undefined || sid === cookie) return false;
    this.all.delete(name);
    this.recreated += 1;
    return true;
  }

  private bearer(token: string): Identity {
    return { name: 'admin', headers: { Authorization: `Bearer ${token}` } };
  }

  async ensure(): Promise<void> {
    const admin = this.all.get('admin');
    if (!admin || !(await this.alive(admin, '/api/auth/me', 200))) await this.newAdminToken();
    const staff = this.all.get('staff-session');
    if (!staff || !(await this.alive(staff, '/api/auth/me', 200))) await this.newStaffSession();
    const partner = this.all.get('partner');
    if (!partner || !(await this.alive(partner, '/portal', 200))) await this.newPortalSession();
  }

  private async alive(identity: Identity, path: string, status: number): Promise<boolean> {
    const r = await this.client.send({
      method: 'GET',
      path,
      headers: { ...identity.headers, Accept: 'text/html' },
    });
    return r.status === status;
  }

  private async newAdminToken(): Promise<void> {
    if (this.all.has('admin')) this.recreated += 1;
    const userId = this.seed.admin.user.id;
    // The seed keeps the admin's own user id out of the pools; should a request still have
    // demoted or deactivated it, put it back.
    await this.t.dataSource.query(
      `UPDATE users SET active = ${this.t.config.databaseEngine === 'postgres' ? 'true' : '1'}, role = 'admin' WHERE id = ${userId}`,
    );
    const token = `mlg_${randomToken()}`;
    await this.t.dataSource.getRepository(ApiToken).save({
      userId,
      name: 'fuzzer',
      tokenHash: sha256(token),
      prefix: token.slice(0, 12),
      lastUsedAt: null,
      revokedAt: null,
    });
    this.all.set('admin', this.bearer(token));
  }

  private async newStaffSession(retried = false): Promise<void> {
    if (this.all.has('staff-session')) this.recreated += 1;
    const r = await this.client.send({
      method: 'POST',
      path: '/api/auth/login',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        email: this.seed.admin.user.email,
        password: this.seed.admin.password,
      }),
    });
    if (r.status === 401 && !retried) {
      // A request changed the admin's email or password (ids like " 1 " still reach it): put
      // them back and sign in again.
      const { user, password } = this.seed.admin;
      await this.t.dataSource.query(
        `UPDATE users SET active = ${this.t.config.databaseEngine === 'postgres' ? 'true' : '1'}, role = 'admin', email = '${user.email}', email_key = '${user.email.toLowerCase()}', password_hash = '${await hashPassword(password)}' WHERE id = ${user.id}`,
      );
      return this.newStaffSession(true);
    }
    if (r.status !== 200) throw new Error(`staff sign-in: ${r.status} ${r.text.slice(0, 200)}`);
    const csrf = (JSON.parse(r.text) as { csrfToken: string }).csrfToken;
    this.all.set('staff-session', {
      name: 'staff-session',
      headers: { Cookie: cookieOf(r) },
      csrf,
    });
  }

  private async newPortalSession(): Promise<void> {
    if (this.all.has('partner')) this.recreated += 1;
    const { partnerId, contactId, email } = this.seed.portal;
    const admin = this.get('admin');
    await this.client.send({
      method: 'POST',
      path: `/api/partners/${partnerId}/restore`,
      headers: admin.headers,
    });
    const sent = await this.client.send({
      method: 'POST',
      path: `/api/contacts/${contactId}/portal-link`,
      headers: admin.headers,
    });
    if (sent.status !== 201) throw new Error(`portal link: ${sent.status} ${sent.text}`);
    const rows = await this.t.dataSource.query<{ text: string }[]>(
      `SELECT text FROM mail_outbox WHERE purpose = 'portal-link' AND recipient_email = '${email}' ORDER BY id DESC`,
    );
    const token = /\/portal\/link\/([A-Za-z0-9_-]+)/.exec(rows[0]?.text ?? '')?.[1];
    if (!token) throw new Error('no portal link in the outbox');
    this.portalToken = token;
    const opened = await this.client.send({
      method: 'GET',
      path: `/portal/link/${token}`,
      headers: { Accept: 'text/html' },
    });
    if (opened.status !== 303) throw new Error(`portal link open: ${opened.status}`);
    const cookie = cookieOf(opened);
    const home = await this.client.send({
      method: 'GET',
      path: '/portal',
      headers: { Accept: 'text/html', Cookie: cookie },
    });
    this.all.set('partner', {
      name: 'partner',
      headers: { Cookie: cookie },
      csrf: csrfFromHtml(home.text),
    });
  }
}
