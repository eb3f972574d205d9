import type { Meeting } from '../../meetings/meeting.entity';
import type { Partner } from '../../partners/partner.entity';
import { pageHref, pager } from '../../common/web/pager';
import { FOLLOW_UP_FILTERS, type FollowUpFilter } from '../follow-ups/follow-up-state';
import type { Project } from '../project.entity';
import { INITIAL_STATUSES } from '../project-status';
import type { CountedState } from '../projects.queries';
import { followUpStatusOf } from '../projects.mapper';
import type { Messages, ProjectsPagesText, Values } from './projects-pages.text';

export const PAGE_SIZE = 20;

/** The list of projects, by follow-up state (tabs with their counts), one page of them. */
export function projectsListView(
  text: ProjectsPagesText,
  input: {
    now: Date;
    state: FollowUpFilter | undefined;
    created: boolean;
    page: number;
    found: { items: Project[]; total: number };
    counts: Record<CountedState | 'tracked', number>;
  },
) {
  const { now, state, found, counts } = input;
  return {
    title: text.t('projectsPages.list.title'),
    created: input.created,
    tabs: [
      {
        value: '',
        label: text.t('projectsPages.state.all'),
        current: !state,
        href: '/projects',
      },
      ...FOLLOW_UP_FILTERS.map((s) => ({
        value: s,
        label: text.t(`projectsPages.state.${s}`),
        count: counts[s],
        current: state === s,
        href: `/projects?state=${s}`,
      })),
    ],
    stateLabel: state ? text.t(`projectsPages.state.${state}`) : null,
    total: found.total,
    items: found.items.map((p) => {
      const followUp = followUpStatusOf(p, now);
      return {
        id: p.id,
        title: p.title,
        status: text.t(`projectsPages.status.${p.status}`),
        state: followUp.state,
        stateLabel: text.t(`projectsPages.state.${followUp.state}`),
        lead: p.leadPartner?.name ?? '',
        lastFollowUpAt: p.lastFollowUpAt,
        dueAt: followUp.dueAt,
      };
    }),
    pager: pager(input.page, PAGE_SIZE, found.total, pageHref('/projects', { state })),
  };
}

/** The new project form: what was typed, the messages beside it, the leads and meetings offered. */
export function newProjectView(
  text: ProjectsPagesText,
  input: {
    values: Values;
    errors: Messages;
    leads: Pick<Partner, 'id' | 'name' | 'kind'>[];
    meetings: Pick<Meeting, 'id' | 'title' | 'startsAt'>[];
  },
) {
  const { values, errors } = input;
  return {
    title: text.t('projectsPages.new.title'),
    form: values,
    errors,
    errorList: Object.values(errors),
    leads: input.leads.map((p) => ({
      id: p.id,
      name: p.name,
      agency: p.kind === 'agency',
      selected: values.leadPartnerId === String(p.id),
    })),
    meetings: input.meetings.map((m) => ({
      id: m.id,
      title: m.title,
      startsAt: m.startsAt,
      selected: values.originMeetingId === String(m.id),
    })),
    statuses: INITIAL_STATUSES.map((s) => ({
      value: s,
      label: text.t(`projectsPages.status.${s}`),
      selected: (values.status ?? 'idea') === s,
    })),
  };
}
