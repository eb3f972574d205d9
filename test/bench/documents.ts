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
  rps: number;
  p50: number;
  p99: number;
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

/** The 200-invitee meeting, held yesterday, with its attendance and a published version. */
export async function prepareDocumentMeeting(base: string, size: SizeName): Promise<DocumentRow[]> {
  const day = 86_400_000;
  const startsAt = new Date(Date.now() - day);
  const meeting = await call<{ id: number }>(base, 'POST', '/api/meetings', {
    title: `Comité emploi élargi — émargement (${size})`,
    kind: 'network-meeting',
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + 3 * 3_600_000).toISOString(),
    venueName: 'Maison de l’emploi',
    venueAddress: '12 rue de la République, 93800 Épinay-sur-Seine',
  });
  const partners = countsOf(size).partners;
  const partnerIds = Array.from({ length: PARTNERS }, (_, k) => ((k * 17) % partners) + 1);
  await call(base, 'POST', `/api/meetings/${meeting.id}/invitations`, { partnerIds });
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
  const options = { url: base + row.path, headers, connections };
  await autocannon({ ...options, duration: warmup });
  let peak = rssMb(pid);
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 20);
  try {
    const result = await autocannon({ ...options, duration: seconds });
    return {
      row,
      rps: result.requests.average,
      p50: result.latency.p50,
      p99: result.latency.p99,
      non2xx: result.non2xx,
      errors: result.errors + result.timeouts,
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
    '| document | set | req/s | p50 / p99 ms | p50 ÷ HTML p50 | peak RSS MB | size KB |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const { size, rows } of runs) {
    const html = rows.find((r) => r.row.key === 'minutes-html');
    for (const m of rows)
      lines.push(
        `| ${m.row.label} | ${size} | ${m.rps.toFixed(0)} | ${m.p50} / ${m.p99} | ${html ? (m.p50 / Math.max(html.p50, 1)).toFixed(1) : '–'} | ${m.peakRssMb.toFixed(0)} | ${(m.bytes / 1024).toFixed(0)} |`,
      );
  }
  return lines;
}
