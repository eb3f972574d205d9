import { Module, OnModuleInit } from '@nestjs/common';
import { MeetingsQueries } from './meetings.queries';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module';
import { PartnerHistoryRegistry } from '../partners/partner-history.registry';
import { PartnerPageSections } from '../partners/partner-page-sections';
import { PartnersModule } from '../partners/partners.module';
import { AgendaItem } from './agenda-item';
import { CalendarFeed } from './calendar-feed';
import { Invitation } from './invitation';
import { InvitationAttendee } from './invitation-attendee';
import { Meeting } from './meeting';
import { AgendaItemsController } from './agenda-items.controller';
import { AgendaService } from './agenda.service';
import { AgendaThemes } from './agenda-themes';
import { AttendanceService } from './attendance.service';
import { CalendarFeedsController } from './calendar-feeds.controller';
import { CalendarService } from './calendar.service';
import { InvitationMails } from './invitation-mails';
import { InvitationsService } from './invitations.service';
import { MeetingCancellationHooks } from './meeting-cancellation.hooks';
import { MeetingClosingChecks } from './meeting-closing.checks';
import { MeetingClosingService } from './meeting-closing.service';
import { MeetingIcs } from './meeting-ics';
import { MeetingsController } from './meetings.controller';
import { MeetingsPagesController } from './meetings.pages.controller';
import { MeetingAgendaPagesController } from './meeting-agenda.pages.controller';
import { MeetingCheckInPagesController } from './meeting-check-in.pages.controller';
import { MeetingFormPagesController } from './meeting-form.pages.controller';
import { MeetingHubPagesController } from './meeting-hub.pages.controller';
import { MeetingInvitationsPagesController } from './meeting-invitations.pages.controller';
import { MeetingOverviewService } from './meeting-overview.service';
import { MeetingsListPagesController } from './meetings-list.pages.controller';
import { MeetingsService } from './meetings.service';
import { ParticipationController } from './participation.controller';
import { ParticipationService } from './participation.service';
import { PartnerAttendanceService } from './partner-attendance.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([Meeting, Invitation, InvitationAttendee, AgendaItem, CalendarFeed]),
    PartnersModule,
    AuthModule,
  ],
  controllers: [
    MeetingsController,
    AgendaItemsController,
    CalendarFeedsController,
    ParticipationController,
    // The staff pages, one controller per screen. Order matters: /meetings/calendar and
    // /meetings/new are routed before the hub's /meetings/:id.
    MeetingsListPagesController,
    MeetingFormPagesController,
    MeetingInvitationsPagesController,
    MeetingCheckInPagesController,
    MeetingAgendaPagesController,
    MeetingHubPagesController,
    MeetingsPagesController,
  ],
  providers: [
    MeetingsQueries,
    MeetingsService,
    InvitationsService,
    AttendanceService,
    AgendaService,
    CalendarService,
    MeetingIcs,
    InvitationMails,
    ParticipationService,
    MeetingOverviewService,
    PartnerAttendanceService,
    MeetingCancellationHooks,
    MeetingClosingChecks,
    MeetingClosingService,
    AgendaThemes,
  ],
  exports: [
    MeetingsQueries,
    AgendaThemes,
    MeetingCancellationHooks,
    MeetingClosingChecks,
    MeetingClosingService,
    MeetingsService,
    InvitationsService,
    AttendanceService,
    AgendaService,
    CalendarService,
    ParticipationService,
    PartnerAttendanceService,
  ],
})
export class MeetingsModule implements OnModuleInit {
  constructor(
    private readonly history: PartnerHistoryRegistry,
    private readonly queries: MeetingsQueries,
    private readonly sections: PartnerPageSections,
    private readonly attendance: PartnerAttendanceService,
  ) {}

  /** A partner invited to (or present at) a meeting has history: it is archived, not deleted. */
  onModuleInit(): void {
    this.history.register('meetings', (manager, partnerId) =>
      this.queries.partnerHasInvitations(partnerId, manager),
    );
    // The partner page's meetings section: its meetings, answers and attendance.
    this.sections.register('meetings', this.attendance);
  }
}
