import { Module, OnModuleInit } from '@nestjs/common';
import { ProjectsQueries } from './projects.queries';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module';
import { MeetingsModule } from '../meetings/meetings.module';
import { ThemesModule } from '../themes/themes.module';
import { PartnerHistoryRegistry } from '../partners/partner-history.registry';
import { PartnerPageSections } from '../partners/partner-page-sections';
import { PartnersModule } from '../partners/partners.module';
import { AgendaSuggestionsController } from './agenda-suggestions.controller';
import { AgendaSuggestionsService } from './agenda-suggestions.service';
import { DashboardController } from './dashboard.controller';
import { DashboardService } from './dashboard.service';
import { DashboardQueries } from './dashboard.queries';
import { DashboardSnapshots } from './dashboard-snapshots';
import { FollowUp } from './follow-up';
import { FollowUpLink } from './follow-up-link';
import { FollowUpLinksController } from './follow-up-links.controller';
import { FollowUpLinksPagesController } from './follow-up-links.pages.controller';
import { FollowUpsService } from './follow-ups.service';
import { PartnerProjectCounts } from './partner-project-counts';
import { Project } from './project';
import { ProjectEvent } from './project-event';
import { ProjectParticipant } from './project-participant';
import { ProjectRemindersService } from './project-reminders.service';
import { ProjectsController } from './projects.controller';
import { ProjectsPagesController } from './projects.pages.controller';
import { ProjectPagesController } from './project.pages.controller';
import { ProjectsPagesText } from './projects-pages.text';
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
  ) {}

  onModuleInit(): void {
    this.registry.register('projects', (manager, partnerId) =>
      ProjectsService.partnerHasProjects(manager, partnerId),
    );
    // The partner page's projects section: the projects it leads or joins.
    this.sections.register('projects', {
      pageOf: (partnerId, page, pageSize) => this.projects.list({ partnerId, page, pageSize }),
    });
  }
}
