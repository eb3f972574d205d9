import { wordsKeyOf } from '../partner-rules';
import { foldLabel } from './import-headers';
import { labelOf, type CsvRecord } from './partners-csv';

/** The coordinates a list of people may give in the partner's columns ("Téléphone", "Mail"). */
const COORDINATES = ['email', 'phone'] as const;

/** Headers that say the coordinate is the organisation's, whatever the rows hold. */
const THE_PARTNERS = new Set(
  [
    'email de la structure',
    'courriel de la structure',
    'telephone de la structure',
    'standard',
    'telephone standard',
    'tel standard',
  ].map(foldLabel),
);

/**
 * A list of people ("Structure; Nom; Prénom; Téléphone; Mail", one row per person) gives each
 * person's phone and e-mail in columns that, alone, name the partner's. When the file names a
 * contact on its rows and has no column of the contact's own for that coordinate, the column is
 * the person's, its values moved to the contacts (the partner's stored value is then left as it
 * is), when its value changes between rows of a partner, or when the file reads as a list of
 * people (`peopleList`: the name in "Prénom" and "Nom", or a "Civilité") and the column does not
 * repeat one value on every row of a partner that has several. A list of one referent per
 * partner is such a list: their addresses replaced the partner's own. A header that names the
 * organisation's ("Standard", "Email de la structure") keeps it; so does a row naming nobody.
 * Returns the moved columns' headers, as the file gives them, for the preview to say so;
 * `headers` is updated to match.
 */
export function movePersonalCoordinates(
  records: CsvRecord[],
  headers: Map<string, string>,
  peopleList: boolean,
): string[] {
  if (!headers.has(labelOf('contact', 'fullName'))) return [];
  const moved: string[] = [];
  for (const field of COORDINATES) {
    const header = headers.get(labelOf('partner', field));
    if (!header || headers.has(labelOf('contact', field))) continue;
    if (THE_PARTNERS.has(foldLabel(header))) continue;
    const reading = partnerReading(records, field);
    if (reading === 'repeated' || (reading === 'unknown' && !peopleList)) continue;
    for (const record of records) {
      if (!record.contact.fullName) continue;
      if (record.partner[field] !== undefined) record.contact[field] = record.partner[field];
      delete record.partner[field];
    }
    headers.delete(labelOf('partner', field));
    headers.set(labelOf('contact', field), header);
    moved.push(header);
  }
  return moved;
}

/**
 * How the rows read a column: one value on all the rows of each partner with several rows at
 * least one such partner (`repeated`, as the export writes the partner's), a value that changes
 * between rows of a partner (`changes`, a person's), or no partner with several rows (`unknown`).
 */
function partnerReading(records: CsvRecord[], field: string): 'repeated' | 'changes' | 'unknown' {
  const firstValue = new Map<string, string>();
  let repeated = false;
  for (const record of records) {
    const key = wordsKeyOf(record.partner.name ?? '');
    const value = record.partner[field] ?? '';
    // A blank on a later row says nothing (a list may give a partner's details once).
    if (value === '' && firstValue.has(key)) continue;
    const first = firstValue.get(key);
    if (first === undefined) firstValue.set(key, value);
    else if (first !== value) return 'changes';
    else repeated = true;
  }
  return repeated ? 'repeated' : 'unknown';
}

/**
 * A list that gives a partner's details on its first row only ("fill once per structure": the
 * next rows of the same partner leave Type, Ville… blank) means them for every row: a blank
 * partner cell on a later row of a partner takes the first row's value, instead of refusing the
 * row as "differs from row 2" or clearing the value.
 */
export function fillPartnerCells(records: CsvRecord[]): void {
  const first = new Map<string, CsvRecord>();
  for (const record of records) {
    if (!record.partner.name) continue;
    const key = wordsKeyOf(record.partner.name);
    const earlier = first.get(key);
    if (!earlier) {
      first.set(key, record);
      continue;
    }
    for (const [field, value] of Object.entries(record.partner))
      if (value === '' && earlier.partner[field]) record.partner[field] = earlier.partner[field];
  }
}
