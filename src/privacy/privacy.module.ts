import { Module } from '@nestjs/common';
import { DocumentsModule } from '../documents/documents.module';
import { MeetingsModule } from '../meetings/meetings.module';
import { PartnersModule } from '../partners/partners.module';
import { PortalModule } from '../portal/portal.module';
import { ProjectsModule } from '../projects/projects.module';
import { PersonalDataPagesController } from './pages/personal-data.pages.controller';
import { PersonalDataController } from './personal-data.controller';
import { PersonalDataService } from './personal-data.service';

/**
 * A person's rights over their data (RGPD articles 15 and 17): above every context that holds
 * personal data, it asks each for its part and has each erase its own tables.
 */
@Module({
  imports: [PartnersModule, MeetingsModule, ProjectsModule, DocumentsModule, PortalModule],
  controllers: [PersonalDataController, PersonalDataPagesController],
  providers: [PersonalDataService],
})
export class PrivacyModule {}
