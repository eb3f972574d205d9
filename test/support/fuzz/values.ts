import fc from 'fast-check';
import type { Schema } from './routes';
import type { Pools, Seed } from './seed';

/**
 * Markers replaced in the serialized JSON text by what JSON.stringify cannot write: a lone
 * surrogate escape (`"\ud800"`, which a UTF-8 encoder would turn into U+FFFD) and a number
 * literal beyond double range (`1e400`, parsed as Infinity).
 */
export const RAW_SURROGATE = '\u0001RAW_SURROGATE\u0001';
export const RAW_INFINITY = '\u0001RAW_INFINITY\u0001';

export function toJsonText(value: unknown): string {
  return JSON.stringify(value)
    .replaceAll(JSON.stringify(RAW_SURROGATE), '"a\\ud800b"')
    .replaceAll(JSON.stringify(RAW_INFINITY), '1e400');
}

export const HUGE = 'x'.repeat(100_000);
/** In URLs: Node refuses request lines over 16 kB with a bare 431 before the app sees them. */
export const LONG_URL_VALUE = 'x'.repeat(5_000);

/** Which pool a path parameter or an *Id field draws real ids from. */
export function poolName(template: string, param: string): string {
  const byParam: Record<string, string> = {
    invitationId: 'invitations',
    itemId: 'agenda-items',
    linkId: 'links',
    messageId: 'outbox',
    meetingId: 'meetings',
    contactId: 'contacts',
    presenterContactId: 'contacts',
    partnerId: 'partners',
    leadPartnerId: 'partners',
    originMeetingId: 'meetings',
    originAgendaItemId: 'agenda-items',
    agendaItemId: 'agenda-items',
    originThemeId: 'themes',
    themeId: 'themes',
    speakerId: 'speakers',
    version: 'versions',
    number: 'numbers',
  };
  if (byParam[param]) return byParam[param];
  const segments = template.split('/');
  const at = segments.findIndex((s) => s === `:${param}` || s === `{${param}}`);
  const before = at > 0 ? segments[at - 1] : '';
  if (before === 'messages') return 'outbox';
  if (before === 'agenda') return 'agenda-items';
  return before;
}

export function realIds(pools: Pools, pool: string): number[] {
  const ids = pools[pool];
  return ids && ids.length > 0 ? ids : (pools.partners ?? [1]);
}

/** Stands for the portal identity's current sign-in link (re-created with it), filled in when sent. */
export const LIVE_PORTAL_TOKEN = 'LIVE-PORTAL-TOKEN';

/** The token pool of a token route, by the route's first segment. */
export function tokenPool(seed: Seed, template: string): string[] {
  if (template === '/portal/link/:token') return [LIVE_PORTAL_TOKEN, ...(seed.tokens.portal ?? [])];
  const key = template.startsWith('/api/follow-up-links')
    ? 'follow-up'
    : template.split('/')[1] === 'portal'
      ? 'portal'
      : template.split('/')[1];
  return seed.tokens[key] ?? ['0'.repeat(43)];
}

const isDateName = (n: string) => /^(date|from|to|until|startDate|endDate|nextStepDue)$/.test(n);
const isUrlName = (n: string) => /url|website|link|next/i.test(n);

/** A valid-looking value for a field: the seed's ids, the DTO's enum, example or bounds. */
export function validValue(name: string, schema: Schema, seed: Seed): fc.Arbitrary<unknown> {
  if (schema.enum && schema.enum.length > 0) return fc.constantFrom(...schema.enum);
  if (/Ids$/.test(name)) {
    const pool = realIds(seed.ids, poolName('', name.replace(/Ids$/, 'Id')));
    return fc.subarray(pool, { minLength: 1 });
  }
  if (/Id$/.test(name)) return fc.constantFrom(...realIds(seed.ids, poolName('', name)));
  if (schema.type === 'boolean') return fc.boolean();
  if (schema.type === 'array') {
    const item = validValue(name, schema.items ?? { type: 'string' }, seed);
    return fc.array(item, { minLength: 1, maxLength: 2 });
  }
  if (schema.properties) return validObject(schema, seed);
  if (schema.example !== undefined) return fc.constant(schema.example);
  if (/^(latitude|longitude)$/.test(name)) return fc.double({ min: -80, max: 80, noNaN: true });
  if (schema.type === 'number' || schema.type === 'integer' || /Minutes|Cents|Days/.test(name)) {
    const min = schema.minimum ?? 1;
    return fc.integer({ min, max: Math.max(min, Math.min(schema.maximum ?? 100, 100)) });
  }
  if (schema.format === 'date-time' || /At$/.test(name)) return fc.constant('2026-03-20T08:30:00Z');
  if (isDateName(name)) return fc.constantFrom('2026-03-10', '2026-02-01');
  if (/email/i.test(name)) return fc.constantFrom('fuzz@example.test', seed.portal.email);
  if (/password/i.test(name)) return fc.constant('a long password for fuzzing');
  if (isUrlName(name)) return fc.constant('https://example.org/page');
  return fc.constantFrom('Fuzz text', 'Réunion « emploi »', 'clauses sociales');
}

/** Required fields always, optional ones sometimes. */
export function validObject(schema: Schema, seed: Seed): fc.Arbitrary<Record<string, unknown>> {
  const props = schema.properties ?? {};
  const required = new Set(schema.required ?? []);
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, s] of Object.entries(props)) model[name] = validValue(name, s, seed);
  return fc.record(model, {
    requiredKeys: Object.keys(props).filter((k) => required.has(k)),
  });
}

export interface Mutated {
  label: string;
  value: unknown;
}

const m = (label: string, value: unknown): Mutated => ({ label, value });

/** A hostile replacement for one JSON field. */
export function mutatedValue(name: string, seed: Seed, valid: unknown): fc.Arbitrary<Mutated> {
  const ids = realIds(seed.ids, poolName('', name));
  return fc.oneof(
    {
      weight: 12,
      arbitrary: fc.constantFrom(
        m('number', 42),
        m('string', 'abc'),
        m('bool', true),
        m('object', { a: { b: 1 } }),
        m('array for scalar', [valid, valid]),
        m('null', null),
        m('huge string 100k', HUGE),
        m('NUL', 'a\u0000b'),
        m('lone surrogate', RAW_SURROGATE),
        m('emoji', '😀👩‍👩‍👧 🇧🇪'),
        m('1e308', 1e308),
        m('1e16', 1e16),
        m('-1', -1),
        m('0.5', 0.5),
        m('1e400 (Infinity)', RAW_INFINITY),
        m('id 99999999999', 99999999999),
        m('id 2147483648', 2147483648),
        m('id 0', 0),
        m('empty string', ''),
        m('blank string', '   '),
        m('javascript: URL', 'javascript:alert(1)'),
        m('bad date', '2026-02-30'),
        m('date far future', '9999-12-31T23:59:59Z'),
        m('html', '<script>alert(1)</script>{{constructor}}'),
        m('array of nulls', [null, null]),
        m('array of objects', [{}, { a: 1 }]),
      ),
    },
    { weight: 2, arbitrary: fc.constantFrom(...ids).map((id) => m('real id', id)) },
    {
      weight: 1,
      arbitrary: fc.string({ maxLength: 30, unit: 'grapheme' }).map((s) => m('random string', s)),
    },
    { weight: 1, arbitrary: fc.double().map((d) => m('random double', d)) },
  );
}

/** A hostile value in a URL (path or query), already percent-encoded as sent. */
export function mutatedUrlValue(pool: (number | string)[]): fc.Arbitrary<Mutated> {
  return fc.oneof(
    {
      weight: 8,
      arbitrary: fc.constantFrom(
        m('abc', 'abc'),
        m('1e308', '1e308'),
        m('-1', '-1'),
        m('0', '0'),
        m('0.5', '0.5'),
        m('1e16', '1e16'),
        m('99999999999', '99999999999'),
        m('2147483648', '2147483648'),
        m('empty', ''),
        m('NUL', 'a%00b'),
        m('lone surrogate (bad UTF-8)', '%ED%A0%80'),
        m('malformed percent', '%E0%A4%A'),
        m('bare percent', '%'),
        m('emoji', encodeURIComponent('😀')),
        m('long 5k', LONG_URL_VALUE),
        m('NaN', 'NaN'),
        m('Infinity', 'Infinity'),
        m('spaces', '%20%201%20'),
        m('hex', '0x10'),
        m('javascript: URL', encodeURIComponent('javascript:alert(1)')),
        m('encoded slash', '..%2F..%2Fetc'),
        m('true', 'true'),
        m('1,2', '1,2'),
        m('null', 'null'),
      ),
    },
    {
      weight: 2,
      arbitrary: fc
        .constantFrom(...pool)
        .map((v) => m('real value', encodeURIComponent(String(v)))),
    },
  );
}
