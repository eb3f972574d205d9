import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { Database } from 'sqlite3';
import { DataSource } from 'typeorm';
import { migrationsFor } from '../../src/database/data-source-options';
import { normalizeForSearch } from '../../src/common/text';
import { scheduleFrom } from '../../src/projects/follow-ups/follow-up-state';
import { all, exec, openDatabase, run } from './sqlite';

/** The shape of every data set; M and L multiply each count. */
export const SHAPE = {
  partners: 200,
  contacts: 1_000,
  meetings: 300,
  invitations: 6_000,
  themes: 40,
  speakers: 30,
  projects: 150,
  followUps: 1_500,
  auditEntries: 5_000,
} as const;

export const SCALES = { S: 1, M: 10, L: 100 } as const;
export type SizeName = keyof typeof SCALES;

/** The staff token the benchmark signs in with (only its SHA-256 goes into the database). */
export const BENCH_TOKEN = 'mlg_benchmark-token-0123456789abcdef';
/** The bench user's sign-in (its password hash is set by the runner: scrypt is slow to repeat). */
export const BENCH_EMAIL = 'bench@maillage.test';
export const BENCH_PASSWORD = 'benchmark-password-0123456789';
/** "Now" in the data sets: meetings before it are held, after it planned. */
export const BENCH_NOW = Date.parse('2026-11-01T09:00:00Z');
/** Invitations per meeting and contacts per partner follow from the shape. */
const INVITATIONS_PER_MEETING = SHAPE.invitations / SHAPE.meetings;
const CONTACTS_PER_PARTNER = SHAPE.contacts / SHAPE.partners;
const AGENDA_ITEMS_PER_MEETING = 4;

/** Mulberry32: a small seeded PRNG, so every run builds the very same rows. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** TypeORM's SQLite datetime format (UTC). */
export const sqlTime = (ms: number): string =>
  new Date(ms).toISOString().replace('T', ' ').replace('Z', '');

const KINDS = [
  'public-employment-service',
  'mission-locale',
  'maison-emploi',
  'plie',
  'training-centre',
  'social-services',
  'social-economy',
  'company',
  'municipality',
  'association',
];
const WORDS = [
  'emploi',
  'insertion',
  'formation',
  'jeunes',
  'mobilite',
  'logement',
  'sante',
  'numerique',
  'langues',
  'orientation',
  'handicap',
  'creation',
  'entreprise',
  'quartier',
  'solidarite',
  'metiers',
];
const TOWNS = [
  'Liège',
  'Namur',
  'Charleroi',
  'Mons',
  'Verviers',
  'Huy',
  'Seraing',
  'Wavre',
  'Arlon',
  'Tournai',
];
const FIRST = [
  'Anne',
  'Marc',
  'Sophie',
  'Karim',
  'Julie',
  'Luc',
  'Fatima',
  'Pierre',
  'Nadia',
  'Thomas',
  'Élodie',
  'Yves',
];
const LAST = [
  'Dubois',
  'Lambert',
  'Martin',
  'Peeters',
  'Janssens',
  'Maes',
  'Leroy',
  'Renard',
  'Benali',
  'Lejeune',
  'Hubert',
  'Collard',
];

export interface SizeCounts {
  partners: number;
  contacts: number;
  meetings: number;
  invitations: number;
  themes: number;
  speakers: number;
  projects: number;
  followUps: number;
  auditEntries: number;
}

export function countsOf(size: SizeName): SizeCounts {
  const k = SCALES[size];
  return Object.fromEntries(
    Object.entries(SHAPE).map(([name, n]) => [name, n * k]),
  ) as unknown as SizeCounts;
}

type Row = Record<string, string | number | null>;
interface Context {
  n: SizeCounts;
  random: () => number;
  pick<T>(list: readonly T[]): T;
}

/**
 * One generator per table, in foreign-key order. `feature` names what must be on main for the table
 * to exist; a table missing from the migrated schema is skipped and reported, never faked.
 */
interface TableSpec {
  table: string;
  feature: string;
  rows(ctx: Context): Iterable<Row>;
}

const partnerName = (i: number): string =>
  `${WORDS[i % WORDS.length]} ${TOWNS[Math.floor(i / WORDS.length) % TOWNS.length]} ${i}`.replace(
    /^./,
    (c) => c.toUpperCase(),
  );
const contactName = (j: number): string =>
  `${FIRST[j % FIRST.length]} ${LAST[Math.floor(j / FIRST.length) % LAST.length]} ${j}`;
/** Contacts of partner i (1-based): a contiguous run of ids. */
const contactsOf = (partnerId: number): number[] =>
  Array.from(
    { length: CONTACTS_PER_PARTNER },
    (_, k) => (partnerId - 1) * CONTACTS_PER_PARTNER + k + 1,
  );
/** The partners invited to meeting m: distinct since the step is prime to the partner count. */
export const invitedPartners = (meetingId: number, partners: number): number[] =>
  Array.from(
    { length: INVITATIONS_PER_MEETING },
    (_, k) => ((meetingId * 7 + k * 13) % partners) + 1,
  );
/** Meeting m starts m days before... spread over the years before BENCH_NOW, the last tenth after. */
export const meetingStart = (m: number, meetings: number): number => {
  const past = Math.floor(meetings * 0.9);
  const dayMs = 86_400_000;
  const span = 3 * 365 * dayMs;
  return m <= past
    ? BENCH_NOW - span + Math.floor((m / past) * (span - dayMs))
    : BENCH_NOW + (m - past) * (dayMs / 4) + dayMs;
};

const created = sqlTime(BENCH_NOW - 4 * 365 * 86_400_000);

const SPECS: TableSpec[] = [
  {
    table: 'users',
    feature: 'auth',
    *rows() {
      yield {
        id: 1,
        email: BENCH_EMAIL,
        email_key: BENCH_EMAIL,
        display_name: 'Bench',
        password_hash: 'x',
        role: 'admin',
        active: 1,
        created_at: created,
      };
    },
  },
  {
    table: 'api_tokens',
    feature: 'auth',
    *rows() {
      yield {
        id: 1,
        user_id: 1,
        name: 'bench',
        token_hash: createHash('sha256').update(BENCH_TOKEN).digest('hex'),
        prefix: BENCH_TOKEN.slice(0, 12),
        created_at: created,
        last_used_at: sqlTime(Date.now() + 86_400_000),
      };
    },
  },
  {
    table: 'partners',
    feature: 'partners',
    *rows({ n, pick, random }) {
      for (let i = 1; i <= n.partners; i++) {
        const name = partnerName(i);
        const services = `${pick(WORDS)} ${pick(WORDS)}`;
        const contacts = contactsOf(i).map(contactName);
        yield {
          id: i,
          name,
          name_key: normalizeForSearch(name),
          short_name: null,
          kind: KINDS[i % KINDS.length],
          description: `Structure ${i}`,
          services,
          territory: TOWNS[i % TOWNS.length],
          address: `${i} rue de la Gare`,
          postcode: String(4000 + (i % 900)),
          latitude: 50 + random(),
          longitude: 4 + random() * 2,
          website: null,
          email: `contact${i}@partner.test`,
          phone: null,
          active: i % 20 === 0 ? 0 : 1,
          archived_at: null,
          search_text: normalizeForSearch([name, services, ...contacts].join(' ')),
          created_at: created,
          updated_at: created,
        };
      }
    },
  },
  {
    table: 'contacts',
    feature: 'partners',
    *rows({ n, random }) {
      for (let j = 1; j <= n.contacts; j++) {
        yield {
          id: j,
          partner_id: Math.floor((j - 1) / CONTACTS_PER_PARTNER) + 1,
          full_name: contactName(j),
          job_title: 'Conseiller',
          email: `c${j}@partner.test`,
          email_key: `c${j}@partner.test`,
          phone: null,
          newsletter_consent: random() < 0.6 ? 1 : 0,
          newsletter_consent_at: null,
          newsletter_consent_source: null,
          receives_minutes: 1,
          notes: null,
          created_at: created,
          updated_at: created,
        };
      }
    },
  },
  {
    table: 'themes',
    feature: 'themes',
    *rows({ n, pick }) {
      for (let t = 1; t <= n.themes; t++) {
        yield {
          id: t,
          title: `Thème ${pick(WORDS)} ${t}`,
          description: null,
          tags: JSON.stringify([pick(WORDS)]),
          status: 'proposed',
          proposed_by_partner_id: null,
          proposed_by_user_id: null,
          interest_count: 0,
          last_presented_at: null,
          archived_at: null,
          created_at: created,
          updated_at: created,
        };
      }
    },
  },
  {
    table: 'speakers',
    feature: 'themes',
    *rows({ n, random }) {
      for (let s = 1; s <= n.speakers; s++) {
        const name = contactName(s * 31);
        yield {
          id: s,
          name,
          name_key: normalizeForSearch(name),
          organisation_partner_id: null,
          organisation_name: null,
          tags: '[]',
          email: null,
          phone: null,
          website: null,
          fee_cents: Math.floor(random() * 50_000),
          address: null,
          latitude: 50 + random(),
          longitude: 4 + random(),
          travel_cents_per_km: null,
          notes: null,
          last_spoke_at: null,
          archived_at: null,
          created_at: created,
          updated_at: created,
        };
      }
    },
  },
  {
    table: 'speaker_themes',
    feature: 'themes',
    *rows({ n }) {
      for (let s = 1; s <= n.speakers; s++)
        yield { speaker_id: s, theme_id: ((s * 3) % n.themes) + 1 };
    },
  },
  {
    table: 'meetings',
    feature: 'meetings',
    *rows({ n, pick }) {
      for (let m = 1; m <= n.meetings; m++) {
        const start = meetingStart(m, n.meetings);
        const past = start < BENCH_NOW;
        yield {
          id: m,
          title: `Réunion de coordination ${m}`,
          kind: pick(['network-meeting', 'working-group', 'commission']),
          description: null,
          starts_at: sqlTime(start),
          ends_at: sqlTime(start + 7_200_000),
          venue_name: `Salle ${m % 12}`,
          venue_address: null,
          latitude: null,
          longitude: null,
          online_url: null,
          status: past ? 'held' : 'planned',
          cancel_reason: null,
          cancelled_at: null,
          sequence: 0,
          created_at: created,
          updated_at: created,
        };
      }
    },
  },
  {
    table: 'invitations',
    feature: 'meetings',
    *rows({ n, random }) {
      let id = 0;
      for (let m = 1; m <= n.meetings; m++) {
        const start = meetingStart(m, n.meetings);
        const past = start < BENCH_NOW;
        for (const partnerId of invitedPartners(m, n.partners)) {
          const r = random();
          const answer =
            r < 0.55 ? 'coming' : r < 0.75 ? 'excused' : r < 0.85 ? 'not-coming' : null;
          const a = random();
          yield {
            id: ++id,
            meeting_id: m,
            partner_id: partnerId,
            invited: 1,
            token_hash: null,
            token_issued_at: null,
            answer,
            answered_at: answer ? sqlTime(start - 86_400_000) : null,
            answer_note: null,
            attendance: past
              ? answer === 'coming'
                ? a < 0.9
                  ? 'present'
                  : 'absent'
                : answer === 'excused'
                  ? 'excused'
                  : 'absent'
              : null,
            attendance_recorded_at: past ? sqlTime(start + 7_200_000) : null,
            created_at: created,
            updated_at: created,
          };
        }
      }
    },
  },
  {
    table: 'agenda_items',
    feature: 'meetings',
    *rows({ n, random }) {
      let id = 0;
      for (let m = 1; m <= n.meetings; m++) {
        const partners = invitedPartners(m, n.partners);
        for (let k = 1; k <= AGENDA_ITEMS_PER_MEETING; k++) {
          const presenter = contactsOf(partners[k % partners.length])[0];
          const speaker = k === 2 ? Math.floor(random() * n.speakers) + 1 : null;
          yield {
            id: ++id,
            meeting_id: m,
            position: k,
            title: `Point ${k}: ${WORDS[(m + k) % WORDS.length]}`,
            kind: k === 1 ? 'round-of-news' : 'presentation',
            presenter_contact_id: speaker ? null : presenter,
            planned_minutes: 20,
            summary: k === 1 ? null : `Résumé du point ${k} de la réunion ${m}.`,
            decisions: null,
            created_at: created,
            updated_at: created,
            theme_id: k === 3 ? ((m * 7) % n.themes) + 1 : null,
            theme_presented_at: null,
            speaker_id: speaker,
            speaker_fee_cents: speaker ? 20_000 : null,
            speaker_travel_cents: speaker ? 3_000 : null,
          };
        }
      }
    },
  },
  {
    table: 'projects',
    feature: 'projects',
    *rows({ n, random }) {
      for (let id = 1; id <= n.projects; id++) {
        const status = projectStatus(id);
        const meeting = ((id * 2) % n.meetings) + 1;
        const launched = BENCH_NOW - Math.floor(400 + random() * 300) * DAY;
        const cadence = [30, 60, 90][id % 3];
        const last = lastFollowUp(id);
        const tracked = status === 'launched' || status === 'active';
        const schedule = tracked ? scheduleFrom(new Date(last), cadence) : null;
        yield {
          id,
          title: `Projet ${WORDS[id % WORDS.length]} ${id}`,
          description: `Projet né de la réunion ${meeting}.`,
          expected_outcomes: null,
          lead_partner_id: ((id * 11) % n.partners) + 1,
          status,
          status_changed_at: sqlTime(launched),
          start_date: null,
          end_date: null,
          cadence_days: cadence,
          launched_at: status === 'idea' ? null : sqlTime(launched),
          last_follow_up_at: sqlTime(last),
          follow_up_since: tracked ? sqlTime(last) : null,
          due_soon_at: schedule ? sqlTime(schedule.dueSoonAt.getTime()) : null,
          due_at: schedule ? sqlTime(schedule.dueAt.getTime()) : null,
          stale_at: schedule ? sqlTime(schedule.staleAt.getTime()) : null,
          snoozed_until: null,
          snooze_reason: null,
          reminded_period_start: null,
          created_at: sqlTime(launched),
          updated_at: sqlTime(launched),
          origin_meeting_id: meeting,
          origin_agenda_item_id: null,
          origin_theme_id: null,
        };
      }
    },
  },
  {
    table: 'project_participants',
    feature: 'projects',
    *rows({ n }) {
      for (let id = 1; id <= n.projects; id++) {
        for (const k of [1, 2])
          yield {
            project_id: id,
            partner_id: ((id * 11 + k * 17) % n.partners) + 1,
            role: k === 1 ? 'partenaire' : 'relais',
          };
      }
    },
  },
  {
    table: 'follow_ups',
    feature: 'projects',
    *rows({ n, pick }) {
      const perProject = SHAPE.followUps / SHAPE.projects;
      for (let id = 1; id <= n.projects; id++) {
        const last = lastFollowUp(id);
        for (let k = perProject - 1; k >= 0; k--) {
          const at = last - k * 30 * DAY;
          yield {
            project_id: id,
            date: sqlTime(at).slice(0, 10),
            at: sqlTime(at),
            author_user_id: 1,
            author_contact_id: null,
            author_label: 'Bench',
            text: `Point d'étape: ${pick(WORDS)}.`,
            status_from: null,
            status_to: null,
            next_step: null,
            next_step_due: null,
            created_at: sqlTime(at),
          };
        }
      }
    },
  },
  {
    table: 'audit_entries',
    feature: 'audit',
    // Changes spread over the three years before BENCH_NOW, oldest first, by a few authors.
    *rows({ n, pick }) {
      const span = 3 * 365 * DAY;
      const kinds = ['partner', 'contact', 'meeting', 'project'] as const;
      const counts = {
        partner: n.partners,
        contact: n.contacts,
        meeting: n.meetings,
        project: n.projects,
      };
      for (let k = 0; k < n.auditEntries; k++) {
        const kind = kinds[k % kinds.length];
        const action = k % 10 === 0 ? 'create' : k % 25 === 0 ? 'archive' : 'update';
        yield {
          entity_type: kind,
          entity_id: String((k % counts[kind]) + 1),
          action,
          actor_user_id: k % 3 === 0 ? null : 1,
          actor_label: k % 3 === 0 ? 'import CSV' : pick(['Bench', 'Marie Dupont', 'Karim Benali']),
          at: sqlTime(BENCH_NOW - span + Math.floor((k / n.auditEntries) * span)),
          changes: JSON.stringify(
            action === 'update' ? { name: { before: pick(WORDS), after: pick(WORDS) } } : {},
          ),
        };
      }
    },
  },
];

const DAY = 86_400_000;
const PROJECT_STATUS_CYCLE = [
  'active',
  'active',
  'launched',
  'active',
  'idea',
  'active',
  'completed',
  'active',
  'on_hold',
  'active',
] as const;
/** Project ids ending in 0, 1, 3, 5, 7, 9 are active: the benchmark writes follow-ups to them. */
export const projectStatus = (id: number): string =>
  PROJECT_STATUS_CYCLE[id % PROJECT_STATUS_CYCLE.length];
/** Last follow-up of a project: from a week to five months before "now" (some on track, some overdue or stale). */
const lastFollowUp = (id: number): number => BENCH_NOW - (7 + ((id * 37) % 150)) * DAY;

export interface DatasetReport {
  size: SizeName;
  file: string;
  seconds: number;
  rows: Record<string, number>;
  skipped: string[];
}

/** Applies the app's migrations to a fresh SQLite file. */
async function migrate(file: string): Promise<void> {
  const dataSource = new DataSource({
    type: 'sqlite',
    database: file,
    migrations: migrationsFor('sqlite'),
    migrationsTransactionMode: 'each',
    logging: false,
  });
  await dataSource.initialize();
  await dataSource.runMigrations();
  await dataSource.destroy();
}

async function insertRows(
  db: Database,
  table: string,
  columns: Set<string>,
  rows: Iterable<Row>,
): Promise<number> {
  let batch: Row[] = [];
  let count = 0;
  let names: string[] | null = null;
  const flush = async () => {
    if (!batch.length || !names) return;
    const placeholders = `(${names.map(() => '?').join(',')})`;
    const sql = `INSERT INTO "${table}" (${names.map((c) => `"${c}"`).join(',')}) VALUES ${batch.map(() => placeholders).join(',')}`;
    await run(
      db,
      sql,
      batch.flatMap((row) => names!.map((c) => row[c])),
    );
    count += batch.length;
    batch = [];
  };
  for (const row of rows) {
    // Only the columns that exist on main: a column added later is filled once we know its meaning.
    names ??= Object.keys(row).filter((c) => columns.has(c));
    batch.push(row);
    if (batch.length * names.length >= 30_000) await flush();
  }
  await flush();
  return count;
}

/** Builds (or rebuilds) the data set of a size into a migrated SQLite file. */
export async function buildDataset(size: SizeName, file: string): Promise<DatasetReport> {
  const started = Date.now();
  mkdirSync(dirname(file), { recursive: true });
  for (const suffix of ['', '-wal', '-shm']) if (existsSync(file + suffix)) rmSync(file + suffix);
  await migrate(file);
  const db = await openDatabase(file);
  await exec(db, 'PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF; PRAGMA foreign_keys = ON;');
  const tables = new Set(
    (await all<{ name: string }>(db, "SELECT name FROM sqlite_master WHERE type = 'table'")).map(
      (r) => r.name,
    ),
  );
  const n = countsOf(size);
  const random = prng(20261121);
  const ctx: Context = { n, random, pick: (list) => list[Math.floor(random() * list.length)] };
  const rows: Record<string, number> = {};
  const skipped: string[] = [];
  await exec(db, 'BEGIN');
  for (const spec of SPECS) {
    if (!tables.has(spec.table)) {
      skipped.push(`${spec.table} (${spec.feature} not on main)`);
      continue;
    }
    const columns = new Set(
      (await all<{ name: string }>(db, `PRAGMA table_info("${spec.table}")`)).map((c) => c.name),
    );
    rows[spec.table] = await insertRows(db, spec.table, columns, spec.rows(ctx));
  }
  if (tables.has('invitation_attendees')) {
    // Who said they would come (the partner's first contact) and who came (the same person).
    for (const [phase, where] of [
      ['answer', "answer = 'coming'"],
      ['attendance', "attendance = 'present'"],
    ] as const) {
      await run(
        db,
        `INSERT INTO invitation_attendees (invitation_id, phase, contact_id, full_name) SELECT i.id, '${phase}', c.id, c.full_name FROM invitations i JOIN contacts c ON c.id = (i.partner_id - 1) * ${CONTACTS_PER_PARTNER} + 1 WHERE i.${where}`,
      );
    }
    rows.invitation_attendees = (
      await all<{ n: number }>(db, 'SELECT COUNT(*) AS n FROM invitation_attendees')
    )[0].n;
  }
  await exec(db, 'COMMIT');
  // No ANALYZE: the app never runs it, so the planner sees what it sees in production.
  await exec(db, 'PRAGMA wal_checkpoint(TRUNCATE);');
  await new Promise<void>((resolve, reject) => db.close((e) => (e ? reject(e) : resolve())));
  return { size, file, seconds: (Date.now() - started) / 1000, rows, skipped };
}
