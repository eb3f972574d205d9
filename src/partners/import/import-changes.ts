import type { Contact } from '../contacts/contact.entity';
import type { CreateContactDto } from '../contacts/create-contact.dto';
import { CONTACT_FIELDS } from '../partner-rules';
import type { ImportAction } from './partners-import.report';
import type { CreatePartnerDto } from '../create-partner.dto';
import type { Partner } from '../partner.entity';

export const actionOf = (existing: unknown, changes: string[]): ImportAction =>
  !existing ? 'create' : changes.length ? 'update' : 'unchanged';

/**
 * Whether a stored value and a file's are the same. Line ends do not count: a browser sends a
 * text area's lines as CRLF and a workbook gives them back as LF, so an export imported again
 * showed descriptions "to update".
 */
export const same = (a: unknown, b: unknown): boolean =>
  JSON.stringify(a ?? null).replace(/\\r\\n/g, '\\n') ===
  JSON.stringify(b ?? null).replace(/\\r\\n/g, '\\n');

/** Contact fields the row changes: empty text clears, an empty yes/no cell keeps the value. */
export function changesOf(existing: Contact, dto: CreateContactDto): string[] {
  const changes: string[] = CONTACT_FIELDS.filter(
    (f) => dto[f] !== undefined && !(f === 'receivesMinutes' && dto[f] === null),
  ).filter((f) => !same(existing[f], dto[f]));
  if (dto.newsletterConsent != null && dto.newsletterConsent !== existing.newsletterConsent) {
    changes.push('newsletterConsent');
  }
  return changes;
}

/**
 * A postcode a spreadsheet stored as a number comes back without its leading 0 ("1170" for the
 * stored "01170", Ain to Ariège): the stored one is kept. Belgian postcodes have four digits,
 * so a new partner's is taken as written.
 */
export function keepLeadingZero(existing: Partner, dto: CreatePartnerDto): void {
  if (typeof dto.postcode === 'string' && existing.postcode === `0${dto.postcode}`)
    dto.postcode = existing.postcode;
}
