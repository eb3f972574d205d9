import { Injectable } from '@nestjs/common';
import type { User } from '../../auth/users/user.entity';
import { RuleViolationError } from '../../common/domain-errors';
import { AppConfig } from '../../config/app-config';
import { AgendaService } from '../../meetings/agenda/agenda.service';
import type { Meeting } from '../../meetings/meeting.entity';
import { AgendaQueries } from '../../meetings/agenda/agenda-read.queries';
import { MeetingsService } from '../../meetings/meetings.service';
import { ListThemesQueryDto } from '../../themes/catalogue/theme.dto';
import { ThemesService } from '../../themes/catalogue/themes.service';
import { ViewService } from '../../common/web/view.service';
import { ProjectsQueries } from '../projects.queries';
import { toProjectSummary } from '../projects.mapper';

const MAX_SUGGESTIONS = 100;

/**
 * Preparing a meeting: the projects whose follow-up will be due by its start (due_at <= starts_at,
 * not snoozed past it), and a one-step "project review" agenda item for them, written through
 * the meetings feature's AgendaService (same rules and audit as POST /api/meetings/:id/agenda).
 */
@Injectable()
export class AgendaSuggestionsService {
  constructor(
    private readonly projectsQueries: ProjectsQueries,
    private readonly agendaItems: AgendaQueries,
    private readonly meetings: MeetingsService,
    private readonly agenda: AgendaService,
    private readonly themes: ThemesService,
    private readonly views: ViewService,
    private readonly config: AppConfig,
  ) {}

  async suggestions(meetingId: number) {
    const meeting = await this.meetings.findMeeting(meetingId);
    const [due, reviewItem, themes] = await Promise.all([
      this.dueBy(meeting),
      this.agendaItems.projectReviewAgendaItem(meetingId),
      this.themes.list(
        Object.assign(new ListThemesQueryDto(), { view: 'most-requested', pageSize: 5 }),
      ),
    ]);
    return {
      meeting: { id: meeting.id, title: meeting.title, startsAt: meeting.startsAt },
      projects: due.items.map((p) => toProjectSummary(p, meeting.startsAt)),
      totalProjects: due.total,
      /** The most requested themes not yet scheduled (themes feature), most interest first. */
      themes: themes.items.map((theme) => ({
        id: theme.id,
        title: theme.title,
        interestCount: theme.interestCount,
      })),
      projectReviewItem: reviewItem ? { id: reviewItem.id, title: reviewItem.title } : null,
      apply: { method: 'POST', url: `/api/meetings/${meeting.id}/agenda-suggestions/apply` },
    };
  }

  /** Adds (or refreshes) the meeting's "project review" agenda item for the projects due by then. */
  async apply(meetingId: number, user: User) {
    const meeting = await this.meetings.findMeeting(meetingId);
    if (meeting.status === 'cancelled') {
      throw new RuleViolationError('errors.meeting.cancelled', 'meetingId');
    }
    const due = await this.dueBy(meeting);
    if (due.total === 0) {
      throw new RuleViolationError('errors.project.noneDue', 'meetingId');
    }
    const title = this.views.translator
      .translate(this.config.locale, 'projects.agendaItem.title', { count: due.total })
      .slice(0, 200);
    const existing = await this.agendaItems.projectReviewAgendaItem(meetingId);
    const plannedMinutes = Math.min(60, 5 + 5 * due.total);
    const item = existing
      ? await this.agenda.update(existing.id, { title, plannedMinutes }, user)
      : await this.agenda.create(
          meetingId,
          { title, kind: 'project-review', plannedMinutes },
          user,
        );
    return {
      agendaItem: item,
      projects: due.items.map((p) => toProjectSummary(p, meeting.startsAt)),
    };
  }

  private dueBy(meeting: Meeting) {
    return this.projectsQueries.dueBy(meeting.startsAt, MAX_SUGGESTIONS);
  }
}
