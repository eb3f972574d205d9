import { looseNameKeyOf } from '../partner-rules';
import { labelOf, type CsvRecord } from './partners-csv';

/** The coordinates a list of people may give in the partner's columns ("Téléphone", "Mail"). */
const COORDINATES = ['email', 'phone'] as const;

/**
 * A list of people ("Structure; Nom; Prénom; Téléphone; Mail", one row per person) gives each
 * person's phone and e-mail in columns that, alone, name the partner's. When the file names a
 * contact on its rows, has no column of the contact's own for that coordinate, and the column
 * changes between rows of the same partner, it can only be the person's: its values are moved
 * to the contacts (the partner's stored value is then left as it is). A column that repeats
 * one value per partner stays the partner's, as in the export. Returns the moved columns'
 * headers, as the file gives them, for the preview to say so; `headers` is updated to match.
 */
export function movePersonalCoordinates(
  records: CsvRecord[],
  headers: Map<string, string>,
): string[] {
  if (!headers.has(labelOf('contact', 'fullName'))) return [];
  const moved: string[] = [];
  for (const field of COORDINATES) {
    const header = headers.get(labelOf('partner', field));
    if (!header || headers.has(labelOf('contact', field))) continue;
    if (!changesWithinAPartner(records, field)) continue;
    for (const record of records) {
      if (record.partner[field] !== undefined) record.contact[field] = record.partner[field];
      delete record.partner[field];
    }
    headers.delete(labelOf('partner', field));
    headers.set(labelOf('contact', field), header);
    moved.push(header);
  }
  return moved;
}

function changesWithinAPartner(records: CsvRecord[], field: string): boolean {
  const firstValue = new Map<string, string>();
  for (const record of records) {
    const key = looseNameKeyOf(record.partner.name ?? '');
    const value = record.partner[field] ?? '';
    const first = firstValue.get(key);
    if (first === undefined) firstValue.set(key, value);
    else if (first !== value) return true;
  }
  return false;
}
