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
    // Address books (Outlook, Gmail, a CRM) name the organisation a person works for so.
    'societe',
    'entreprise',
    'employeur',
    'etablissement',
    'organisation',
    'organization',
    'company',
  ],
  'partner.shortName': ['acronyme', 'abreviation', 'short name', 'sigle acronyme'],
  'partner.kind': ['categorie', 'nature', 'type de structure', 'type de partenaire'],
  'partner.territory': ['ville', 'commune', 'localite', 'territory', 'city'],
  'partner.address': ['adresse postale', 'rue', 'address'],
  'partner.postcode': ['cp', 'c p', 'code postal', 'zip', 'postal code'],
  'partner.latitude': ['lat'],
  'partner.longitude': ['lon', 'lng', 'long'],
  'partner.website': ['site internet', 'site', 'web', 'url', 'website'],
  'partner.email': [
    'email',
    'e mail',
    'courriel',
    'mail',
    'mel',
    'adresse electronique',
    'adresse mail',
    'adresse e mail',
    'adresse email',
    'email de la structure',
    'courriel de la structure',
  ],
  'partner.phone': [
    'tel',
    'telephone',
    'phone',
    'standard',
    'n de telephone',
    'n tel',
    'telephone standard',
    'numero de telephone',
    'telephone fixe',
    'tel fixe',
    'telephone de la structure',
  ],
  'partner.services': ['services proposes', 'offre de service', 'offre de services'],
  'contact.fullName': [
    'nom du contact',
    'interlocuteur',
    'referent',
    'personne de contact',
    'contact nom',
    'nom du referent',
    'nom et prenom',
    'prenom et nom',
    'nom prenom',
    'prenom nom',
    'nom et prenom du referent',
    'nom et prenom du contact',
  ],
  'contact.jobTitle': [
    'fonction',
    'poste',
    'contact fonction',
    'job title',
    'fonction du referent',
    'poste du contact',
  ],
  'contact.email': [
    'contact email',
    'email du contact',
    'e mail du contact',
    'contact courriel',
    'contact e mail',
    'contact mail',
    'email contact',
    'e mail contact',
    'mail contact',
    'courriel du referent',
    'email du referent',
    'e mail du referent',
    'mail du referent',
    'email referent',
    'mail referent',
    'courriel referent',
    'adresse e mail du contact',
    'adresse mail du contact',
    // Outlook's export, French and English: one row per person, so the address is the person's.
    'adresse de messagerie',
    'e mail address',
    'email address',
  ],
  'contact.phone': [
    'contact telephone',
    'tel du contact',
    'contact tel',
    'telephone contact',
    'tel contact',
    'telephone du referent',
    'tel du referent',
    'telephone referent',
    'tel referent',
    'tel mobile',
    'tel portable du contact',
    'portable',
    'mobile',
    'telephone portable',
    'tel portable',
    'telephone bureau',
    'telephone mobile',
    'business phone',
    'mobile phone',
  ],
  // The export's headers before they were all French (files exported then still import).
  'contact.newsletterConsent': ['contact newsletter', 'newsletter', 'lettre d information'],
  'contact.newsletterConsentSource': ['contact newsletter source'],
  'contact.newsletterConsentAt': ['contact newsletter date'],
  'contact.notes': ['contact notes'],
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
 * that a title or a blank line above it (common in spreadsheets) is skipped; -1 when none does
 * (the first row is then taken, and its unknown names reported).
 */
export function findHeaderRow(rows: string[][], lookAhead = 20): number {
  // Distinct columns: a group label merged over three columns ("Structure" above "Nom | Type |
  // Ville") fills three cells with one name, and is not the header.
  return rows
    .slice(0, lookAhead)
    .findIndex((cells) => new Set(cells.map(columnForHeader).filter(Boolean)).size >= 2);
}

/** A person's first name in a column of its own ("Prénom", "Prénom du contact"). */
const FIRST_NAME = new Set(
  ['prenom', 'prenom du contact', 'prenom du referent', 'contact prenom', 'first name'].map(
    foldLabel,
  ),
);
/** Its surname beside it; a bare "Nom" only when another column names the partner. */
const SURNAME = new Set(
  [
    'nom',
    'nom du contact',
    'nom du referent',
    'contact nom',
    'nom de famille',
    'nom de famille du contact',
    'last name',
  ].map(foldLabel),
);

/**
 * Where a contact's name comes in two columns, "Prénom" and "Nom" (as most lists of people
 * do): their indexes, to be joined into the contact's name; null when the file has no first-name
 * column, or no surname column beside it.
 */
export function splitNameColumns(headers: string[]): { first: number; last: number } | null {
  const folded = headers.map(foldLabel);
  const first = folded.findIndex((name) => FIRST_NAME.has(name));
  if (first === -1) return null;
  const partnerNamed = (except: number) =>
    headers.some((header, i) => {
      const column = columnForHeader(header);
      return i !== except && column?.scope === 'partner' && column.field === 'name';
    });
  const last = folded.findIndex(
    (name, i) => SURNAME.has(name) && (name !== 'nom' || partnerNamed(i)),
  );
  return last === -1 ? null : { first, last };
}
