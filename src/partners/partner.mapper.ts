import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PARTNER_KINDS, type PartnerKind } from './partner-kind';
import type { Contact } from './contacts/contact.entity';
import type { Partner } from './partner.entity';

export class ContactResponse {
  @ApiProperty() id: number;
  @ApiProperty() partnerId: number;
  @ApiProperty() fullName: string;
  @ApiProperty({ type: String, nullable: true }) jobTitle: string | null;
  @ApiProperty({ type: String, nullable: true }) email: string | null;
  @ApiProperty({ type: String, nullable: true }) phone: string | null;
  @ApiProperty() newsletterConsent: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  newsletterConsentAt: string | null;
  @ApiProperty({ type: String, nullable: true }) newsletterConsentSource: string | null;
  @ApiProperty() receivesMinutes: boolean;
  @ApiProperty({ type: String, nullable: true }) notes: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class PartnerResponse {
  @ApiProperty() id: number;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) shortName: string | null;
  @ApiProperty({ enum: PARTNER_KINDS }) kind: PartnerKind;
  @ApiProperty({ type: String, nullable: true }) description: string | null;
  @ApiProperty({ type: String, nullable: true }) services: string | null;
  @ApiProperty({ type: String, nullable: true }) territory: string | null;
  @ApiProperty({ type: String, nullable: true }) address: string | null;
  @ApiProperty({ type: String, nullable: true }) postcode: string | null;
  @ApiProperty({ type: Number, nullable: true }) latitude: number | null;
  @ApiProperty({ type: Number, nullable: true }) longitude: number | null;
  @ApiProperty({ type: String, nullable: true }) website: string | null;
  @ApiProperty({ type: String, nullable: true }) email: string | null;
  @ApiProperty({ type: String, nullable: true }) phone: string | null;
  @ApiProperty() active: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) archivedAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiPropertyOptional({ description: 'In lists: how many contacts the partner has' })
  contactCount?: number;
  @ApiPropertyOptional({ type: [ContactResponse], description: 'In GET /api/partners/:id' })
  contacts?: ContactResponse[];
}

export class PartnerPageResponse {
  @ApiProperty({ type: [PartnerResponse] }) items: PartnerResponse[];
  @ApiProperty({
    description:
      'Matching partners, counted up to a bound (at least (page - 1) x pageSize + 5 x pageSize, ' +
      'more in large directories): exact when totalExact is true, otherwise there are more than this',
  })
  total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty({
    description: 'false when the count stopped at its bound: there are more than `total` matches',
  })
  totalExact: boolean;
}

export class ContactPageResponse {
  @ApiProperty({ type: [ContactResponse] }) items: ContactResponse[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

export function toContactResponse(contact: Contact): ContactResponse {
  return {
    id: contact.id,
    partnerId: contact.partnerId,
    fullName: contact.fullName,
    jobTitle: contact.jobTitle,
    email: contact.email,
    phone: contact.phone,
    newsletterConsent: contact.newsletterConsent,
    newsletterConsentAt: iso(contact.newsletterConsentAt),
    newsletterConsentSource: contact.newsletterConsentSource,
    receivesMinutes: contact.receivesMinutes,
    notes: contact.notes,
    createdAt: contact.createdAt.toISOString(),
    updatedAt: contact.updatedAt.toISOString(),
  };
}

/** A partner; its contacts when they were loaded, its contact count when given. */
export function toPartnerResponse(
  partner: Omit<Partner, 'searchText'>,
  contactCount?: number,
): PartnerResponse {
  return {
    id: partner.id,
    name: partner.name,
    shortName: partner.shortName,
    kind: partner.kind,
    description: partner.description,
    services: partner.services,
    territory: partner.territory,
    address: partner.address,
    postcode: partner.postcode,
    latitude: partner.latitude,
    longitude: partner.longitude,
    website: partner.website,
    email: partner.email,
    phone: partner.phone,
    active: partner.active,
    archivedAt: iso(partner.archivedAt),
    createdAt: partner.createdAt.toISOString(),
    updatedAt: partner.updatedAt.toISOString(),
    ...(contactCount === undefined ? {} : { contactCount }),
    ...(partner.contacts ? { contacts: partner.contacts.map(toContactResponse) } : {}),
  };
}
