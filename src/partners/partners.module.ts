import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Contact } from './contact';
import { ContactsController } from './contacts.controller';
import { DemoDataService } from './demo-data.service';
import { Partner } from './partner';
import { PartnerHistoryRegistry } from './partner-history.registry';
import { PartnersImportService } from './partners-import.service';
import { PartnersController } from './partners.controller';
import { PartnersService } from './partners.service';

@Module({
  imports: [TypeOrmModule.forFeature([Partner, Contact])],
  controllers: [PartnersController, ContactsController],
  providers: [PartnerHistoryRegistry, PartnersService, PartnersImportService, DemoDataService],
  exports: [PartnerHistoryRegistry, PartnersService, PartnersImportService, DemoDataService],
})
export class PartnersModule {}
