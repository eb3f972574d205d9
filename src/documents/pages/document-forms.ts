import type { ViewService } from '../../common/web/view.service';

/** A posted form's fields, as the body parser gives them. */
export type Form = Record<string, unknown>;

/** Textarea text as typed, with the browser's CRLF line ends made LF. */
export const textOf = (value: unknown): string | undefined =>
  typeof value === 'string' ? value.replace(/\r\n?/g, '\n') : undefined;

/** An optional text field: blank is null (no text), absent stays undefined. */
export const optionalText = (value: unknown): string | null | undefined => {
  const text = textOf(value);
  if (text === undefined) return undefined;
  return text.trim() === '' ? null : text;
};

/** The message of a field's error (`<prefix>.<field>`), or `<prefix>.other` when there is none. */
export function fieldMessage(views: ViewService, prefix: string, field: string): string {
  const message = views.textIfPresent(`${prefix}.${field.split('.')[0]}`);
  return message ?? views.text(`${prefix}.other`);
}
