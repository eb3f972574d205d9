import { Transform } from 'class-transformer';

/** Form fields: "" → undefined, "3" → 3 (leaves anything else for the validators to refuse). */
export function FormInt() {
  return Transform(({ value }: { value: unknown }) => {
    if (value === '' || value === undefined || value === null) return undefined;
    if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
    return value;
  });
}

/** Form fields: one value or several → an array of numbers where they look like numbers. */
export function FormIntArray() {
  return Transform(({ value }: { value: unknown }) => {
    if (value === '' || value === undefined || value === null) return undefined;
    const list = Array.isArray(value) ? (value as unknown[]) : [value];
    return list
      .filter((v) => v !== '')
      .map((v) => (typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v));
  });
}

/** Query strings: "true"/"false" → booleans. */
export function QueryBoolean() {
  return Transform(({ value }: { value: unknown }) =>
    value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value,
  );
}
