import fc from 'fast-check';
import type { Case } from './cases';
import type { Operation, Schema } from './routes';
import type { Seed } from './seed';
import { HUGE, mutatedValue, toJsonText, validObject } from './values';

/** The body part of a case: its mutation class, description and bytes. */
export type BodyPart = Pick<Case, 'cls' | 'mutation' | 'body'>;

const enc = encodeURIComponent;

/** Paths into a body where a field can be mutated: top level, and the first item of arrays. */
function fieldPaths(body: Record<string, unknown>, schema: Schema): string[][] {
  const out: string[][] = Object.keys(schema.properties ?? {}).map((k) => [k]);
  for (const [k, v] of Object.entries(body)) {
    if (Array.isArray(v) && v[0] && typeof v[0] === 'object') {
      for (const inner of Object.keys(v[0] as object)) out.push([k, '0', inner]);
    }
  }
  return out;
}

function setPath(body: Record<string, unknown>, path: string[], value: unknown): void {
  let at = body;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string, unknown>;
  at[path[path.length - 1]] = value;
}

const deep = (levels: number) => '{"a":'.repeat(levels) + '1' + '}'.repeat(levels);

const WHOLE_JSON: [string, string | undefined, string | undefined][] = [
  ['deep nesting 3000', 'application/json', deep(3000)],
  ['deep array nesting 3000', 'application/json', '['.repeat(3000) + ']'.repeat(3000)],
  ['empty JSON body', 'application/json', ''],
  ['no body', undefined, undefined],
  ['text/plain body', 'text/plain', '{"name":"x"}'],
  ['application/xml body', 'application/xml', '<a>1</a>'],
  ['form body to JSON route', 'application/x-www-form-urlencoded', 'name=x&title=y'],
  ['broken JSON', 'application/json', '{"name": "x",'],
  ['JSON array body', 'application/json', '[1,2,3]'],
  ['JSON null body', 'application/json', 'null'],
  ['JSON string body', 'application/json', '"text"'],
  ['JSON number body', 'application/json', '12'],
  ['lone surrogate in a key', 'application/json', '{"\\ud800":1}'],
  ['__proto__ key', 'application/json', '{"__proto__":{"admin":true},"constructor":{"a":1}}'],
  ['huge array', 'application/json', `[${Array(20_000).fill('1').join(',')}]`],
  ['latin1 charset', 'application/json; charset=latin1', '{"a":"\u00e9"}'],
  ['utf-16 charset', 'application/json; charset=utf-16', '{"a":1}'],
  ['multipart garbage', 'multipart/form-data; boundary=zz', '--zz\r\nbroken'],
];

export function apiBody(op: Operation, seed: Seed): fc.Arbitrary<BodyPart> {
  const schema = op.body ?? { type: 'object', properties: {} };
  const whole = fc.constantFrom(...WHOLE_JSON).map(([cls, contentType, text]) => ({
    cls: `body: ${cls}`,
    mutation: cls,
    body: text === undefined ? undefined : { contentType, text },
  }));
  const field = validObject(schema, seed).chain((valid) => {
    const paths = fieldPaths(valid, schema);
    const extra = fc.constantFrom(
      {
        cls: 'unknown field',
        mutation: 'unknown field zz',
        edit: (b: Record<string, unknown>) => void (b.zz = 1),
      },
      {
        cls: 'all fields null',
        mutation: 'every field null',
        edit: (b: Record<string, unknown>) => {
          for (const k of Object.keys(schema.properties ?? {})) b[k] = null;
        },
      },
    );
    // One hostile value in every top-level field at once (null in a PATCH, a lone surrogate...).
    const everyField = mutatedValue('every', seed, 1).map((mv) => ({
      cls: `every field ${mv.label}`,
      mutation: `body.*=${mv.label}`,
      edit: (b: Record<string, unknown>) => {
        for (const k of Object.keys(schema.properties ?? {})) b[k] = mv.value;
      },
    }));
    const perField =
      paths.length === 0
        ? extra
        : fc.constantFrom(...paths).chain((path) =>
            fc.oneof(
              {
                weight: 8,
                arbitrary: mutatedValue(path[path.length - 1], seed, 1).map((mv) => ({
                  cls: `field: ${mv.label}`,
                  mutation: `body.${path.join('.')}=${mv.label}`,
                  edit: (b: Record<string, unknown>) => setPath(b, path, mv.value),
                })),
              },
              {
                weight: 1,
                arbitrary: fc.constant({
                  cls: 'field missing',
                  mutation: `body.${path.join('.')} removed`,
                  edit: (b: Record<string, unknown>) => setPath(b, path, undefined),
                }),
              },
              { weight: 1, arbitrary: extra },
              { weight: 4, arbitrary: everyField },
            ),
          );
    return fc
      .oneof({ weight: 1, arbitrary: fc.constant(null) }, { weight: 6, arbitrary: perField })
      .map((edit) => {
        const body = structuredClone(valid);
        if (edit) edit.edit(body);
        return {
          cls: edit ? edit.cls : 'valid',
          mutation: edit ? edit.mutation : 'valid body',
          body: { contentType: 'application/json', text: toJsonText(body) },
        };
      });
  });
  return fc.oneof({ weight: 3, arbitrary: field }, { weight: 1, arbitrary: whole });
}

const FORM_VALUES: [string, string][] = [
  ['huge string 100k', HUGE],
  ['NUL', 'a%00b'],
  ['lone surrogate (bad UTF-8)', 'a%ED%A0%80b'],
  ['malformed percent', '%E0%A4%A'],
  ['emoji', enc('😀👩‍👩‍👧')],
  ['abc', 'abc'],
  ['-1', '-1'],
  ['0.5', '0.5'],
  ['1e308', '1e308'],
  ['99999999999', '99999999999'],
  ['2147483648', '2147483648'],
  ['empty', ''],
  ['javascript: URL', enc('javascript:alert(1)')],
  ['bad date', '2026-02-30'],
  ['html', enc('<script>alert(1)</script>{{x}}')],
];

export function formBody(op: Operation, seed: Seed): fc.Arbitrary<BodyPart> {
  const fields = Object.entries(op.form ?? {});
  const names = fields.length ? fields.map(([n]) => n) : ['name', 'title', 'email'];
  const valid = fields.map(([n, v]) => [n, enc(v)] as [string, string]);
  const form = (pairs: [string, string][], cls: string, mutation: string) => ({
    cls,
    mutation,
    body: {
      contentType: 'application/x-www-form-urlencoded',
      text: pairs.map(([k, v]) => `${k}=${v}`).join('&'),
      form: true,
    },
  });
  const perField = fc
    .tuple(fc.constantFrom(...names), fc.constantFrom(...FORM_VALUES))
    .map(([name, [cls, value]]) =>
      form(
        [...valid.filter(([n]) => n !== name), [name, value]],
        `field: ${cls}`,
        `form.${name}=${cls}`,
      ),
    );
  const shape = fc.constantFrom(...names).chain((name) =>
    fc.constantFrom(
      form([...valid, [name, 'a'], [name, 'b']], 'array for scalar', `form.${name} repeated`),
      form(
        valid.filter(([n]) => n !== name),
        'field missing',
        `form.${name} removed`,
      ),
      form([...valid, [`${name}[a]`, '1']], 'bracket key', `form.${name}[a]`),
      form([...valid, ['zz', '1']], 'unknown field', 'unknown field zz'),
      form(
        [...valid, ['__proto__', '1'], ['constructor', '1']],
        '__proto__ key',
        '__proto__ field',
      ),
    ),
  );
  // body-parser reads JSON on page routes too: the form's fields as JSON, one of them hostile
  // (a number, an array, null, a lone surrogate... where the handler expects a string).
  const asJson = fc
    .constantFrom(...names)
    .chain((name) => mutatedValue(name, seed, 'a').map((mv) => [name, mv] as const))
    .map(([name, mv]) => ({
      cls: `JSON form field: ${mv.label}`,
      mutation: `json.${name}=${mv.label}`,
      body: {
        contentType: 'application/json',
        text: toJsonText({ ...Object.fromEntries(fields), [name]: mv.value }),
      },
    }));
  const whole = fc.constantFrom(...WHOLE_JSON).map(([cls, contentType, text]) => ({
    cls: `body: ${cls}`,
    mutation: cls,
    body: text === undefined ? undefined : { contentType, text },
  }));
  return fc.oneof(
    { weight: 3, arbitrary: asJson },
    { weight: 1, arbitrary: fc.constant(form(valid, 'valid', 'valid form')) },
    { weight: 4, arbitrary: perField },
    { weight: 2, arbitrary: shape },
    { weight: 2, arbitrary: whole },
  );
}
