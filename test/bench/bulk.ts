import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createTransport } from 'nodemailer';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { BENCH_TOKEN, buildDataset } from './datasets';
import {
  appEnv,
  freePort,
  peakMemoryMb,
  root,
  start,
  startProdArgs,
  stop,
  waitFor,
} from './servers';
import { exec, openDatabase } from './sqlite';

/**
 * `npm run bench:bulk [-- --recipients 2000 --rows 10000 --cpu-prof <folder> --only import --count-sql]`: the bulk
 * operations of issue 23, on SQLite, each timed once from the client's side (they write: a fresh
 * copy of the S data set; `--only import` stops after the import):
 *
 * - a CSV import of a file just under the 2 MiB limit (`--rows` contact rows), dry run then
 *   applied, in rows per second (target: the applied import in under 10 s); `--count-sql` adds
 *   the SQL statements of the applied import (the count's hooks slow it: time without it);
 * - a newsletter published to `--recipients` consenting contacts and delivered by the app's
 *   dispatcher to a local SMTP sink, in messages per second, against nodemailer composing and
 *   sending the same rendered messages (read back from the sink) to the same sink directly with
 *   the app's transport settings (target: at least 0.8 of it);
 * - the CSV and Excel exports of the L data set (when `npm run bench` has built it), in rows per
 *   second.
 */

const headers = { authorization: `Bearer ${BENCH_TOKEN}` };

interface Sink {
  server: SMTPServer;
  port: number;
  received: { from: string; to: string[]; raw: Buffer }[];
}

/** A bare SMTP sink: keeps each message's envelope and bytes, parses nothing. */
async function startSink(): Promise<Sink> {
  const received: Sink['received'] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as { port: number };
  return { server, port, received };
}

/** A CSV in the export's format of `rows` contacts (5 per partner), padded to just under 2 MiB. */
export function importFile(rows: number, consenting: number): Buffer {
  const head =
    'Nom;Type;Territoire;Services;Description;Contact;Contact fonction;Contact email;Contact newsletter';
  const lines = [head];
  for (let i = 0; i < rows; i++) {
    const partner = Math.floor(i / 5);
    lines.push(
      [
        `Structure importée ${partner}`,
        'association',
        `Territoire ${partner % 40}`,
        'Accompagnement; insertion',
        `Association d’insertion n° ${partner}`,
        `Personne importée ${i}`,
        'Chargée de mission',
        `import${i}@bulk.test`,
        i < consenting ? 'oui' : 'non',
      ]
        .map((cell) => (/[;"\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell))
        .join(';'),
    );
  }
  const text = lines.join('\r\n') + '\r\n';
  const limit = 2 * 1024 * 1024 - 4096;
  const size = Buffer.byteLength(text) + 3;
  if (size > limit) throw new Error(`--rows ${rows} makes ${size} bytes: over 2 MiB`);
  // Pad the descriptions evenly so the file is as large as the limit allows (a real export's notes).
  const pad = Math.floor((limit - size) / rows);
  const padded = lines
    .map((line, k) => (k === 0 ? line : line.replace(/;Personne/, `${' '.repeat(pad)};Personne`)))
    .join('\r\n');
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(padded + '\r\n')]);
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const started = process.hrtime.bigint();
  const value = await work();
  return { value, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

/** The import's answer, with its SQL statements when the app counts them (--count-sql). */
async function importRows(
  base: string,
  file: Buffer,
  apply: boolean,
): Promise<{ statements: string | null }> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(file)], { type: 'text/csv' }), 'reseau.csv');
  const response = await fetch(`${base}/api/partners/import${apply ? '?apply=true' : ''}`, {
    method: 'POST',
    headers: { ...headers, 'x-count-sql': '1' },
    body: form,
  });
  const body = await response.json();
  if (!response.ok) throw new Error(`import: ${response.status} ${JSON.stringify(body)}`);
  return { statements: response.headers.get('x-sql-queries') };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the answers of several endpoints
async function api(base: string, method: string, path: string, body?: unknown): Promise<any> {
  const response = await fetch(base + path, {
    method,
    headers: { ...headers, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const answer = await response.json();
  if (!response.ok)
    throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(answer)}`);
  return answer;
}

/**
 * nodemailer alone: the same rendered messages (subject, HTML and text parts, the app's headers,
 * read back from what the sink received, before the clock starts) composed and sent to the same
 * sink with the app's pool settings, all queued at once.
 */
async function sendDirectly(port: number, received: Sink['received']): Promise<number> {
  const messages = await Promise.all(
    received.map(async ({ from, to, raw }) => {
      const mail = await simpleParser(raw);
      const headers: Record<string, string> = {};
      for (const { key, line } of mail.headerLines)
        if (['list-unsubscribe', 'list-unsubscribe-post', 'auto-submitted'].includes(key))
          headers[key] = line.slice(line.indexOf(':') + 1).trim();
      return {
        envelope: { from, to },
        from: mail.from?.text,
        to: to.join(', '),
        subject: mail.subject,
        messageId: mail.messageId,
        html: mail.html || undefined,
        text: mail.text,
        headers,
      };
    }),
  );
  const transport = createTransport({
    url: `smtp://127.0.0.1:${port}`,
    pool: true,
    maxConnections: 2, // as the app's transport (mail-transport.ts)
  } as Parameters<typeof createTransport>[0]);
  const { seconds } = await timed(() => Promise.all(messages.map((m) => transport.sendMail(m))));
  transport.close();
  return seconds;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const option = (name: string, fallback: string) => {
    const i = argv.indexOf(`--${name}`);
    return Number(i >= 0 ? argv[i + 1] : fallback);
  };
  const recipients = option('recipients', '2000');
  const rows = option('rows', '10000');
  // --cpu-prof <folder>: the app writes a CPU profile there when it stops (open it in Chrome's
  // DevTools, or sum its self times) for the import and the sending.
  const profile = argv.includes('--cpu-prof') ? argv[argv.indexOf('--cpu-prof') + 1] : undefined;
  const importOnly = argv.includes('--only') && argv[argv.indexOf('--only') + 1] === 'import';
  const countSql = argv.includes('--count-sql');
  const dataDir = join(root, 'data', 'bench', 'bulk');
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'bulk.sqlite');
  await buildDataset('S', file);
  // Only the imported contacts consent: the newsletter goes to exactly `recipients` people.
  const db = await openDatabase(file);
  await exec(db, 'UPDATE contacts SET newsletter_consent = 0');
  await new Promise<void>((resolve, reject) => db.close((e) => (e ? reject(e) : resolve())));

  const sink = await startSink();
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const app = start(
    'maillage',
    [...(profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : []), ...startProdArgs()],
    appEnv(
      { port, databaseUrl: `sqlite:${file}`, dataDir, publicUrl: base },
      {
        MAIL_DISPATCHER: 'true',
        MAIL_POLL_SECONDS: '1',
        SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
        ...(countSql ? { BENCH_QUERY_COUNT: 'true' } : {}),
      },
    ),
    join(dataDir, 'app.log'),
  );
  const lines: string[] = [];
  const say = (line: string) => {
    console.log(line);
    lines.push(line);
  };
  try {
    await waitFor(`${base}/health`, app);
    const csv = importFile(rows, recipients);
    const dry = await timed(() => importRows(base, csv, false));
    const applied = await timed(() => importRows(base, csv, true));
    say(
      `CSV import, ${(csv.length / 1024 / 1024).toFixed(2)} MiB, ${rows} rows: dry run ${dry.seconds.toFixed(2)} s ` +
        `(${Math.round(rows / dry.seconds)} rows/s), applied ${applied.seconds.toFixed(2)} s ` +
        `(${Math.round(rows / applied.seconds)} rows/s) ${applied.seconds < 10 ? 'pass' : '**miss**'} (< 10 s)` +
        (applied.value.statements ? `, ${applied.value.statements} SQL statements` : ''),
    );
    if (importOnly) return; // the app stops in `finally`

    const issue = await api(base, 'POST', '/api/newsletters', {
      from: '2026-10-01',
      to: '2026-10-31',
    });
    const id = (issue.newsletter?.id ?? issue.id) as number;
    let publishSeconds = 0;
    const sent = await timed(async () => {
      publishSeconds = (await timed(() => api(base, 'POST', `/api/newsletters/${id}/publish`)))
        .seconds;
      for (;;) {
        const { progress } = await api(base, 'GET', `/api/newsletters/${id}/delivery`);
        if (progress.failed > 0) throw new Error(`newsletter: ${progress.failed} failed`);
        if (progress.total > 0 && progress.sent === progress.total) return progress.total as number;
        await new Promise((r) => setTimeout(r, 50));
      }
    });
    if (sent.value !== recipients || sink.received.length !== recipients)
      throw new Error(`newsletter: ${sent.value} sent, ${sink.received.length} received`);
    const messages = sink.received.splice(0);
    const direct = await sendDirectly(sink.port, messages);
    const appRate = recipients / sent.seconds;
    const directRate = recipients / direct;
    say(
      `Newsletter to ${recipients} recipients, publish to last delivery: ${sent.seconds.toFixed(2)} s, ` +
        `${Math.round(appRate)} msg/s (the publishing request ${publishSeconds.toFixed(2)} s of it) · nodemailer alone, same messages: ${direct.toFixed(2)} s, ` +
        `${Math.round(directRate)} msg/s · ratio ${(appRate / directRate).toFixed(2)} ` +
        `${appRate / directRate >= 0.8 ? 'pass' : '**miss**'} (≥ 0.8)`,
    );
    say(
      `App peak memory (VmHWM) after import and sending: ${Math.round(peakMemoryMb(app.pid!))} MB`,
    );
  } finally {
    await stop(app);
    await new Promise<void>((resolve) => sink.server.close(() => resolve()));
  }

  const large = join(root, 'data', 'bench', 'L.sqlite');
  if (!existsSync(large)) {
    say('CSV export at L: not measured (data/bench/L.sqlite is missing: run npm run bench first)');
    return;
  }
  const copy = join(dataDir, 'L-copy.sqlite');
  copyFileSync(large, copy);
  const exportPort = await freePort();
  const exportBase = `http://127.0.0.1:${exportPort}`;
  const reader = start(
    'maillage',
    startProdArgs(),
    appEnv({ port: exportPort, databaseUrl: `sqlite:${copy}`, dataDir, publicUrl: exportBase }),
    join(dataDir, 'app-export.log'),
  );
  try {
    await waitFor(`${exportBase}/health`, reader);
    const exported = await timed(async () => {
      const response = await fetch(`${exportBase}/api/partners/export.csv`, { headers });
      if (!response.ok) throw new Error(`export: ${response.status}`);
      const text = await response.text();
      return { bytes: Buffer.byteLength(text), rows: text.split('\r\n').length - 2 };
    });
    say(
      `CSV export at L: ${exported.value.rows} rows, ${(exported.value.bytes / 1024 / 1024).toFixed(1)} MiB ` +
        `in ${exported.seconds.toFixed(2)} s (${Math.round(exported.value.rows / exported.seconds)} rows/s), ` +
        `app peak memory ${Math.round(peakMemoryMb(reader.pid!))} MB`,
    );
    const workbook = await timed(async () => {
      const response = await fetch(`${exportBase}/api/partners/export.xlsx`, { headers });
      if (!response.ok) throw new Error(`export.xlsx: ${response.status}`);
      return Buffer.from(await response.arrayBuffer()).length;
    });
    say(
      `Excel export at L: the same ${exported.value.rows} rows, ` +
        `${(workbook.value / 1024 / 1024).toFixed(1)} MiB in ${workbook.seconds.toFixed(2)} s ` +
        `(${Math.round(exported.value.rows / workbook.seconds)} rows/s), ` +
        `app peak memory after both ${Math.round(peakMemoryMb(reader.pid!))} MB`,
    );
  } finally {
    await stop(reader);
  }
}

if (require.main === module)
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
