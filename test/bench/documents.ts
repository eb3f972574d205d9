import autocannon from 'autocannon';
import { readFileSync } from 'node:fs';
import { BENCH_TOKEN, countsOf, SizeName } from './datasets';

/**
 * The documents an agency files, measured against the HTML minutes page of the same meeting:
 * p50, p99 and the app's peak memory while each is loaded. A meeting of 200 invited contacts
 * (40 partners × 5 contacts) is made through the API (invitations, attendance, published
 * minutes) at each size, so the documents read a real record among the data set's rows.
 * No bare baseline here: the reference is the HTML page the PDF stands beside.
 */

export interface DocumentRow {
  key: string;
  label: string;
  path: string;
}

export interface DocumentMeasure {
  row: DocumentRow;
  /** Requests per second with the run's connections. */
  rps: number;
  /** Latency of one request at a time. */
  p50: number;
  p99: number;
  /** Latency with the run's connections (queueing included). */
  loadedP50: number;
  loadedP99: number;
  non2xx: number;
  errors: number;
  /** Highest resident memory of the app while this row was loaded (VmRSS sampled every 20 ms). */
  peakRssMb: number;
  bytes: number;
}

const PARTNERS = 40;
const headers = { authorization: `Bearer ${BENCH_TOKEN}`, 'content-type': 'application/json' };

async function call<T>(base: string, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(base + path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text.slice(0, 300)}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/**
 * The 200-invitee meeting with its attendance and a published version. Invitations go out before
 * the start and attendance is recorded after it (the app's rules, on its real clock): the meeting
 * starts a few seconds after it is made, and the runner waits for it.
 */
export async function prepareDocumentMeeting(base: string, size: SizeName): Promise<DocumentRow[]> {
  const startsAt = new Date(Date.now() + 4_000);
  const meeting = await call<{ id: number }>(base, 'POST', '/api/meetings', {
    title: `Comité emploi élargi — émargement (${size})`,
    kind: 'network-meeting',
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + 3 * 3_600_000).toISOString(),
    venueName: 'Maison de l’emploi',
    venueAddress: '12 rue de la République, 93800 Épinay-sur-Seine',
  });
  const partners = countsOf(size).partners;
  // 40 distinct active partners (the data sets make every 20th partner inactive).
  const partnerIds: number[] = [];
  for (let k = 0; partnerIds.length < PARTNERS; k++) {
    const id = ((k * 17) % partners) + 1;
    if (id % 20 !== 0 && !partnerIds.includes(id)) partnerIds.push(id);
  }
  await call(base, 'POST', `/api/meetings/${meeting.id}/invitations`, { partnerIds });
  await new Promise((resolve) =>
    setTimeout(resolve, Math.max(0, startsAt.getTime() - Date.now() + 500)),
  );
  const entries = partnerIds.map((partnerId, k) => ({
    partnerId,
    status: (['present', 'present', 'excused', 'absent'] as const)[k % 4],
    ...(k % 4 < 2 ? { contactIds: [(partnerId - 1) * 5 + 1, (partnerId - 1) * 5 + 2] } : {}),
  }));
  await call(base, 'PUT', `/api/meetings/${meeting.id}/attendance`, { entries });
  const published = await call<{ version: number }>(
    base,
    'POST',
    `/api/meetings/${meeting.id}/minutes/publish`,
    {},
  );
  const version = `/api/meetings/${meeting.id}/minutes/versions/${published.version}`;
  return [
    { key: 'minutes-html', label: 'published minutes (HTML), the reference', path: version },
    { key: 'minutes-pdf', label: 'minutes PDF (same version)', path: `${version}/pdf` },
    {
      key: 'sign-in-sheet',
      label: 'sign-in sheet PDF (200 invitees)',
      path: `/api/meetings/${meeting.id}/sign-in-sheet.pdf`,
    },
  ];
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

/**
 * A document is asked for by one person at a time (a coordinator prints a sheet): its latency is
 * measured with one connection, and its throughput with the run's connections (10 requests of
 * ~100 ms of CPU each queue behind one another on two cores: that p50 is the queue's).
 */
export async function loadDocument(
  base: string,
  pid: number,
  row: DocumentRow,
  seconds: number,
  warmup: number,
  connections: number,
): Promise<DocumentMeasure> {
  const first = await fetch(base + row.path, { headers });
  const bytes = (await first.arrayBuffer()).byteLength;
  if (!first.ok) throw new Error(`${row.label}: the app answered ${first.status}`);
  const options = { url: base + row.path, headers };
  // Warm up one at a time: a queue left by a loaded warm-up would land on the first measures.
  await autocannon({ ...options, connections: 1, duration: warmup });
  let peak = rssMb(pid);
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 20);
  try {
    const alone = await autocannon({ ...options, connections: 1, duration: seconds });
    const loaded = await autocannon({ ...options, connections, duration: seconds });
    return {
      row,
      rps: loaded.requests.average,
      p50: alone.latency.p50,
      p99: alone.latency.p99,
      loadedP50: loaded.latency.p50,
      loadedP99: loaded.latency.p99,
      non2xx: alone.non2xx + loaded.non2xx,
      errors: alone.errors + alone.timeouts + loaded.errors + loaded.timeouts,
      peakRssMb: peak,
      bytes,
    };
  } finally {
    clearInterval(sampler);
  }
}

/** The table of the document rows: each beside the HTML reference of its size. */
export function documentTable(runs: Array<{ size: SizeName; rows: DocumentMeasure[] }>): string[] {
  const lines = [
    '| document | set | p50 / p99 ms, one at a time | p50 ÷ HTML p50 | req/s, p50 / p99 ms with the run’s connections | peak RSS MB | size KB |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const { size, rows } of runs) {
    const html = rows.find((r) => r.row.key === 'minutes-html');
    for (const m of rows)
      lines.push(
        `| ${m.row.label} | ${size} | ${m.p50} / ${m.p99} | ${html ? (m.p50 / Math.max(html.p50, 1)).toFixed(1) : '–'} | ${m.rps.toFixed(0)} req/s, ${m.loadedP50} / ${m.loadedP99} | ${m.peakRssMb.toFixed(0)} | ${(m.bytes / 1024).toFixed(0)} |`,
      );
  }
  return lines;
}
