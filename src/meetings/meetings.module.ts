import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Contact } from '../partners/contact';
import { Partner } from '../partners/partner';
import { PartnerHistoryRegistry } from '../partners/partner-history.registry';
import { PartnersModule } from '../partners/partners.module';
import { AgendaItem } from './agenda-item';
import { CalendarFeed } from './calendar-feed';
import { Invitation } from './invitation';
import { InvitationAttendee } from './invitation-attendee';
import { Meeting } from './meeting';
import { MeetingsService } from './meetings.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([
      Meeting,
      Invitation,
      InvitationAttendee,
      AgendaItem,
      CalendarFeed,
      Partner,
      Contact,
    ]),
    PartnersModule,
  ],
  providers: [MeetingsService],
  exports: [MeetingsService],
})
export class MeetingsModule implements OnModuleInit {
  constructor(private readonly history: PartnerHistoryRegistry) {}

  /** A partner invited to (or present at) a meeting has history: it is archived, not deleted. */
  onModuleInit(): void {
    this.history.register('meetings', (manager, partnerId) =>
      manager.getRepository(Invitation).exists({ where: { partnerId } }),
    );
  }
}
