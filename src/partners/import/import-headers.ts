import { normalizeForSearch } from '../../common/text';
import { CSV_COLUMNS, type CsvColumn } from './partners-csv';

/**
 * A header or label as people type it: case, accents, spaces and punctuation ignored
 * ("E-mail", "e‑mail ", "EMAIL" → "e mail", "email"; "Tél." → "tel").
 */
export function foldLabel(text: string): string {
  return normalizeForSearch(text)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * Other names agencies give the columns, in French and English, besides the export's own label
 * and the field name. Keyed by scope and field; "Ville" and "Commune" are the territory, the
 * column the directory files a partner under.
 */
const SYNONYMS: Record<string, string[]> = {
  'partner.name': [
    'structure',
    'organisme',
    'raison sociale',
    'nom de la structure',
    'nom structure',
    'nom de l organisme',
    'partenaire',
    'denomination',
  ],
  'partner.shortName': ['acronyme', 'abreviation', 'short name'],
  'partner.kind': ['categorie', 'nature', 'type de structure', 'type de partenaire'],
  'partner.territory': ['ville', 'commune', 'localite', 'territory', 'city'],
  'partner.address': ['adresse postale', 'rue', 'address'],
  'partner.postcode': ['cp', 'code postal', 'zip', 'postal code'],
  'partner.latitude': ['lat'],
  'partner.longitude': ['lon', 'lng', 'long'],
  'partner.website': ['site internet', 'site', 'web', 'url', 'website'],
  'partner.email': ['e mail', 'courriel', 'mail', 'adresse electronique', 'adresse mail'],
  'partner.phone': ['tel', 'telephone', 'phone', 'standard'],
  'partner.services': ['services proposes', 'offre de service'],
  'contact.fullName': [
    'nom du contact',
    'interlocuteur',
    'referent',
    'personne de contact',
    'contact nom',
  ],
  'contact.jobTitle': ['fonction', 'poste', 'fonction du contact', 'job title'],
  'contact.email': [
    'courriel du contact',
    'email du contact',
    'e mail du contact',
    'contact courriel',
    'contact e mail',
    'contact mail',
  ],
  'contact.phone': ['telephone du contact', 'tel du contact', 'contact tel'],
};

const keyOf = (column: CsvColumn) => `${column.scope}.${column.field}`;

/** Folded header → column: the label, the field name ("name", "contact.email"), the synonyms. */
const COLUMNS_BY_HEADER = new Map<string, CsvColumn>(
  CSV_COLUMNS.flatMap((column) =>
    [
      column.label,
      column.scope === 'partner' ? column.field : keyOf(column),
      ...(SYNONYMS[keyOf(column)] ?? []),
    ].map((name) => [foldLabel(name), column] as const),
  ),
);

export function columnForHeader(header: string): CsvColumn | undefined {
  return COLUMNS_BY_HEADER.get(foldLabel(header));
}

/**
 * The header row: the first of the first rows whose cells name at least two known columns, so
 * that a title or a blank line above it (common in spreadsheets) is skipped; else the first row,
 * whose unknown names are then reported.
 */
export function findHeaderRow(rows: string[][], lookAhead = 20): number {
  const index = rows
    .slice(0, lookAhead)
    .findIndex((cells) => cells.filter((cell) => columnForHeader(cell)).length >= 2);
  return index === -1 ? 0 : index;
}
