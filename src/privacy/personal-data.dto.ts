import { ApiProperty } from '@nestjs/swagger';
import { AuditEntryResponse, toAuditEntryResponse } from '../audit/audit.controller';
import { ContactResponse, toContactResponse } from '../partners/partner.mapper';
import { ConsentEventResponse } from '../partners/contacts/contacts.controller';
import type { PersonalData } from './personal-data.service';

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

export class PersonalContactResponse extends ContactResponse {
  @ApiProperty() partnerName: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) erasedAt: string | null;
}

export class PersonalMeetingResponse {
  @ApiProperty() meetingId: number;
  @ApiProperty() title: string;
  @ApiProperty({ format: 'date-time' }) startsAt: string;
  @ApiProperty({ type: String, nullable: true, description: "The organisation's answer" })
  partnerAnswer: string | null;
  @ApiProperty({ type: String, nullable: true, description: "The organisation's attendance" })
  partnerAttendance: string | null;
  @ApiProperty({ description: 'Named as coming in the answer' }) announced: boolean;
  @ApiProperty({ description: 'Recorded present' }) present: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'Stood in for, or replaced by' })
  replaces: string | null;
}

export class PersonalAgendaItemResponse {
  @ApiProperty() meetingId: number;
  @ApiProperty() meetingTitle: string;
  @ApiProperty({ format: 'date-time' }) startsAt: string;
  @ApiProperty() title: string;
}

export class PersonalFollowUpResponse {
  @ApiProperty() projectId: number;
  @ApiProperty() projectTitle: string;
  @ApiProperty({ format: 'date' }) date: string;
  @ApiProperty() text: string;
}

export class PersonalLinkResponse {
  @ApiProperty({ type: Number, nullable: true, description: 'The project (follow-up links)' })
  projectId: number | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) usedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) revokedAt: string | null;
}

export class PersonalMailResponse {
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) sentAt: string | null;
  @ApiProperty() subject: string;
  @ApiProperty() purpose: string;
  @ApiProperty() status: string;
}

export class PersonalReviewResponse {
  @ApiProperty() meetingId: number;
  @ApiProperty({ type: String, nullable: true }) meetingTitle: string | null;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ enum: ['opened', 'comment', 'suggestion'] }) action: string;
  @ApiProperty({ type: String, nullable: true }) text: string | null;
  @ApiProperty({ type: String, nullable: true, enum: ['pending', 'accepted', 'rejected'] })
  status: string | null;
  @ApiProperty({ type: String, nullable: true }) reason: string | null;
}

/** Everything held about a contact (RGPD article 15); never a token or its hash. */
export class PersonalDataResponse {
  @ApiProperty({ format: 'date-time' }) generatedAt: string;
  @ApiProperty({ type: PersonalContactResponse }) contact: PersonalContactResponse;
  @ApiProperty({ type: [ConsentEventResponse] }) consents: ConsentEventResponse[];
  @ApiProperty({ type: [PersonalMeetingResponse] }) meetings: PersonalMeetingResponse[];
  @ApiProperty({ type: [PersonalAgendaItemResponse] }) agendaItems: PersonalAgendaItemResponse[];
  @ApiProperty({ type: [PersonalFollowUpResponse] }) followUps: PersonalFollowUpResponse[];
  @ApiProperty({ type: [PersonalLinkResponse] }) followUpLinks: PersonalLinkResponse[];
  @ApiProperty({
    type: [PersonalReviewResponse],
    description: 'Minutes reviews: drafts opened, proposals',
  })
  reviews: PersonalReviewResponse[];
  @ApiProperty({ type: [PersonalMailResponse] }) mails: PersonalMailResponse[];
  @ApiProperty({ type: [PersonalLinkResponse] }) portalLinks: PersonalLinkResponse[];
  @ApiProperty({ type: [AuditEntryResponse] }) audit: AuditEntryResponse[];
}

export function toPersonalDataResponse(data: PersonalData): PersonalDataResponse {
  return {
    generatedAt: data.generatedAt.toISOString(),
    contact: {
      ...toContactResponse(data.contact),
      partnerName: data.partnerName,
      erasedAt: iso(data.contact.erasedAt),
    },
    consents: data.consents.map(({ topic, granted, at, source, recordedBy }) => ({
      topic,
      granted,
      at: at.toISOString(),
      source,
      recordedBy,
    })),
    meetings: data.meetings.map((m) => ({ ...m, startsAt: m.startsAt.toISOString() })),
    agendaItems: data.agendaItems.map((a) => ({ ...a, startsAt: a.startsAt.toISOString() })),
    followUps: data.followUps,
    followUpLinks: data.followUpLinks.map((l) => ({
      projectId: l.projectId,
      createdAt: l.createdAt.toISOString(),
      expiresAt: l.expiresAt.toISOString(),
      usedAt: iso(l.lastUsedAt),
      revokedAt: iso(l.revokedAt),
    })),
    reviews: data.reviews.map((r) => ({ ...r, at: r.at.toISOString() })),
    mails: data.mails.map((m) => ({
      ...m,
      createdAt: m.createdAt.toISOString(),
      sentAt: iso(m.sentAt),
    })),
    portalLinks: data.portalLinks.map((l) => ({
      projectId: null,
      createdAt: l.createdAt.toISOString(),
      expiresAt: l.expiresAt.toISOString(),
      usedAt: iso(l.usedAt),
      revokedAt: iso(l.revokedAt),
    })),
    audit: data.audit.map(toAuditEntryResponse),
  };
}
