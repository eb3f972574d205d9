import type { CreateContactDto } from '../partners/contacts/create-contact.dto';
import type { CreatePartnerDto } from '../partners/create-partner.dto';

export interface DemoPartner extends CreatePartnerDto {
  contacts: CreateContactDto[];
}

/**
 * Every demo address is under example.org, reserved for documentation (RFC 2606): no real
 * mailbox ever receives anything. Phone numbers are in the 01 99 00 range that ARCEP keeps for
 * fiction.
 */
export const DEMO_MAIL_DOMAIN = 'example.org';

/** "Marie-Hélène d’Aubigny" → "marie-helene.daubigny". */
function localPart(fullName: string): string {
  return fullName
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[’']/g, '')
    .trim()
    .split(/\s+/)
    .join('.');
}

export function demoPhone(n: number): string {
  const digits = String(n).padStart(4, '0');
  return `01 99 00 ${digits.slice(0, 2)} ${digits.slice(2)}`;
}

/** A contact at `domain`.example.org, reachable and receiving the minutes unless said otherwise. */
export function person(
  fullName: string,
  jobTitle: string,
  domain: string,
  extra: Partial<CreateContactDto> = {},
): CreateContactDto {
  return {
    fullName,
    jobTitle,
    email: `${localPart(fullName)}@${domain}.${DEMO_MAIL_DOMAIN}`,
    ...extra,
  };
}

/** The organisation's website and switchboard address under its example.org domain. */
export function online(domain: string, phone: number): Partial<CreatePartnerDto> {
  return {
    website: `https://www.${domain}.${DEMO_MAIL_DOMAIN}`,
    email: `contact@${domain}.${DEMO_MAIL_DOMAIN}`,
    phone: demoPhone(phone),
  };
}
