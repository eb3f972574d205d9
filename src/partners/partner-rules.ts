import { type EntityManager, In } from 'typeorm';
import { ConflictError, NotFoundError, RuleViolationError } from '../common/domain-errors';
import { normalizeForSearch } from '../common/text';
import { chunked } from '../database/insert-many';
import { Contact } from './contacts/contact.entity';
import type { CreateContactDto } from './contacts/create-contact.dto';
import type { CreatePartnerDto } from './create-partner.dto';
import { Partner } from './partner.entity';

/**
 * The rules partners and contacts share: which fields a client sets, what the audit trail keeps,
 * how names and emails are compared, and the partner's search text (which holds its contacts'
 * names, so a contact change refreshes it).
 */

/** The partner fields a client sets (create, update, CSV import). */
export const PARTNER_FIELDS = [
  'name',
  'shortName',
  'kind',
  'description',
  'services',
  'territory',
  'address',
  'postcode',
  'latitude',
  'longitude',
  'website',
  'email',
  'phone',
] as const satisfies readonly (keyof Partner & keyof CreatePartnerDto)[];

/** The contact fields a client sets directly (the newsletter consent has its own rule). */
export const CONTACT_FIELDS = [
  'fullName',
  'jobTitle',
  'email',
  'phone',
  'receivesMinutes',
  'notes',
] as const satisfies readonly (keyof Contact & keyof CreateContactDto)[];

/** Fields whose before/after values go into the audit trail. */
export const PARTNER_AUDITED: string[] = [...PARTNER_FIELDS, 'active', 'archivedAt'];
export const CONTACT_AUDITED: string[] = [
  'partnerId',
  ...CONTACT_FIELDS,
  'newsletterConsent',
  'newsletterConsentAt',
  'newsletterConsentSource',
];

/** Two partners cannot share a name, whatever its case and accents. */
export const nameKeyOf = (name: string): string => normalizeForSearch(name);

/**
 * A name as the import matches it: its key with the typographic variants folded (’ and ',
 * œ and oe, æ and ae), so that a file typed on another keyboard finds the partner it names.
 */
export const looseNameKeyOf = (name: string): string =>
  nameKeyOf(name)
    .replace(/[’‘ʼ`´]/g, "'")
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae');

/**
 * A name with only its letters and digits, as people retype it: "France Travail — agence de
 * Vitry-sur-Seine" and "France Travail - agence de Vitry sur Seine" are one partner. The import
 * falls back on it when no stored spelling of the loose key matches.
 */
export const wordsKeyOf = (name: string): string =>
  looseNameKeyOf(name)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/**
 * Beyond this many spellings of one name (4 apostrophes or ligatures), only the uniform ones are
 * looked up: an import looks up every spelling of each of its names.
 */
const MAX_NAME_KEY_VARIANTS = 16;
const FOLDED = /'|oe|ae/g;
const SPELLINGS: Record<string, string[]> = { "'": ["'", '’'], oe: ['oe', 'œ'], ae: ['ae', 'æ'] };

/**
 * The stored keys a loose key may stand for: each apostrophe, oe and ae written one way or the
 * other, independently ("l’Îlot d'Or" typed with one of each kind).
 */
export function nameKeyVariants(looseKey: string): string[] {
  const pieces = looseKey.split(FOLDED);
  const folded = looseKey.match(FOLDED) ?? [];
  if (2 ** folded.length > MAX_NAME_KEY_VARIANTS)
    return [looseKey, looseKey.replace(FOLDED, (token) => SPELLINGS[token][1])];
  let keys = [pieces[0]];
  folded.forEach((token, i) => {
    keys = keys.flatMap((key) =>
      SPELLINGS[token].map((spelling) => key + spelling + pieces[i + 1]),
    );
  });
  return keys;
}

/** Contact emails are unique whatever their case. */
export const emailKeyOf = (email: string | null | undefined): string | null =>
  email ? email.trim().toLowerCase() : null;

export function searchTextOf(partner: Partner, contactNames: string[]): string {
  return normalizeForSearch(
    [partner.name, partner.shortName, partner.services, ...contactNames].filter(Boolean).join(' '),
  );
}

export function assign<T, K extends keyof T>(target: T, field: K, value: unknown): void {
  target[field] = value as T[K];
}

/** A place (partner, meeting, speaker) has both coordinates or neither, after a change. */
export function assertCoordinates(place: {
  latitude: number | null;
  longitude: number | null;
}): void {
  if ((place.latitude === null) !== (place.longitude === null)) {
    throw new RuleViolationError(
      'errors.input.coordinatesPaired',
      place.latitude === null ? 'latitude' : 'longitude',
    );
  }
}

/** The partner, or NotFoundError. */
export async function partnerIn(manager: EntityManager, id: number): Promise<Partner> {
  const partner = await manager.getRepository(Partner).findOneBy({ id });
  if (!partner) throw new NotFoundError('partner', id);
  return partner;
}

const nameTaken = (other: Partner): ConflictError =>
  new ConflictError(
    { key: 'errors.partner.nameTaken', params: { name: other.name, id: other.id } },
    'name',
  );

/**
 * No other partner holds this name, even typed on another keyboard: "Coeur d'Arles" is refused
 * beside "Cœur d’Arles" (the stored key of each variant is looked up, see looseNameKeyOf).
 */
export async function assertNameFree(manager: EntityManager, partner: Partner): Promise<void> {
  const others = await manager
    .getRepository(Partner)
    .findBy({ nameKey: In(nameKeyVariants(looseNameKeyOf(partner.name))) });
  const other = others.find((candidate) => candidate.id !== partner.id);
  if (other) throw nameTaken(other);
}

/** assertNameFree for new partners whose names differ: one read per chunk of names. */
export async function assertNamesFree(manager: EntityManager, partners: Partner[]): Promise<void> {
  const keys = partners.flatMap((p) => nameKeyVariants(looseNameKeyOf(p.name)));
  for (const chunk of chunked(keys, 1)) {
    const other = await manager.getRepository(Partner).findOneBy({ nameKey: In(chunk) });
    if (other) throw nameTaken(other);
  }
}

/** The names of a partner's contacts, in id order (for its search text). */
export async function contactNames(manager: EntityManager, partnerId: number): Promise<string[]> {
  const contacts = await manager.getRepository(Contact).find({
    select: { fullName: true },
    where: { partnerId },
    order: { id: 'ASC' },
  });
  return contacts.map((c) => c.fullName);
}

/** Recomputes a partner's search text after one of its contacts changed. */
export async function refreshSearchText(manager: EntityManager, partnerId: number): Promise<void> {
  const partner = await partnerIn(manager, partnerId);
  const searchText = searchTextOf(partner, await contactNames(manager, partnerId));
  if (searchText !== partner.searchText) {
    await manager.getRepository(Partner).update({ id: partnerId }, { searchText });
  }
}
