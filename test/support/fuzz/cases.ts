import fc from 'fast-check';
import type { RawRequest, Identity } from './client';
import { apiBody, formBody } from './bodies';
import type { Operation, Schema } from './routes';
import type { Seed } from './seed';
import {
  LIVE_PORTAL_TOKEN,
  LONG_URL_VALUE,
  Mutated,
  mutatedUrlValue,
  poolName,
  realIds,
  toJsonText,
  tokenPool,
  validObject,
  validValue,
} from './values';

/** One generated request, before it is sent as each identity. */
export interface Case {
  op: Operation;
  /** The mutation class (grouping key) and a short description of this instance. */
  cls: string;
  mutation: string;
  /** Encoded path values by parameter. */
  pathValues: Record<string, string>;
  query: string;
  body?: { contentType?: string; text: string; form?: boolean };
  headers: Record<string, string>;
  csrf: 'valid' | 'missing' | 'wrong';
}

const enc = encodeURIComponent;

function pathPool(op: Operation, param: string, seed: Seed): (number | string)[] {
  if (param === 'token') return tokenPool(seed, op.template);
  if (param === 'action') return ['unschedule', 'presented'];
  return realIds(seed.ids, poolName(op.template, param));
}

function validPath(op: Operation, seed: Seed): fc.Arbitrary<Record<string, string>> {
  const model: Record<string, fc.Arbitrary<string>> = {};
  for (const p of op.pathParams) {
    model[p] = fc.constantFrom(...pathPool(op, p, seed)).map((v) => enc(String(v)));
  }
  return fc.record(model);
}

function queryValue(name: string, schema: Schema, seed: Seed): fc.Arbitrary<[string, string][]> {
  const s = schema.type === 'array' ? (schema.items ?? {}) : schema;
  const one = /^(page|pageSize|limit|missed)$/.test(name)
    ? fc.integer({ min: 1, max: 3 })
    : validValue(name, s, seed);
  return one.map((v) => [[name, enc(String(v))]]);
}

function validQuery(op: Operation, seed: Seed): fc.Arbitrary<[string, string][]> {
  if (op.query.length === 0) return fc.constant([]);
  return fc
    .subarray(op.query, { maxLength: Math.min(3, op.query.length) })
    .chain((params) =>
      params.length === 0
        ? fc.constant([])
        : fc.tuple(...params.map((p) => queryValue(p.name, p.schema, seed))).map((l) => l.flat()),
    );
}

const label = (name: string, m: Mutated) => ({ cls: m.label, mutation: `${name}=${m.label}` });

function queryString(pairs: [string, string][]): string {
  return pairs.length ? `?${pairs.map(([k, v]) => `${k}=${v}`).join('&')}` : '';
}

const HEADER_MUTATIONS: [string, Record<string, string>][] = [
  ['Accept: text/html', { Accept: 'text/html' }],
  ['Accept: application/json', { Accept: 'application/json' }],
  ['Accept: text/csv', { Accept: 'text/csv' }],
  ['Authorization: garbage Bearer', { Authorization: 'Bearer mlg_not_a_token' }],
  ['Authorization: Basic', { Authorization: 'Basic YTpi' }],
  ['Authorization: empty Bearer', { Authorization: 'Bearer ' }],
  ['Authorization: long Bearer', { Authorization: `Bearer ${LONG_URL_VALUE}` }],
  ['Cookie: forged session', { Cookie: 'maillage.sid=s%3Aforged.c2lnbmF0dXJl' }],
];

/** Every case for one operation: one deliberate mutation (or none) on a valid-looking request. */
export function caseFor(op: Operation, seed: Seed): fc.Arbitrary<Case> {
  const hasBody = !['GET', 'DELETE'].includes(op.method) || op.body !== undefined;
  const bodyArb = !hasBody
    ? fc.constant({ cls: 'valid', mutation: 'no body', body: undefined })
    : op.kind === 'api'
      ? apiBody(op, seed)
      : formBody(op, seed);
  // Path, query and header mutations go with a valid body, so each failure has one cause.
  const validArb: fc.Arbitrary<{ body?: Case['body'] }> = !hasBody
    ? fc.constant({ body: undefined })
    : op.kind === 'page'
      ? fc.constant({
          body: {
            contentType: 'application/x-www-form-urlencoded',
            text: Object.entries(op.form ?? {})
              .map(([k, v]) => `${k}=${enc(v)}`)
              .join('&'),
            form: true,
          },
        })
      : op.body
        ? validObject(op.body, seed).map((b) => ({
            body: { contentType: 'application/json', text: toJsonText(b) },
          }))
        : fc.constant({ body: undefined });
  const base = fc.record({ pathValues: validPath(op, seed), query: validQuery(op, seed) });
  const targets: fc.WeightedArbitrary<Case>[] = [];
  const make = (parts: Partial<Case> & { cls: string; mutation: string }) => parts;
  // The body (valid or mutated) with valid path and query.
  targets.push({
    weight: hasBody ? 6 : 1,
    arbitrary: fc.tuple(base, bodyArb).map(([b, body]) => ({
      op,
      ...b,
      query: queryString(b.query),
      ...body,
      headers: {},
      csrf: 'valid' as const,
    })),
  });
  if (op.pathParams.length > 0) {
    const target = fc
      .constantFrom(...op.pathParams)
      .chain((p) => mutatedUrlValue(pathPool(op, p, seed)).map((mv) => [p, mv] as const));
    targets.push({
      weight: 3,
      arbitrary: fc.tuple(base, target, validArb).map(([b, [p, mv], body]) => ({
        op,
        ...b,
        pathValues: { ...b.pathValues, [p]: mv.value as string },
        query: queryString(b.query),
        body: body.body,
        headers: {},
        csrf: 'valid' as const,
        ...label(`path.${p}`, mv),
        cls: `path: ${mv.label}`,
      })),
    });
  }
  const names = [...op.query.map((q) => q.name), 'zz'];
  const queryMutation = fc.constantFrom(...names).chain((name) =>
    fc.oneof(
      mutatedUrlValue([1]).map((mv) => ({
        pairs: [[name, mv.value as string]] as [string, string][],
        ...label(`query.${name}`, mv),
      })),
      fc.constant({
        pairs: [
          [name, '1'],
          [name, '2'],
        ] as [string, string][],
        cls: 'array for scalar',
        mutation: `query.${name} repeated`,
      }),
      fc.constant({
        pairs: [[`${name}[a]`, '1']] as [string, string][],
        cls: 'bracket key',
        mutation: `query.${name}[a]=1`,
      }),
    ),
  );
  // The same hostile value in every query parameter at once: far more hits per request (page,
  // pageSize, limit... all = 1e308), and the class still says what was sent.
  // (Long values shrink so that the request line stays under Node's 16 kB header limit.)
  const everyParam = mutatedUrlValue([1]).map((mv) => ({
    pairs: op.query.map(
      (q) =>
        [
          q.name,
          mv.value === LONG_URL_VALUE ? 'x'.repeat(10_000 / op.query.length) : (mv.value as string),
        ] as [string, string],
    ),
    cls: `every param ${mv.label}`,
    mutation: `query.*=${mv.label}`,
  }));
  if (op.query.length > 1) {
    targets.push({
      weight: 3,
      arbitrary: fc.tuple(base, everyParam, validArb).map(([b, q, body]) => ({
        op,
        pathValues: b.pathValues,
        query: queryString(q.pairs),
        body: body.body,
        headers: {},
        csrf: 'valid' as const,
        cls: `query: ${q.cls}`,
        mutation: q.mutation,
      })),
    });
  }
  targets.push({
    weight: op.query.length > 0 ? 3 : 1,
    arbitrary: fc.tuple(base, queryMutation, validArb).map(([b, q, body]) => ({
      op,
      pathValues: b.pathValues,
      query: queryString([...b.query.filter(([k]) => k !== q.pairs[0][0]), ...q.pairs]),
      body: body.body,
      headers: {},
      csrf: 'valid' as const,
      cls: `query: ${q.cls}`,
      mutation: q.mutation,
    })),
  });
  const headers = fc.oneof(
    fc
      .constantFrom(...HEADER_MUTATIONS)
      .map(([cls, h]) => ({ cls, headers: h, csrf: 'valid' as const })),
    fc
      .constantFrom('missing' as const, 'wrong' as const)
      .map((csrf) => ({ cls: `CSRF token ${csrf}`, headers: {}, csrf })),
  );
  targets.push({
    weight: 1,
    arbitrary: fc.tuple(base, headers, validArb).map(([b, h, body]) => ({
      op,
      pathValues: b.pathValues,
      query: queryString(b.query),
      body: body.body,
      headers: h.headers,
      csrf: h.csrf,
      cls: `header: ${h.cls}`,
      mutation: h.cls,
    })),
  });
  return fc.oneof(...targets).map((c) => make(c) as Case);
}

/** The request of a case as one identity sends it. */
export function materialize(c: Case, identity: Identity, portalToken: string): RawRequest {
  const path = (
    c.op.template.replace(/:(\w+)/g, (_, name: string) => c.pathValues[name] ?? '1') + c.query
  ).replace(LIVE_PORTAL_TOKEN, portalToken);
  const headers: Record<string, string> = {
    Accept: c.op.kind === 'page' ? 'text/html' : 'application/json',
    ...identity.headers,
  };
  let body = c.body?.text;
  if (c.body?.contentType) headers['Content-Type'] = c.body.contentType;
  if (identity.csrf && c.csrf !== 'missing' && !['GET', 'HEAD'].includes(c.op.method)) {
    const token = c.csrf === 'wrong' ? 'x'.repeat(identity.csrf.length) : identity.csrf;
    if (c.body?.form) body = `_csrf=${enc(token)}${body ? `&${body}` : ''}`;
    else headers['x-csrf-token'] = token;
  }
  Object.assign(headers, c.headers);
  return { method: c.op.method, path, headers, body };
}
