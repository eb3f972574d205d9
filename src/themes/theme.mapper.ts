import type { Theme, ThemeStatus } from './theme';

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

/** Who presented a theme at which meeting (filled once meetings exist). */
export interface ThemePresentation {
  meetingId: number;
  meetingTitle: string;
  startsAt: string;
  agendaItemId: number;
  agendaItemTitle: string;
  presentedAt: string | null;
  speaker: { id: number; name: string } | null;
}

export interface ThemeDetail extends ThemeResponse {
  interestedPartners: InterestedPartner[];
  presentations: ThemePresentation[];
}
