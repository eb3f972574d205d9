import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Contact } from '../partners/contact';
import { Partner } from '../partners/partner';
import { PartnerHistoryRegistry } from '../partners/partner-history.registry';
import { PartnersModule } from '../partners/partners.module';
import { DashboardController } from './dashboard.controller';
import { DashboardService } from './dashboard.service';
import { FollowUp } from './follow-up';
import { FollowUpLink } from './follow-up-link';
import { FollowUpLinksController } from './follow-up-links.controller';
import { FollowUpsService } from './follow-ups.service';
import { Project } from './project';
import { ProjectEvent } from './project-event';
import { ProjectParticipant } from './project-participant';
import { ProjectsController } from './projects.controller';
import { ProjectsService } from './projects.service';

@Module({
  imports: [
    PartnersModule,
    TypeOrmModule.forFeature([
      Project,
      ProjectParticipant,
      ProjectEvent,
      FollowUp,
      FollowUpLink,
      Partner,
      Contact,
    ]),
  ],
  controllers: [ProjectsController, FollowUpLinksController, DashboardController],
  providers: [ProjectsService, FollowUpsService, DashboardService],
  exports: [ProjectsService],
})
export class ProjectsModule implements OnModuleInit {
  constructor(private readonly registry: PartnerHistoryRegistry) {}

  onModuleInit(): void {
    this.registry.register('projects', (manager, partnerId) =>
      ProjectsService.partnerHasProjects(manager, partnerId),
    );
  }
}
