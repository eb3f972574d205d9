import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { projectRoot } from './project-root';

export type DatabaseEngine = 'sqlite' | 'postgres';
export type Locale = 'fr' | 'en';

/**
 * Every setting Maillage reads from the environment, parsed and checked once at start-up.
 * The README lists them; a wrong value stops the start with a message naming the variable.
 */
export class AppConfig {
  readonly port: number;
  readonly host: string;
  readonly publicUrl: string;
  readonly dataDir: string;
  readonly databaseEngine: DatabaseEngine;
  /** SQLite file path, or PostgreSQL connection URL. */
  readonly databaseUrl: string;
  /** PostgreSQL: prepare each statement once per connection (database/prepared-pg.ts). */
  readonly databasePreparedStatements: boolean;
  readonly timeZone: string;
  readonly locale: Locale;
  readonly templatesDir: string;
  readonly sessionSecret?: string;
  readonly sessionMaxAgeHours: number;
  readonly secureCookies: boolean;
  readonly trustProxy: boolean;
  readonly bodyLimit: string;
  readonly logSql: boolean;
  readonly production: boolean;
  /** Projects: how long a lead partner's personal follow-up link works. */
  readonly followUpLinkDays: number;
  /** Partner portal: hours a sign-in link (and the portal session it opens) lasts. */
  readonly portalLinkTtlHours: number;
  /** Months without activity after which a contact is listed for review (the retention review). */
  readonly contactRetentionMonths: number;
  /** Partner portal: sign-in link requests allowed per email (and per client address) an hour. */
  readonly portalRequestsPerEmail: number;
  readonly portalRequestsPerAddress: number;
  /** Projects: minutes between two reminder runs; 0 turns the scheduler off. */
  readonly remindersIntervalMinutes: number;
  /** smtp(s)://user:password@host:port; empty: messages are kept as .eml files under DATA_DIR/outbox. */
  readonly smtpUrl?: string;
  /** The From header, e.g. `Maillage <no-reply@agency.example>`. */
  readonly mailFrom: string;
  readonly mailReplyTo?: string;
  /** The mailto of List-Unsubscribe: an address the agency reads (Reply-To, else From by default). */
  readonly mailUnsubscribeAddress: string;
  /** DEMO_DATA: load the demo data at start-up when the directory is empty (first run). */
  readonly demoData: boolean;
  /** PUBLIC_ARCHIVE: list the public minutes and newsletters at /archive for anyone (opt-in). */
  readonly publicArchive: boolean;
  /** Run the outbox dispatcher in this process (tests turn it off and drain by hand). */
  readonly mailDispatcher: boolean;
  readonly mailPollSeconds: number;
  readonly mailBatchSize: number;
  /** SMTP connections of the dispatcher, each sending one message at a time. */
  readonly mailConnections: number;
  readonly mailMaxAttempts: number;
  /** First retry delay; doubles at each further attempt. */
  readonly mailRetryBaseSeconds: number;
  /** A claim older than this is taken back (the sender crashed mid-send). */
  readonly mailClaimTimeoutSeconds: number;
  /** On SIGTERM: seconds readiness answers 503 before the server stops taking connections. */
  readonly shutdownDelaySeconds: number;
  /** Network default for a speaker's travel cost per km, in euro cents (round trips are paid). */
  readonly speakerTravelCentsPerKm: number;
  /** Meetings: the ORGANIZER of calendar entries. */
  readonly organizerName: string;
  readonly organizerEmail: string;
  /**
   * Documents (PDF): the agency's name in every page header (ORGANIZER_NAME by default). When
   * neither is set, documents take the directory's own agency instead (`OwnAgency`).
   */
  readonly agencyName: string;
  readonly agencyNameSet: boolean;
  /** Documents (PDF): a PNG or JPEG logo printed beside the agency's name, optional. */
  readonly agencyLogo?: string;
  /** Meetings: a partner that missed its last N meetings is a weak tie (default N). */
  readonly weakTiesMissed: number;
  /** A daily backup into this folder when set (see docs/deployment.md, "Backups"). */
  readonly backupDir?: string;
  /** How many daily backups are kept. */
  readonly backupKeep: number;
  /**
   * Right to erasure: a contact recorded present at a meeting held less than this many years ago
   * is not erased (the attendance proof funders keep); 0: never refused.
   */
  readonly attendanceProofYears: number;
  /** Meetings: the largest scanned sign-in sheet accepted, in bytes (SIGN_IN_SCAN_MAX_MB). */
  readonly signInScanMaxBytes: number;
  /** Benchmark only: an x-sql-queries response header with the SQL statements of the request. */
  readonly benchQueryCount: boolean;
  /** Failed sign-ins allowed per email and client address in 15 minutes. */
  readonly loginFailuresPerAccount: number;
  /** Failed sign-ins allowed per client address in an hour, whatever the email. */
  readonly loginFailuresPerAddress: number;

  constructor(env: NodeJS.ProcessEnv = process.env) {
    const errors: string[] = [];
    const int = (name: string, fallback: number, min: number, max: number): number => {
      const raw = env[name];
      if (raw === undefined || raw === '') return fallback;
      const value = Number(raw);
      if (!Number.isInteger(value) || value < min || value > max) {
        errors.push(`${name} must be a whole number between ${min} and ${max} (got "${raw}")`);
        return fallback;
      }
      return value;
    };
    const bool = (name: string, fallback: boolean): boolean => {
      const raw = env[name]?.toLowerCase();
      if (raw === undefined || raw === '') return fallback;
      if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
      if (['0', 'false', 'no', 'off'].includes(raw)) return false;
      errors.push(`${name} must be true or false (got "${env[name]}")`);
      return fallback;
    };

    this.production = env.NODE_ENV === 'production';
    this.port = int('PORT', 3000, 0, 65535);
    this.host = env.HOST || '0.0.0.0';
    this.publicUrl = (env.PUBLIC_URL || `http://localhost:${this.port}`).replace(/\/+$/, '');
    if (!/^https?:\/\/[^/]+/.test(this.publicUrl))
      errors.push('PUBLIC_URL must start with http:// or https://');
    this.dataDir = resolve(env.DATA_DIR || './data');

    const databaseUrl = env.DATABASE_URL || '';
    if (/^postgres(ql)?:\/\//.test(databaseUrl)) {
      this.databaseEngine = 'postgres';
      this.databaseUrl = databaseUrl;
    } else if (databaseUrl === '' || databaseUrl.startsWith('sqlite:')) {
      this.databaseEngine = 'sqlite';
      const file = databaseUrl.replace(/^sqlite:(\/\/)?/, '');
      this.databaseUrl = file ? resolve(file) : resolve(this.dataDir, 'maillage.sqlite');
    } else {
      this.databaseEngine = 'sqlite';
      this.databaseUrl = '';
      errors.push(
        'DATABASE_URL must be empty, sqlite:<file> or postgres://user@host:port/database',
      );
    }

    this.timeZone = env.TIME_ZONE || 'Europe/Brussels';
    try {
      new Intl.DateTimeFormat('fr', { timeZone: this.timeZone });
    } catch {
      errors.push(
        `TIME_ZONE must be an IANA time zone such as Europe/Brussels (got "${this.timeZone}")`,
      );
    }
    const locale = (env.LOCALE || 'fr').toLowerCase();
    if (locale !== 'fr' && locale !== 'en')
      errors.push(`LOCALE must be fr or en (got "${env.LOCALE}")`);
    this.locale = locale === 'en' ? 'en' : 'fr';
    this.templatesDir = resolve(env.TEMPLATES_DIR || resolve(projectRoot(), 'templates'));
    this.sessionSecret = env.SESSION_SECRET || undefined;
    if (this.sessionSecret !== undefined && this.sessionSecret.length < 32) {
      errors.push('SESSION_SECRET must be at least 32 characters long');
    }
    this.sessionMaxAgeHours = int('SESSION_MAX_AGE_HOURS', 12, 1, 24 * 90);
    this.secureCookies = bool('SECURE_COOKIES', this.publicUrl.startsWith('https://'));
    this.trustProxy = bool('TRUST_PROXY', false);
    this.bodyLimit = env.BODY_LIMIT || '1mb';
    if (!/^\d+(kb|mb)$/i.test(this.bodyLimit))
      errors.push('BODY_LIMIT must look like 512kb or 2mb');
    this.logSql = bool('LOG_SQL', false);
    this.databasePreparedStatements = bool('DATABASE_PREPARED_STATEMENTS', true);
    this.followUpLinkDays = int('FOLLOW_UP_LINK_DAYS', 180, 1, 366);
    this.portalLinkTtlHours = int('PORTAL_LINK_TTL_HOURS', 72, 1, 24 * 31);
    this.contactRetentionMonths = int('CONTACT_RETENTION_MONTHS', 36, 1, 240);
    this.portalRequestsPerEmail = int('PORTAL_REQUESTS_PER_EMAIL', 5, 1, 1000);
    this.portalRequestsPerAddress = int('PORTAL_REQUESTS_PER_ADDRESS', 30, 1, 100000);
    this.remindersIntervalMinutes = int(
      'REMINDERS_INTERVAL_MINUTES',
      env.NODE_ENV === 'test' ? 0 : 60,
      0,
      7 * 24 * 60,
    );

    this.smtpUrl = env.SMTP_URL || undefined;
    if (this.smtpUrl !== undefined && !/^smtps?:\/\/[^/]+/.test(this.smtpUrl))
      errors.push('SMTP_URL must look like smtp://user:password@host:587 or smtps://host:465');
    const host = /^https?:\/\/([^/:]+)/.exec(this.publicUrl)?.[1] ?? 'localhost';
    this.mailFrom = env.MAIL_FROM || `Maillage <no-reply@${host}>`;
    this.mailReplyTo = env.MAIL_REPLY_TO || undefined;
    for (const [name, value] of [
      ['MAIL_FROM', this.mailFrom],
      ['MAIL_REPLY_TO', this.mailReplyTo],
      ['MAIL_UNSUBSCRIBE_ADDRESS', env.MAIL_UNSUBSCRIBE_ADDRESS],
    ] as const) {
      if (value && addressOf(value) === undefined)
        errors.push(`${name} must be an email address, optionally with a name: Name <a@b.org>`);
    }
    this.mailUnsubscribeAddress =
      addressOf(env.MAIL_UNSUBSCRIBE_ADDRESS || this.mailReplyTo || this.mailFrom) ??
      `no-reply@${host}`;
    this.mailDispatcher = bool('MAIL_DISPATCHER', true);
    this.demoData = bool('DEMO_DATA', false);
    this.publicArchive = bool('PUBLIC_ARCHIVE', false);
    this.mailPollSeconds = int('MAIL_POLL_SECONDS', 5, 1, 3600);
    this.mailBatchSize = int('MAIL_BATCH_SIZE', 20, 1, 500);
    this.mailConnections = int('MAIL_CONNECTIONS', 2, 1, 10);
    this.mailMaxAttempts = int('MAIL_MAX_ATTEMPTS', 5, 1, 50);
    this.mailRetryBaseSeconds = int('MAIL_RETRY_BASE_SECONDS', 60, 1, 86_400);
    this.mailClaimTimeoutSeconds = int('MAIL_CLAIM_TIMEOUT_SECONDS', 600, 30, 86_400);
    this.shutdownDelaySeconds = int('SHUTDOWN_DELAY_SECONDS', this.production ? 5 : 0, 0, 300);
    this.speakerTravelCentsPerKm = int('SPEAKER_TRAVEL_CENTS_PER_KM', 40, 0, 10_000);

    this.organizerName = env.ORGANIZER_NAME || 'Maillage';
    const publicHost = /^https?:\/\/([^/:]+)/.exec(this.publicUrl)?.[1] ?? 'localhost';
    this.organizerEmail = env.ORGANIZER_EMAIL || `noreply@${publicHost}`;
    if (!/^[^\s@]+@[^\s@]+$/.test(this.organizerEmail))
      errors.push(`ORGANIZER_EMAIL must be an email address (got "${env.ORGANIZER_EMAIL}")`);
    this.agencyName = (env.AGENCY_NAME || this.organizerName).trim();
    this.agencyNameSet = Boolean(env.AGENCY_NAME?.trim() || env.ORGANIZER_NAME?.trim());
    this.agencyLogo = env.AGENCY_LOGO ? resolve(env.AGENCY_LOGO) : undefined;
    if (this.agencyLogo !== undefined && !existsSync(this.agencyLogo))
      errors.push(
        `AGENCY_LOGO must name a PNG or JPEG file that exists (got "${env.AGENCY_LOGO}")`,
      );
    this.weakTiesMissed = int('WEAK_TIES_MISSED', 3, 1, 50);
    this.backupDir = env.BACKUP_DIR ? resolve(env.BACKUP_DIR) : undefined;
    this.backupKeep = int('BACKUP_KEEP', 7, 1, 365);
    this.attendanceProofYears = int('ATTENDANCE_PROOF_YEARS', 10, 0, 100);
    this.signInScanMaxBytes = int('SIGN_IN_SCAN_MAX_MB', 15, 1, 100) * 1024 * 1024;
    this.benchQueryCount = bool('BENCH_QUERY_COUNT', false);
    this.loginFailuresPerAccount = int('LOGIN_FAILURES_PER_ACCOUNT', 5, 1, 1000);
    this.loginFailuresPerAddress = int('LOGIN_FAILURES_PER_ADDRESS', 50, 1, 100000);

    if (errors.length > 0) {
      throw new Error(`Invalid configuration:\n  - ${errors.join('\n  - ')}`);
    }
  }

  get outboxDir(): string {
    return resolve(this.dataDir, 'outbox');
  }

  ensureDataDir(): void {
    mkdirSync(this.dataDir, { recursive: true });
  }
}

/** The bare address of `a@b.org` or `Name <a@b.org>`, undefined when it is not one. */
export function addressOf(value: string): string | undefined {
  const match = /^(?:[^<>]*<([^<>\s]+@[^<>\s]+)>|([^<>\s]+@[^<>\s]+))$/.exec(value.trim());
  return match ? (match[1] ?? match[2]) : undefined;
}
