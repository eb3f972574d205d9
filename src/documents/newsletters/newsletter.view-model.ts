import type { NewsletterSectionChoice } from './newsletter.entity';

/** Sections the newsletter can hold, in their default order. */
export const NEWSLETTER_SECTIONS = [
  'regulation',
  'local-news',
  'events',
  'upcoming-meetings',
  'minutes',
  'projects-launched',
  'follow-ups',
  'projects-attention',
  'new-partners',
] as const;
export type NewsletterSectionKey = (typeof NEWSLETTER_SECTIONS)[number];

export interface NewsItemView {
  id: number;
  title: string;
  body: string;
  date: string;
  link: string | null;
}

export interface UpcomingMeetingView {
  id: number;
  title: string;
  startsAt: string;
  venueName: string | null;
  venueAddress: string | null;
}

export interface PublishedMinutesView {
  meetingId: number;
  version: number;
  title: string;
  publishedAt: string;
  url: string;
}

export interface NewPartnerView {
  id: number;
  name: string;
  territory: string | null;
  website: string | null;
}

export interface ProjectItemView {
  id: number;
  title: string;
  leadPartner: string | null;
  /** projects-launched: the day it was launched; projects-attention: the last follow-up, if any. */
  date: string | null;
  /** projects-attention: overdue or stale. */
  state: string | null;
}

export interface FollowUpItemView {
  project: string;
  leadPartner: string | null;
  date: string;
  text: string;
  statusTo: string | null;
}

export type SectionItems = {
  'projects-launched': ProjectItemView[];
  'follow-ups': FollowUpItemView[];
  'projects-attention': ProjectItemView[];
  regulation: NewsItemView[];
  'local-news': NewsItemView[];
  events: NewsItemView[];
  'upcoming-meetings': UpcomingMeetingView[];
  minutes: PublishedMinutesView[];
  'new-partners': NewPartnerView[];
};

export interface NewsletterSectionView {
  key: NewsletterSectionKey;
  title: string;
  included: boolean;
  /** Shown in the document: included and not empty. */
  shown: boolean;
  items: SectionItems[NewsletterSectionKey];
  /** One flag per kind of section, for the templates. */
  isNews: boolean;
  isMeetings: boolean;
  isMinutes: boolean;
  isPartners: boolean;
  isProjects: boolean;
  isFollowUps: boolean;
}

export interface NewsletterViewModel {
  id: number;
  status: 'draft' | 'published';
  number: number | null;
  title: string;
  period: { from: string; to: string };
  editorial: string | null;
  sections: NewsletterSectionView[];
  publishedAt: string | null;
  /** The web archive page of this issue (published only). */
  url: string | null;
  archiveUrl: string | null;
}

/**
 * The order and inclusion of sections: the stored choices first (unknown keys dropped), then any
 * section they do not mention, included, in its default place.
 */
export function normalizeSections(
  stored: NewsletterSectionChoice[] | null | undefined,
): NewsletterSectionChoice[] {
  const known = new Set<string>(NEWSLETTER_SECTIONS);
  const seen = new Set<string>();
  const result: NewsletterSectionChoice[] = [];
  for (const choice of stored ?? []) {
    if (!known.has(choice.key) || seen.has(choice.key)) continue;
    seen.add(choice.key);
    result.push({ key: choice.key, included: choice.included });
  }
  for (const key of NEWSLETTER_SECTIONS) if (!seen.has(key)) result.push({ key, included: true });
  return result;
}

/** Puts the sections with their items, in the chosen order. */
export function buildSections(
  choices: NewsletterSectionChoice[],
  items: SectionItems,
  titleOf: (key: NewsletterSectionKey) => string,
): NewsletterSectionView[] {
  return normalizeSections(choices).map(({ key, included }) => {
    const sectionKey = key as NewsletterSectionKey;
    const list = items[sectionKey];
    return {
      key: sectionKey,
      title: titleOf(sectionKey),
      included,
      shown: included && list.length > 0,
      items: list,
      isNews: sectionKey === 'regulation' || sectionKey === 'local-news' || sectionKey === 'events',
      isMeetings: sectionKey === 'upcoming-meetings',
      isMinutes: sectionKey === 'minutes',
      isPartners: sectionKey === 'new-partners',
      isProjects: sectionKey === 'projects-launched' || sectionKey === 'projects-attention',
      isFollowUps: sectionKey === 'follow-ups',
    };
  });
}
