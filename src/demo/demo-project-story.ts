import { Injectable } from '@nestjs/common';
import { NewsService } from '../documents/news/news.service';
import { newsletterGroup } from '../documents/newsletters/newsletter-sending';
import { NewslettersService } from '../documents/newsletters/newsletters.service';
import type { CreateFollowUpDto } from '../projects/follow-ups/create-follow-up.dto';
import { FollowUpsService } from '../projects/follow-ups/follow-ups.service';
import {
  remindersGroup,
  ProjectRemindersService,
} from '../projects/reminders/project-reminders.service';
import { ProjectsService } from '../projects/projects.service';
import type { DemoScene } from './demo-meeting-story';
import { DEMO_PROJECTS, type DemoFollowUp, type DemoProject } from './demo-projects';
import { DEMO_NEWS } from './demo-topics';

const DAY = 86_400_000;

/**
 * Projects born at the demo meetings and their follow-ups (some written by the lead partner
 * through a personal link), a snooze, the news, a published newsletter and a draft, and a
 * reminder pass: what the network did since the meetings.
 */
@Injectable()
export class DemoProjectStory {
  constructor(
    private readonly projects: ProjectsService,
    private readonly followUps: FollowUpsService,
    private readonly reminders: ProjectRemindersService,
    private readonly news: NewsService,
    private readonly newsletters: NewslettersService,
  ) {}

  /** Plans the steps; the ids of the projects it creates are pushed into `projectIds`. */
  plan(scene: DemoScene, projectIds: number[]): void {
    for (const project of DEMO_PROJECTS) this.planProject(scene, project, projectIds);
    this.planNews(scene);
    const { calendar, timeline, records } = scene;
    timeline.add(calendar.minutesAgo(30), async () => {
      await this.reminders.runOnce();
      records.mailGroups.push(...projectIds.map(remindersGroup));
    });
  }

  private planProject(scene: DemoScene, plan: DemoProject, projectIds: number[]): void {
    const { calendar, timeline, network, author, records } = scene;
    const meeting = records.meetings.get(plan.meeting)!;
    const born = new Date(meeting.endsAt.getTime() + DAY);
    let projectId = 0;
    timeline.add(born, async () => {
      const project = await this.projects.create(
        {
          title: plan.title,
          description: plan.description,
          expectedOutcomes: plan.expectedOutcomes,
          leadPartnerId: network.partner(plan.lead).id,
          originMeetingId: meeting.id,
          originAgendaItemId: plan.agendaItem ? meeting.agenda.get(plan.agendaItem) : undefined,
          originThemeId: plan.theme ? records.themes.get(plan.theme) : undefined,
          participants: plan.participants.map(([ref, role]) => ({
            partnerId: network.partner(ref).id,
            role,
          })),
          status: plan.status,
          cadenceDays: plan.cadenceDays,
        },
        { user: author },
      );
      projectId = project.id;
      projectIds.push(project.id);
    });
    for (const followUp of plan.followUps) {
      timeline.add(calendar.at(followUp.day, '11:00'), () =>
        this.followUp(scene, plan, projectId, followUp),
      );
    }
    const snooze = plan.snooze;
    if (snooze) {
      timeline.add(calendar.at(snooze.day, '09:00'), async () => {
        await this.projects.snooze(
          projectId,
          { until: calendar.day(snooze.untilDay), reason: snooze.reason },
          { user: author },
        );
      });
    }
  }

  /** By staff, or by the lead partner's contact through the personal link staff gave them. */
  private async followUp(
    { calendar, network, author }: DemoScene,
    plan: DemoProject,
    projectId: number,
    followUp: DemoFollowUp,
  ): Promise<void> {
    const dto: CreateFollowUpDto = {
      text: followUp.text,
      status: followUp.status,
      nextStep: followUp.nextStep,
      nextStepDue:
        followUp.nextStepIn === undefined
          ? undefined
          : calendar.day(followUp.day + followUp.nextStepIn),
    };
    const contact = network.contact(plan.lead);
    if (followUp.viaLink && contact) {
      const { token } = await this.followUps.issueLink(
        projectId,
        { contactId: contact.id },
        author,
      );
      await this.followUps.addThroughLink(token, dto);
    } else {
      await this.followUps.add(projectId, dto, { user: author });
    }
  }

  /** News as they come, the last issue published three days ago, the next one in draft. */
  private planNews({ calendar, timeline, author, records }: DemoScene): void {
    for (const item of DEMO_NEWS) {
      timeline.add(calendar.at(Math.min(item.day, -1), '09:00'), async () => {
        await this.news.create(
          {
            title: item.title,
            body: item.body,
            kind: item.kind,
            date: calendar.day(item.day),
            link: item.link ?? null,
          },
          author,
        );
      });
    }
    let issueId = 0;
    timeline.add(calendar.at(-3, '09:00'), async () => {
      const draft = await this.newsletters.create(
        {
          from: calendar.day(-33),
          to: calendar.day(-4),
          editorial:
            'Un mois chargé pour le réseau : forum, clauses sociales, mobilité. Bonne lecture !',
        },
        author,
      );
      issueId = draft.newsletter.id;
    });
    timeline.add(calendar.at(-3, '10:00'), async () => {
      await this.newsletters.publish(issueId, author);
      records.mailGroups.push(newsletterGroup(issueId));
    });
    timeline.add(calendar.at(-1, '16:00'), async () => {
      await this.newsletters.create({ from: calendar.day(-3), to: calendar.day(26) }, author);
    });
  }
}
