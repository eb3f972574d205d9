import { pageHref, pager } from '../../common/web/pager';
import type { Partner } from '../partner.entity';
import type {
  PartnerMeetingLine,
  PartnerMeetingLines,
  PartnerProjectLine,
} from '../partner-page-sections';

/** The wording the partner directory's view models need (PartnerPageViews gives it). */
export interface PartnerPageText {
  t(key: string, params?: Record<string, string | number>): string;
  /** The message, or undefined when the catalogue has no such key. */
  text(key: string): string | undefined;
  kindLabel(kind: string): string;
}

/** What a refused form or a notice adds to the partner page. */
export interface PartnerPageExtra {
  saved?: string | null;
  problem?: string;
  contactForm?: Record<string, unknown>;
}

/** Fields whose presence shows the partner page's "details" section. */
const DETAILS = ['services', 'description', 'address', 'website', 'email', 'phone'] as const;

/** The partner page (pages/partners/show): the partner, its contacts, meetings and projects. */
export function partnerPageModel(
  text: PartnerPageText,
  partner: Partner,
  meetings: PartnerMeetingLines,
  projects: { items: PartnerProjectLine[]; total: number },
  extra: PartnerPageExtra,
): Record<string, unknown> {
  const savedKey =
    extra.saved && text.text(`partnersPages.saved.${extra.saved}`) !== undefined
      ? `partnersPages.saved.${extra.saved}`
      : null;
  return {
    title: partner.name,
    partner: {
      ...partner,
      kindLabel: text.kindLabel(partner.kind),
      archived: !partner.active,
      hasCoordinates: partner.latitude !== null && partner.longitude !== null,
      // The postcode once: imported addresses often hold it already ("…, 94400 Vitry").
      addressLine: [
        partner.address,
        partner.postcode && !partner.address?.includes(partner.postcode) ? partner.postcode : null,
      ]
        .filter(Boolean)
        .join(' '),
    },
    hasDetails: DETAILS.some((field) => partner[field]),
    savedMessage: savedKey ? text.t(savedKey) : null,
    problem: extra.problem ?? null,
    contacts: (partner.contacts ?? []).map((c) => ({
      id: c.id,
      fullName: c.fullName,
      jobTitle: c.jobTitle,
      email: c.email,
      phone: c.phone,
      receivesMinutes: c.receivesMinutes,
      newsletterConsent: c.newsletterConsent,
    })),
    contactForm: extra.contactForm ?? { values: { receivesMinutes: true }, errors: {} },
    meetings: meetings.items.map((m) => meetingRow(text, m)),
    meetingTotals: meetings.totals,
    allMeetings: meetings.totals.meetings > meetings.items.length,
    projects: projects.items.map((p) => projectRow(text, p, partner.id)),
    allProjects: projects.total > projects.items.length,
    projectTotal: projects.total,
  };
}

/** All the partner's meetings, one page of them (pages/partners/meetings). */
export function partnerMeetingsPageModel(
  text: PartnerPageText,
  partner: Pick<Partner, 'id' | 'name'>,
  meetings: PartnerMeetingLines,
  page: number,
  pageSize: number,
): Record<string, unknown> {
  return {
    title: text.t('partnersPages.meetings.title', { name: partner.name }),
    partner: { id: partner.id, name: partner.name },
    meetings: meetings.items.map((m) => meetingRow(text, m)),
    meetingTotals: meetings.totals,
    pager: pager(
      page,
      pageSize,
      meetings.totals.meetings,
      pageHref(`/partners/${partner.id}/meetings`),
    ),
  };
}

/** All the projects the partner leads or joins, one page of them (pages/partners/projects). */
export function partnerProjectsPageModel(
  text: PartnerPageText,
  partner: Pick<Partner, 'id' | 'name'>,
  projects: { items: PartnerProjectLine[]; total: number },
  page: number,
  pageSize: number,
): Record<string, unknown> {
  return {
    title: text.t('partnersPages.projects.title', { name: partner.name }),
    partner: { id: partner.id, name: partner.name },
    projects: projects.items.map((p) => projectRow(text, p, partner.id)),
    total: projects.total,
    pager: pager(page, pageSize, projects.total, pageHref(`/partners/${partner.id}/projects`)),
  };
}

/** A line of the partner's meetings (its page and its "see all" page). */
export function meetingRow(text: PartnerPageText, m: PartnerMeetingLine) {
  return {
    ...m,
    statusLabel: text.t(`meetings.status.${m.status}`),
    attendanceLabel: m.attendance
      ? text.t(`meetings.attendance.${m.attendance}`)
      : m.status === 'held' || m.status === 'closed'
        ? text.t('partnersPages.meetings.unrecorded')
        : text.t('partnersPages.meetings.notYet'),
    attendanceClass: m.attendance ?? 'none',
    answerLabel: m.answer ? text.t(`meetings.answer.${m.answer}`) : '',
    uninvited: !m.invited,
  };
}

/** A line of the partner's projects: led or joined, and its status. */
export function projectRow(text: PartnerPageText, p: PartnerProjectLine, partnerId: number) {
  return {
    id: p.id,
    title: p.title,
    statusLabel: text.t(`partnersPages.projectStatus.${p.status}`),
    role: text.t(
      p.leadPartnerId === partnerId
        ? 'partnersPages.projects.lead'
        : 'partnersPages.projects.member',
    ),
    leads: p.leadPartnerId === partnerId,
  };
}
