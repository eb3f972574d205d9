import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { NotFoundError } from '../common/domain-errors';
import type { MinutesVersion } from '../documents/minutes/minutes-version.entity';
import { MinutesService, MinutesVersionSummary } from '../documents/minutes/minutes.service';
import type { NewsletterSummary } from '../documents/newsletters/newsletter-composer';
import { NewslettersService } from '../documents/newsletters/newsletters.service';
import type { Invitation } from '../meetings/invitations/invitation.entity';
import type { AnswerInvitationDto } from '../meetings/invitations/answer-invitation.dto';
import { AnswerPageState, InvitationsService } from '../meetings/invitations/invitations.service';
import { MeetingsQueries } from '../meetings/meetings.queries';
import type { Contact } from '../partners/contacts/contact.entity';
import type { CreateFollowUpDto } from '../projects/follow-ups/create-follow-up.dto';
import type { FollowUp } from '../projects/follow-ups/follow-up.entity';
import { FollowUpsService } from '../projects/follow-ups/follow-ups.service';
import { ListProjectsQueryDto } from '../projects/list-projects-query.dto';
import type { Project } from '../projects/project.entity';
import { ProjectsQueries } from '../projects/projects.queries';
import { ProjectsService } from '../projects/projects.service';

const MAX_PROJECTS = 200;

/** What a partner may find with the portal's search, and where each thing is read. */
export interface PortalReadable {
  /** The projects it leads or joins. */
  projectIds: number[];
  /** Its upcoming invitations (the portal's home), invitation id by meeting id. */
  invitationByMeeting: Map<number, number>;
}

export interface PortalProjectDetail {
  project: Project;
  participants: string[];
  followUps: FollowUp[];
}

/**
 * What a signed-in contact may read and do, always scoped to its own partner: its upcoming
 * invitations, the published documents, the projects it leads or joins. Every other record is
 * "not found". The rules themselves stay in the feature services.
 */
@Injectable()
export class PortalService {
  constructor(
    private readonly meetings: MeetingsQueries,
    private readonly invitationsService: InvitationsService,
    private readonly projects: ProjectsService,
    private readonly projectsQueries: ProjectsQueries,
    private readonly followUps: FollowUpsService,
    private readonly minutes: MinutesService,
    private readonly newsletters: NewslettersService,
    private readonly clock: Clock,
  ) {}

  /** The partner's invitations to meetings not over yet, soonest first (one query). */
  upcomingInvitations(partnerId: number): Promise<Invitation[]> {
    return this.meetings.upcomingInvitationsOfPartner(partnerId, this.clock.now(), 100);
  }

  answer(
    invitationId: number,
    contact: Contact,
    dto: AnswerInvitationDto,
  ): Promise<AnswerPageState> {
    return this.invitationsService.answerAsPartner(invitationId, contact.partnerId, dto);
  }

  publishedMinutes(): Promise<MinutesVersionSummary[]> {
    return this.minutes.published();
  }

  publishedNewsletters(): Promise<NewsletterSummary[]> {
    return this.newsletters.published();
  }

  /** A published version of the minutes: partners read the network's and the public ones. */
  minutesVersion(meetingId: number, version: number): Promise<MinutesVersion> {
    return this.minutes.version(meetingId, version);
  }

  /** A published issue's web page and text, by its number. */
  async newsletterIssue(number: number): Promise<{ html: string; text: string }> {
    const issue = await this.newsletters.publishedIssue(number);
    return { html: issue.webHtml ?? '', text: issue.text ?? '' };
  }

  /** Projects the partner leads or takes part in. */
  async projectsOf(partnerId: number): Promise<Project[]> {
    const query = Object.assign(new ListProjectsQueryDto(), { partnerId, pageSize: MAX_PROJECTS });
    const { items } = await this.projects.list(query);
    return items;
  }

  /** The projects and meetings of the partner that the portal shows (its search's scope). */
  async readable(partnerId: number): Promise<PortalReadable> {
    const [projectIds, invitations] = await Promise.all([
      this.projectsQueries.projectIdsOfPartner(partnerId),
      this.upcomingInvitations(partnerId),
    ]);
    return {
      projectIds,
      invitationByMeeting: new Map(invitations.map((i) => [i.meetingId, i.id])),
    };
  }

  /** The portal's addresses of published documents: minutes' latest version, issues' number. */
  async documentNumbers(
    minutesMeetingIds: number[],
    newsletterIds: number[],
  ): Promise<{ minutes: Map<number, number>; newsletters: Map<number, number> }> {
    const [minutes, newsletters] = await Promise.all([
      this.minutes.latestVersionNumbers(minutesMeetingIds),
      this.newsletters.publishedNumbers(newsletterIds),
    ]);
    return { minutes, newsletters };
  }

  /** One project of the partner with its follow-ups; NotFound for any other project. */
  async project(projectId: number, partnerId: number): Promise<PortalProjectDetail> {
    const detail = await this.projects.get(projectId).catch((error: unknown) => {
      if (error instanceof NotFoundError) throw new NotFoundError('project', projectId);
      throw error;
    });
    const takesPart =
      detail.project.leadPartnerId === partnerId ||
      detail.participants.some((p) => p.partnerId === partnerId);
    if (!takesPart) throw new NotFoundError('project', projectId);
    const followUps = await this.followUps.list(projectId);
    return {
      project: detail.project,
      participants: detail.participants.map((p) => p.partner?.name ?? ''),
      followUps,
    };
  }

  addFollowUp(projectId: number, contact: Contact, dto: CreateFollowUpDto): Promise<FollowUp> {
    return this.followUps.addAsPartnerContact(projectId, dto, contact);
  }
}
