import { Module, type OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DocumentsModule } from '../documents/documents.module';
import { MeetingsModule } from '../meetings/meetings.module';
import { ContactActivityRegistry } from '../partners/contacts/retention/contact-activity.registry';
import { PartnersModule } from '../partners/partners.module';
import { ProjectsModule } from '../projects/projects.module';
import { PortalLink } from './links/portal-link.entity';
import { PortalLinksController } from './links/portal-links.controller';
import { portalContactActivity } from './links/portal-links.queries';
import { PortalLinksService } from './links/portal-links.service';
import { PortalLinkPersonalData } from './links/portal-link-personal-data';
import { PortalGuard } from './session/portal-session';
import { PortalSignInPagesController } from './pages/portal-sign-in.pages.controller';
import { PortalThrottle } from './links/portal-throttle';
import { PortalDocumentsPagesController } from './pages/portal-documents.pages.controller';
import { PortalPagesController } from './pages/portal.pages.controller';
import { PortalReviewPagesController } from './pages/portal-review.pages.controller';
import { MinutesReviewLinks } from '../documents/minutes/review/minutes-review-links';
import { PortalService } from './portal.service';

/** The partner portal: sign-in links by mail, and what a contact may see and do through them. */
@Module({
  imports: [
    TypeOrmModule.forFeature([PortalLink]),
    PartnersModule,
    MeetingsModule,
    ProjectsModule,
    DocumentsModule,
  ],
  controllers: [
    PortalSignInPagesController,
    PortalPagesController,
    PortalDocumentsPagesController,
    PortalReviewPagesController,
    PortalLinksController,
  ],
  providers: [
    PortalLinksService,
    PortalService,
    PortalThrottle,
    PortalGuard,
    PortalLinkPersonalData,
  ],
  // PortalService, PortalLinksService and PortalGuard: the portal's search (in src/search/).
  exports: [PortalLinkPersonalData, PortalService, PortalLinksService, PortalGuard],
})
export class PortalModule implements OnModuleInit {
  constructor(
    private readonly activity: ContactActivityRegistry,
    private readonly dataSource: DataSource,
    private readonly reviewLinks: MinutesReviewLinks,
    private readonly links: PortalLinksService,
  ) {}

  /** The retention review: portal links a contact used or asked for; the review mails' links. */
  onModuleInit(): void {
    this.activity.register('portal', () => portalContactActivity(this.dataSource.manager));
    // The minutes' review mails carry a portal sign-in link leading to the review page.
    this.reviewLinks.register((manager, contactId, path) =>
      this.links.linkFor(manager, contactId, path),
    );
  }
}
