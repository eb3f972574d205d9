import { Module, OnModuleInit } from '@nestjs/common';
import { OwnAgency } from '../common/web/pdf/own-agency';
import { PartnersQueries } from './partners.queries';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ConsentEvent } from './contacts/consent-event.entity';
import { ConsentQueries } from './contacts/consent.queries';
import { Contact } from './contacts/contact.entity';
import { ContactsController } from './contacts/contacts.controller';
import { Partner } from './partner.entity';
import { ViewService } from '../common/web/view.service';
import { PartnerHistoryRegistry } from './partner-history.registry';
import { PartnerPageSections } from './partner-page-sections';
import { PartnerKindLabels } from './partner-kind-labels';
import { PartnersImportService } from './import/partners-import.service';
import { PartnersController } from './partners.controller';
import { PartnersService } from './partners.service';
import { ContactsService } from './contacts/contacts.service';
import { ContactErasure } from './contacts/contact-erasure';
import { ContactActivityRegistry } from './contacts/retention/contact-activity.registry';
import { ContactRetentionService } from './contacts/retention/contact-retention.service';
import { RetentionController } from './contacts/retention/retention.controller';
import { ContactRetentionReview } from './contacts/retention/retention-review.entity';
import { RetentionQueries } from './contacts/retention/retention.queries';

@Module({
  imports: [TypeOrmModule.forFeature([Partner, Contact, ConsentEvent, ContactRetentionReview])],
  // Order matters: /api/contacts/retention-review is routed before /api/contacts/:id.
  controllers: [PartnersController, RetentionController, ContactsController],
  providers: [
    PartnersQueries,
    ConsentQueries,
    PartnerHistoryRegistry,
    PartnerPageSections,
    PartnersService,
    ContactsService,
    ContactErasure,
    PartnersImportService,
    ContactActivityRegistry,
    RetentionQueries,
    ContactRetentionService,
    // The labels live in the catalogues (an agency's TEMPLATES_DIR may reword them).
    {
      provide: PartnerKindLabels,
      useFactory: (views: ViewService) => new PartnerKindLabels(views.translator),
      inject: [ViewService],
    },
  ],
  exports: [
    PartnersQueries,
    ConsentQueries,
    PartnerHistoryRegistry,
    PartnerPageSections,
    PartnersService,
    ContactsService,
    ContactErasure,
    PartnersImportService,
    ContactActivityRegistry,
    ContactRetentionService,
  ],
})
export class PartnersModule implements OnModuleInit {
  constructor(
    private readonly ownAgency: OwnAgency,
    private readonly queries: PartnersQueries,
  ) {}

  /** Documents name the directory's own agency when the deployment names none (OwnAgency). */
  onModuleInit(): void {
    this.ownAgency.readFrom(() => this.queries.ownAgencyName());
  }
}
