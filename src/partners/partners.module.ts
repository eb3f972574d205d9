import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Contact } from './contact';
import { Partner } from './partner';
import { PartnerHistoryRegistry } from './partner-history.registry';

@Module({
  imports: [TypeOrmModule.forFeature([Partner, Contact])],
  providers: [PartnerHistoryRegistry],
  exports: [PartnerHistoryRegistry],
})
export class PartnersModule {}
