import { Injectable } from '@nestjs/common';

/** A line of a partner's meetings: one meeting it was invited to (or attended). */
export interface PartnerMeetingLine {
  meetingId: number;
  title: string;
  startsAt: Date;
  /** The meeting's status (planned, held, closed, cancelled). */
  status: string;
  invited: boolean;
  /** Its answer to the invitation (coming, excused, not-coming), null when it did not answer. */
  answer: string | null;
  /** Its recorded attendance (present, excused, absent), null when none was recorded. */
  attendance: string | null;
}

/** Some of a partner's meetings, most recent first, with totals over all of them. */
export interface PartnerMeetingLines {
  items: PartnerMeetingLine[];
  totals: { meetings: number; present: number; excused: number; absent: number };
}

/** A line of a partner's projects: one it leads or takes part in. */
export interface PartnerProjectLine {
  id: number;
  title: string;
  /** The project's status (its page wording: `partnersPages.projectStatus.<status>`). */
  status: string;
  leadPartnerId: number;
}

/** What the meetings feature shows of a partner: its meetings, page by page. */
export interface PartnerMeetingsSection {
  pageOf(partnerId: number, page: number, pageSize: number): Promise<PartnerMeetingLines>;
}

/** What the projects feature shows of a partner: the projects it leads or joins, page by page. */
export interface PartnerProjectsSection {
  pageOf(
    partnerId: number,
    page: number,
    pageSize: number,
  ): Promise<{ items: PartnerProjectLine[]; total: number }>;
}

export interface PartnerPageSectionProviders {
  meetings: PartnerMeetingsSection;
  projects: PartnerProjectsSection;
}

const NONE: PartnerPageSectionProviders = {
  meetings: {
    pageOf: () =>
      Promise.resolve({ items: [], totals: { meetings: 0, present: 0, excused: 0, absent: 0 } }),
  },
  projects: { pageOf: () => Promise.resolve({ items: [], total: 0 }) },
};

/**
 * The sections of a partner's page that other features fill: its meetings and its projects (and
 * their "see all" pages). The partner directory cannot know those features, which depend on it:
 * each registers its section here at start-up (in its module's onModuleInit), like the history
 * checks of PartnerHistoryRegistry. A section nobody registered shows as empty.
 */
@Injectable()
export class PartnerPageSections {
  private readonly providers: Partial<PartnerPageSectionProviders> = {};

  register<K extends keyof PartnerPageSectionProviders>(
    section: K,
    provider: PartnerPageSectionProviders[K],
  ): void {
    this.providers[section] = provider;
  }

  section<K extends keyof PartnerPageSectionProviders>(section: K): PartnerPageSectionProviders[K] {
    return this.providers[section] ?? NONE[section];
  }
}
