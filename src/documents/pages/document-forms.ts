import { type Form, formValues } from '../../common/web/forms';
import type { ViewService } from '../../common/web/view.service';

/** A posted form's fields, as the body parser gives them (the shared form reader's type). */
export type { Form };

/**
 * A document's textarea (a news body, an editorial, a minutes section) as typed, with the
 * browser's CRLF line ends made LF; undefined when the field is absent. Read raw, not with
 * formText: the text keeps its leading spaces and blank lines (Markdown indentation, a nested
 * list, a code block), and "absent" (leave as it is) differs from "blank" (clear).
 */
export function textOf(form: Form, name: string): string | undefined {
  const [value] = formValues(form, name);
  return value?.replace(/\r\n?/g, '\n');
}

/** An optional document text: blank is null (no text), absent stays undefined; else as typed. */
export function optionalText(form: Form, name: string): string | null | undefined {
  const text = textOf(form, name);
  if (text === undefined) return undefined;
  return text.trim() === '' ? null : text;
}

/** The message of a field's error (`<prefix>.<field>`), or `<prefix>.other` when there is none. */
export function fieldMessage(views: ViewService, prefix: string, field: string): string {
  const message = views.textIfPresent(`${prefix}.${field.split('.')[0]}`);
  return message ?? views.text(`${prefix}.other`);
}
