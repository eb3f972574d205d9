import { instantToLocal } from '../../common/calendar-days';
import { neutralise } from '../../common/csv';
import type { MessageRef } from '../../common/domain-errors';
import { normalizeForSearch } from '../../common/text';
import type { Contact } from '../contacts/contact.entity';
import type { Partner } from '../partner.entity';

/**
 * The CSV format of the partner directory, shared by the export and the import: one row per
 * contact, the partner's columns repeated (a partner without contacts gets one row), French
 * headers. No database: the export writes the batches it is given.
 */
export interface CsvColumn {
  scope: 'partner' | 'contact';
  field: string;
  label: string;
  type?: 'number' | 'boolean' | 'date';
  /** Exported for information, ignored on import (set by the app). */
  readOnly?: boolean;
}

export const CSV_COLUMNS: readonly CsvColumn[] = [
  { scope: 'partner', field: 'name', label: 'Nom' },
  { scope: 'partner', field: 'shortName', label: 'Sigle' },
  { scope: 'partner', field: 'kind', label: 'Type' },
  { scope: 'partner', field: 'territory', label: 'Territoire' },
  { scope: 'partner', field: 'address', label: 'Adresse' },
  { scope: 'partner', field: 'postcode', label: 'Code postal' },
  { scope: 'partner', field: 'latitude', label: 'Latitude', type: 'number' },
  { scope: 'partner', field: 'longitude', label: 'Longitude', type: 'number' },
  { scope: 'partner', field: 'website', label: 'Site web' },
  { scope: 'partner', field: 'email', label: 'Courriel' },
  { scope: 'partner', field: 'phone', label: 'Téléphone' },
  { scope: 'partner', field: 'services', label: 'Services' },
  { scope: 'partner', field: 'description', label: 'Description' },
  { scope: 'contact', field: 'fullName', label: 'Contact' },
  { scope: 'contact', field: 'jobTitle', label: 'Fonction du contact' },
  { scope: 'contact', field: 'email', label: 'Courriel du contact' },
  { scope: 'contact', field: 'phone', label: 'Téléphone du contact' },
  {
    scope: 'contact',
    field: 'newsletterConsent',
    label: 'Contact accepte la lettre d’information',
    type: 'boolean',
  },
  {
    scope: 'contact',
    field: 'newsletterConsentSource',
    label: 'Source du consentement à la lettre d’information',
  },
  {
    scope: 'contact',
    field: 'newsletterConsentAt',
    label: 'Date du consentement à la lettre d’information',
    type: 'date',
    readOnly: true,
  },
  {
    scope: 'contact',
    field: 'receivesMinutes',
    label: 'Contact reçoit les comptes rendus',
    type: 'boolean',
  },
  { scope: 'contact', field: 'notes', label: 'Notes sur le contact' },
];

// ---- export ---------------------------------------------------------------------------------

/** How the export writes a kind: the label people know ("Mission locale"), read back on import. */
export type KindLabel = (kind: string) => string;

/** A cell of the export as a spreadsheet holds it; each format writes it its own way. */
export type ExportCell = string | number | Date | null;

function exportCell(value: unknown, column: CsvColumn, kindLabel: KindLabel): ExportCell {
  if (value === null || value === undefined) return null;
  if (column.type === 'boolean') return value ? 'oui' : 'non';
  if (column.field === 'kind') return kindLabel(value as string);
  if (typeof value === 'number' || typeof value === 'string' || value instanceof Date) return value;
  return JSON.stringify(value);
}

/** A cell in the CSV: text a spreadsheet reads back as written, never as a formula. */
function csvCell(cell: ExportCell, timeZone: string): string {
  if (cell === null) return '';
  // A decimal comma, or Excel France would read "3.18" as a date (the import takes either).
  if (typeof cell === 'number') return neutralise(String(cell).replace('.', ','));
  // The network's wall clock, which spreadsheets read as a date and time ("2026-07-30 10:00").
  if (cell instanceof Date) {
    const { day, time } = instantToLocal(cell, timeZone);
    return `${day} ${time}`;
  }
  return neutralise(cell);
}

/** The export's rows of one partner: one per contact, or one alone when it has no contacts. */
function rowsOf(partner: Omit<Partner, 'searchText'>, kindLabel: KindLabel): ExportCell[][] {
  const contacts: (Contact | null)[] = partner.contacts?.length ? partner.contacts : [null];
  return contacts.map((contact) =>
    CSV_COLUMNS.map((column) => {
      const source = column.scope === 'partner' ? partner : contact;
      return exportCell(
        source ? (source as unknown as Record<string, unknown>)[column.field] : null,
        column,
        kindLabel,
      );
    }),
  );
}

/**
 * The export's cells, row by row, as the batches of partners (with their contacts) come: the
 * next batch is only asked for once the consumer has taken the rows of this one. No header.
 */
export async function* exportCells(
  batches: AsyncIterable<Omit<Partner, 'searchText'>[]>,
  kindLabel: KindLabel,
): AsyncGenerator<ExportCell[]> {
  for await (const partners of batches) {
    for (const partner of partners) yield* rowsOf(partner, kindLabel);
  }
}

/** The CSV export's records, header first (see exportCells). */
export async function* exportRows(
  batches: AsyncIterable<Omit<Partner, 'searchText'>[]>,
  kindLabel: KindLabel,
  timeZone: string,
): AsyncGenerator<string[]> {
  yield CSV_COLUMNS.map((c) => c.label);
  for await (const cells of exportCells(batches, kindLabel))
    yield cells.map((cell) => csvCell(cell, timeZone));
}

// ---- import ---------------------------------------------------------------------------------

export interface CsvProblem {
  /** 1 is the header row. */
  row: number;
  column: string | null;
  /** What is wrong, in the catalogues (the API and pages both say it). */
  text: MessageRef;
}

export interface CsvRecord {
  row: number;
  /** Field → raw (un-neutralised, trimmed) cell, for the columns the file has. */
  partner: Record<string, string>;
  contact: Record<string, string>;
}

export function labelOf(scope: CsvColumn['scope'], field: string): string {
  return CSV_COLUMNS.find((c) => c.scope === scope && c.field === field)?.label ?? field;
}

const TRUE = new Set(['oui', 'o', 'yes', 'y', 'true', 'vrai', '1', 'x']);
const FALSE = new Set(['non', 'n', 'no', 'false', 'faux', '0']);

/**
 * A cell as the DTOs expect it: empty → null (empty booleans → undefined, keeping the default),
 * numbers with "." or ",", booleans as oui/non. Unreadable values stay text so that validation
 * reports them.
 */
export function cellValue(raw: string, column: CsvColumn | undefined): unknown {
  if (column?.type === 'boolean') {
    const folded = normalizeForSearch(raw);
    if (folded === '') return undefined;
    if (TRUE.has(folded)) return true;
    if (FALSE.has(folded)) return false;
    return raw;
  }
  if (raw === '') return null;
  if (column?.type === 'number') {
    const value = Number(raw.replace(',', '.'));
    return Number.isFinite(value) ? value : raw;
  }
  return raw;
}

export function columnOf(scope: CsvColumn['scope'], field: string): CsvColumn | undefined {
  return CSV_COLUMNS.find((c) => c.scope === scope && c.field === field);
}
