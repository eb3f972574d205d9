import type { Theme, ThemeStatus } from './theme.entity';

export interface ProposedBy {
  kind: 'partner' | 'staff';
  partnerId: number | null;
  userId: number | null;
  name: string | null;
}

export interface ThemeResponse {
  id: number;
  title: string;
  description: string | null;
  tags: string[];
  status: ThemeStatus;
  proposedBy: ProposedBy;
  interestCount: number;
  lastPresentedAt: string | null;
  archivedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface InterestedPartner {
  partnerId: number;
  name: string;
  markedAt: string;
}

export interface ThemeInterestSummary {
  themeId: number;
  interestCount: number;
  interestedPartners: InterestedPartner[];
}

export const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

/** Plain JSON for one theme; proposedByPartner and proposedByUser must be loaded when set. */
export function toThemeResponse(theme: Theme): ThemeResponse {
  const partner = theme.proposedByPartner ?? null;
  return {
    id: theme.id,
    title: theme.title,
    description: theme.description,
    tags: theme.tags,
    status: theme.status,
    proposedBy: partner
      ? {
          kind: 'partner',
          partnerId: partner.id,
          userId: theme.proposedByUserId,
          name: partner.name,
        }
      : {
          kind: 'staff',
          partnerId: null,
          userId: theme.proposedByUserId,
          name: theme.proposedByUser?.displayName ?? null,
        },
    interestCount: theme.interestCount,
    lastPresentedAt: iso(theme.lastPresentedAt),
    archivedAt: iso(theme.archivedAt),
    createdAt: theme.createdAt.toISOString(),
    updatedAt: theme.updatedAt.toISOString(),
  };
}

/** A theme on a meeting's agenda item: presented there (presentedAt) or still to come. */
export interface ThemeAgendaEntry {
  agendaItemId: number;
  agendaItemTitle: string;
  themeId: number;
  meetingId: number;
  meetingTitle: string;
  meetingStatus: string;
  startsAt: string;
  presentedAt: string | null;
  /** Who presents it: a speaker, and/or a partner's contact. */
  speaker: { id: number; name: string } | null;
  presenterContact: { id: number; name: string } | null;
  speakerFeeCents: number | null;
  speakerFeeFormatted: string | null;
  speakerTravelCents: number | null;
  speakerTravelFormatted: string | null;
}

export interface ThemeDetail extends ThemeResponse {
  interestedPartners: InterestedPartner[];
  /** Every meeting where it was presented, and by whom, newest first. */
  presentations: ThemeAgendaEntry[];
  /** Agenda items where it is scheduled and not yet presented. */
  scheduledOn: ThemeAgendaEntry[];
}
