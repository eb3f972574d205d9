import type { Locale } from '../../config/app-config';
import { formatMoney } from '../../common/web/format';
import type { Speaker } from './speaker.entity';
import { iso } from '../catalogue/theme.mapper';

export interface SpeakerResponse {
  id: number;
  name: string;
  /** A partner of the network (partnerId set) or an outside organisation (name only). */
  organisation: { partnerId: number | null; name: string } | null;
  themes: { id: number; title: string }[];
  /** The themes' titles: a speaker's tags are their themes. */
  tags: string[];
  email: string | null;
  phone: string | null;
  website: string | null;
  feeCents: number;
  feeFormatted: string;
  address: string | null;
  latitude: number | null;
  longitude: number | null;
  /** The speaker's own rate, null when the network default applies. */
  travelCentsPerKm: number | null;
  /** The rate used for travel costs: the speaker's own, or the network default. */
  effectiveTravelCentsPerKm: number;
  notes: string | null;
  lastSpokeAt: string | null;
  archivedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A speaker seen from one meeting: distance to its venue and what the intervention costs. */
export interface SpeakerForMeeting extends SpeakerResponse {
  /** Great-circle km to the venue, one decimal; null when unknown (never 0 for unknown). */
  distanceKm: number | null;
  travelCents: number | null;
  travelFormatted: string | null;
  totalCostCents: number | null;
  totalCostFormatted: string | null;
}

export interface SpeakerCosts {
  distanceKm: number | null;
  travelCents: number | null;
}

export function toSpeakerResponse(
  speaker: Speaker,
  themes: { id: number; title: string }[],
  defaultCentsPerKm: number,
  locale: Locale,
): SpeakerResponse {
  const partner = speaker.organisationPartner ?? null;
  return {
    id: speaker.id,
    name: speaker.name,
    organisation: partner
      ? { partnerId: partner.id, name: partner.name }
      : speaker.organisationName
        ? { partnerId: null, name: speaker.organisationName }
        : null,
    themes,
    tags: themes.map((theme) => theme.title),
    email: speaker.email,
    phone: speaker.phone,
    website: speaker.website,
    feeCents: speaker.feeCents,
    feeFormatted: formatMoney(speaker.feeCents, locale),
    address: speaker.address,
    latitude: speaker.latitude,
    longitude: speaker.longitude,
    travelCentsPerKm: speaker.travelCentsPerKm,
    effectiveTravelCentsPerKm: speaker.travelCentsPerKm ?? defaultCentsPerKm,
    notes: speaker.notes,
    lastSpokeAt: iso(speaker.lastSpokeAt),
    archivedAt: iso(speaker.archivedAt),
    createdAt: speaker.createdAt.toISOString(),
    updatedAt: speaker.updatedAt.toISOString(),
  };
}

export function withCosts(
  response: SpeakerResponse,
  costs: SpeakerCosts,
  locale: Locale,
): SpeakerForMeeting {
  const total = costs.travelCents === null ? null : response.feeCents + costs.travelCents;
  return {
    ...response,
    distanceKm: costs.distanceKm === null ? null : Math.round(costs.distanceKm * 10) / 10,
    travelCents: costs.travelCents,
    travelFormatted: costs.travelCents === null ? null : formatMoney(costs.travelCents, locale),
    totalCostCents: total,
    totalCostFormatted: total === null ? null : formatMoney(total, locale),
  };
}
