import type { Locale } from '../../config/app-config';
import type { Contact } from '../../partners/contacts/contact.entity';
import { formatShortDate } from '../../common/web/format';
import type { FollowUpLink } from '../follow-ups/follow-up-link.entity';
import type { TimelineEntry } from '../project-views.service';
import { isTracked, PROJECT_STATUSES, TRANSITIONS } from '../project-status';
import { followUpStatusOf, toFollowUpLink } from '../projects.mapper';
import type { Messages, ProjectsPagesText, Values } from './projects-pages.text';
import type { ProjectDetail } from '../projects.service';

/** What a project page shows beside its forms: a flash, a link just issued, forms sent back. */
export interface ProjectPageState {
  flash?: string;
  issuedUrl?: string;
  followUpForm?: Values;
  followUpErrors?: Messages;
  snoozeForm?: Values;
  snoozeErrors?: Messages;
  statusForm?: Values;
  statusErrors?: Messages;
  scheduleForm?: Values;
  scheduleErrors?: Messages;
  linkErrors?: Messages;
}

/** A reminder of the project as the outbox lists it. */
interface ReminderRow {
  sentAt: Date | null;
  createdAt: Date;
  recipientName: string | null;
  recipientEmail: string;
  status: string;
}

/** Whether a form on the page was sent back with errors (the page answers 422 then). */
export function hasFormErrors(state: ProjectPageState): boolean {
  return [
    state.followUpErrors,
    state.snoozeErrors,
    state.statusErrors,
    state.scheduleErrors,
    state.linkErrors,
  ].some((e) => e && Object.keys(e).length > 0);
}

/**
 * A project's page: its card, follow-up state, reminders, participants, timeline of follow-ups and
 * events, and the forms (follow-up, schedule, snooze, status, personal links).
 */
export function projectPageView(
  text: ProjectsPagesText,
  input: {
    now: Date;
    today: string;
    locale: Locale;
    timeZone: string;
    detail: Pick<ProjectDetail, 'project' | 'participants'>;
    timeline: TimelineEntry[];
    links: FollowUpLink[];
    contacts: Pick<Contact, 'id' | 'fullName' | 'email'>[];
    reminders: { total: number; items: ReminderRow[] };
    state: ProjectPageState;
  },
) {
  const { now, state, reminders } = input;
  const { project, participants } = input.detail;
  const followUp = followUpStatusOf(project, now);
  const statusLabel = (s: string | null) => (s ? text.t(`projectsPages.status.${s}`) : '');
  const allowed = TRANSITIONS[project.status];
  return {
    title: project.title,
    // "Le projet est lancé.": the status flash says the status reached, in its own words.
    flash: state.flash
      ? text.t(`projectsPages.flash.${state.flash}`, { status: project.status })
      : null,
    issuedUrl: state.issuedUrl,
    project: {
      id: project.id,
      title: project.title,
      description: project.description,
      expectedOutcomes: project.expectedOutcomes,
      status: statusLabel(project.status),
      lead: project.leadPartner?.name ?? '',
      cadenceDays: project.cadenceDays,
      startDate: project.startDate,
      endDate: project.endDate,
      originMeeting: project.originMeeting
        ? { id: project.originMeeting.id, title: project.originMeeting.title }
        : null,
    },
    followUp: {
      ...followUp,
      label: text.t(`projectsPages.state.${followUp.state}`),
      tracked: followUp.state !== 'not-tracked',
    },
    canSnooze: isTracked(project.status),
    reminders: {
      total: reminders.total,
      more: reminders.total > reminders.items.length,
      items: reminders.items.map((message) => ({
        when: message.sentAt ?? message.createdAt,
        to: message.recipientName ?? message.recipientEmail,
        status: text.t(`outbox.status.${message.status}`),
      })),
    },
    participants: participants.map((p) => ({ name: p.partner?.name ?? '', role: p.role })),
    timeline: input.timeline.map((entry) =>
      entry.type === 'follow-up'
        ? {
            followUp: true,
            at: entry.at,
            date: entry.followUp.date,
            author: entry.followUp.authorLabel,
            viaLink: entry.followUp.authorContactId !== null,
            text: entry.followUp.text,
            nextStep: entry.followUp.nextStep,
            nextStepDue: entry.followUp.nextStepDue,
          }
        : {
            followUp: false,
            at: entry.at,
            author: entry.event.actorLabel,
            viaLink: entry.event.actorContactId !== null,
            summary: text.t(`projectsPages.event.${entry.event.kind}`, {
              from: statusLabel(entry.event.fromStatus),
              to: statusLabel(entry.event.toStatus),
            }),
            snoozedUntil: entry.event.snoozedUntil,
            reason: entry.event.reason,
          },
    ),
    today: input.today,
    followUpForm: state.followUpForm ?? {},
    followUpErrors: state.followUpErrors ?? {},
    followUpErrorList: Object.values(state.followUpErrors ?? {}),
    snoozeForm: state.snoozeForm ?? {},
    snoozeErrors: state.snoozeErrors ?? {},
    snoozeErrorList: Object.values(state.snoozeErrors ?? {}),
    scheduleForm: state.scheduleForm ?? {
      startDate: project.startDate ?? '',
      endDate: project.endDate ?? '',
      cadenceDays: String(project.cadenceDays),
      nextFollowUpOn: '',
    },
    scheduleErrors: state.scheduleErrors ?? {},
    scheduleErrorList: Object.values(state.scheduleErrors ?? {}),
    nextFollowUpDefault: project.dueAt
      ? formatShortDate(project.dueAt, input.locale, input.timeZone)
      : null,
    statusForm: state.statusForm ?? {},
    statusErrors: state.statusErrors ?? {},
    statusErrorList: Object.values(state.statusErrors ?? {}),
    transitions: allowed.map((s) => ({
      value: s,
      label: statusLabel(s),
      selected: state.statusForm?.status === s,
    })),
    refused: PROJECT_STATUSES.filter((s) => s !== project.status && !allowed.includes(s))
      .map(statusLabel)
      .join(', '),
    contacts: input.contacts,
    linkErrors: state.linkErrors ?? {},
    linkErrorList: Object.values(state.linkErrors ?? {}),
    links: input.links.map((l) => {
      const view = toFollowUpLink(l, now);
      return { ...view, stateLabel: text.t(`projectsPages.link.${view.state}`) };
    }),
  };
}
