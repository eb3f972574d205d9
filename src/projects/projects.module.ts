import { FollowUpPersonalData } from './follow-ups/follow-up-personal-data';
import { Module, OnModuleInit } from '@nestjs/common';
import { ProjectsQueries } from './projects.queries';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module';
import { MeetingsModule } from '../meetings/meetings.module';
import { ThemesModule } from '../themes/themes.module';
import { ContactActivityRegistry } from '../partners/contacts/retention/contact-activity.registry';
import { PartnerHistoryRegistry } from '../partners/partner-history.registry';
import { PartnerPageSections } from '../partners/partner-page-sections';
import { PartnersModule } from '../partners/partners.module';
import { AgendaSuggestionsController } from './agenda-suggestions/agenda-suggestions.controller';
import { AgendaSuggestionsService } from './agenda-suggestions/agenda-suggestions.service';
import { DashboardController } from './dashboard/dashboard.controller';
import { DashboardService } from './dashboard/dashboard.service';
import { DashboardQueries } from './dashboard/dashboard.queries';
import { DashboardSnapshots } from './dashboard/dashboard-snapshots';
import { FollowUp } from './follow-ups/follow-up.entity';
import { FollowUpLink } from './follow-ups/follow-up-link.entity';
import { FollowUpLinksController } from './follow-ups/follow-up-links.controller';
import { FollowUpLinksPagesController } from './follow-ups/pages/follow-up-links.pages.controller';
import { FollowUpsService } from './follow-ups/follow-ups.service';
import { PartnerProjectCounts } from './dashboard/partner-project-counts.entity';
import { Project } from './project.entity';
import { ProjectEvent } from './project-event.entity';
import { ProjectParticipant } from './project-participant.entity';
import { ProjectRemindersService } from './reminders/project-reminders.service';
import { ProjectsController } from './projects.controller';
import { ProjectsPagesController } from './pages/projects.pages.controller';
import { ProjectPagesController } from './pages/project.pages.controller';
import { ProjectsPagesText } from './pages/projects-pages.text';
import { ProjectParticipants } from './project-participants';
import { ProjectReferences } from './project-references';
import { ProjectViewsService } from './project-views.service';
import { ProjectsService } from './projects.service';

@Module({
  imports: [
    AuthModule,
    PartnersModule,
    MeetingsModule,
    ThemesModule,
    TypeOrmModule.forFeature([
      Project,
      ProjectParticipant,
      PartnerProjectCounts,
      ProjectEvent,
      FollowUp,
      FollowUpLink,
    ]),
  ],
  controllers: [
    ProjectsController,
    FollowUpLinksController,
    FollowUpLinksPagesController,
    DashboardController,
    AgendaSuggestionsController,
    ProjectsPagesController,
    // After the list's routes ('new' before ':id').
    ProjectPagesController,
  ],
  providers: [
    FollowUpPersonalData,
    ProjectsQueries,
    ProjectsService,
    ProjectReferences,
    ProjectParticipants,
    ProjectsPagesText,
    FollowUpsService,
    DashboardService,
    DashboardQueries,
    DashboardSnapshots,
    AgendaSuggestionsService,
    ProjectRemindersService,
    ProjectViewsService,
  ],
  exports: [
    FollowUpPersonalData,
    ProjectsQueries,
    ProjectsService,
    ProjectRemindersService,
    FollowUpsService,
    ProjectViewsService,
  ],
})
export class ProjectsModule implements OnModuleInit {
  constructor(
    private readonly registry: PartnerHistoryRegistry,
    private readonly sections: PartnerPageSections,
    private readonly projects: ProjectsService,
    private readonly activity: ContactActivityRegistry,
    private readonly queries: ProjectsQueries,
  ) {}

  onModuleInit(): void {
    this.registry.register('projects', (manager, partnerId) =>
      ProjectsService.partnerHasProjects(manager, partnerId),
    );
    // The partner page's projects section: the projects it leads or joins.
    this.sections.register('projects', {
      pageOf: (partnerId, page, pageSize) => this.projects.list({ partnerId, page, pageSize }),
    });
    // The retention review: follow-ups a contact wrote.
    this.activity.register('projects', () => this.queries.contactActivity());
  }
}
