import { MeetingPersonalData } from './meeting-personal-data';
import {
  MiddlewareConsumer,
  Module,
  NestModule,
  OnModuleInit,
  RequestMethod,
} from '@nestjs/common';
import { MeetingsQueries } from './meetings.queries';
import { AgendaQueries } from './agenda/agenda-read.queries';
import { AttendanceFiguresQueries } from './attendance/attendance-figures.queries';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module';
import { ContactActivityRegistry } from '../partners/contacts/retention/contact-activity.registry';
import { PartnerHistoryRegistry } from '../partners/partner-history.registry';
import { PartnerPageSections } from '../partners/partner-page-sections';
import { PartnersModule } from '../partners/partners.module';
import { AgendaItem } from './agenda/agenda-item.entity';
import { CalendarFeed } from './calendar/calendar-feed.entity';
import { Invitation } from './invitations/invitation.entity';
import { InvitationAttendee } from './attendance/invitation-attendee.entity';
import { Meeting } from './meeting.entity';
import { MeetingSeries } from './series/meeting-series.entity';
import { MeetingSeriesController } from './series/meeting-series.controller';
import { MeetingSeriesService } from './series/meeting-series.service';
import { SeriesIcs } from './series/series-ics';
import { MeetingSeriesPagesController } from './series/pages/meeting-series.pages.controller';
import { AgendaItemsController } from './agenda/agenda-items.controller';
import { AgendaService } from './agenda/agenda.service';
import { AgendaThemes } from './agenda/agenda-themes';
import { AttendanceService } from './attendance/attendance.service';
import { CalendarFeedsController } from './calendar/calendar-feeds.controller';
import { CalendarService } from './calendar/calendar.service';
import { InvitationMails } from './invitations/invitation-mails';
import { InvitationsService } from './invitations/invitations.service';
import { MeetingCancellationHooks } from './meeting-cancellation.hooks';
import { MeetingClosingChecks } from './closing/meeting-closing.checks';
import { MeetingClosingService } from './closing/meeting-closing.service';
import { MeetingIcs } from './calendar/meeting-ics';
import { MeetingsController } from './meetings.controller';
import { MeetingsPagesController } from './invitations/pages/answer.pages.controller';
import { MeetingAgendaPagesController } from './agenda/pages/meeting-agenda.pages.controller';
import { MeetingCheckInPagesController } from './attendance/pages/meeting-check-in.pages.controller';
import { MeetingFormPagesController } from './pages/meeting-form.pages.controller';
import { MeetingHubPagesController } from './pages/meeting-hub.pages.controller';
import { MeetingInvitationsPagesController } from './invitations/pages/meeting-invitations.pages.controller';
import { MeetingOverviewService } from './pages/meeting-overview.service';
import { MeetingsListPagesController } from './pages/meetings-list.pages.controller';
import { MeetingsService } from './meetings.service';
import { ParticipationController } from './attendance/participation.controller';
import { ParticipationService } from './attendance/participation.service';
import { PartnerAttendanceService } from './attendance/partner-attendance.service';
import { AppConfig } from '../config/app-config';
import { SignInPagesController } from './sign-in/pages/sign-in.pages.controller';
import { scanUploadMiddleware, SCAN_UPLOAD_ROUTES } from './sign-in/scan-upload.middleware';
import { SignInScan } from './sign-in/sign-in-scan.entity';
import { SignInScansService } from './sign-in/sign-in-scans.service';
import { SignInSheetDocument } from './sign-in/sign-in-sheet.document';
import { SignInSheetService } from './sign-in/sign-in-sheet.service';
import { SignInController } from './sign-in/sign-in.controller';

@Module({
  imports: [
    TypeOrmModule.forFeature([
      Meeting,
      Invitation,
      InvitationAttendee,
      AgendaItem,
      CalendarFeed,
      SignInScan,
      MeetingSeries,
    ]),
    PartnersModule,
    AuthModule,
  ],
  controllers: [
    MeetingsController,
    AgendaItemsController,
    CalendarFeedsController,
    ParticipationController,
    SignInController,
    MeetingSeriesController,
    // The staff pages, one controller per screen. Order matters: /meetings/calendar and
    // /meetings/new are routed before the hub's /meetings/:id.
    MeetingsListPagesController,
    MeetingFormPagesController,
    MeetingSeriesPagesController,
    MeetingInvitationsPagesController,
    MeetingCheckInPagesController,
    SignInPagesController,
    MeetingAgendaPagesController,
    MeetingHubPagesController,
    MeetingsPagesController,
  ],
  providers: [
    MeetingPersonalData,
    MeetingsQueries,
    AgendaQueries,
    AttendanceFiguresQueries,
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
    SignInSheetService,
    SignInSheetDocument,
    SignInScansService,
    SeriesIcs,
    MeetingSeriesService,
  ],
  exports: [
    MeetingPersonalData,
    MeetingsQueries,
    AgendaQueries,
    AttendanceFiguresQueries,
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
export class MeetingsModule implements OnModuleInit, NestModule {
  constructor(
    private readonly history: PartnerHistoryRegistry,
    private readonly activity: ContactActivityRegistry,
    private readonly queries: MeetingsQueries,
    private readonly sections: PartnerPageSections,
    private readonly attendance: PartnerAttendanceService,
    private readonly config: AppConfig,
  ) {}

  /** Scanned sign-in sheets arrive as multipart uploads, read before the guard checks `_csrf`. */
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(scanUploadMiddleware(this.config))
      .forRoutes(...SCAN_UPLOAD_ROUTES.map((path) => ({ path, method: RequestMethod.POST })));
  }

  /** A partner invited to (or present at) a meeting has history: it is archived, not deleted. */
  onModuleInit(): void {
    this.history.register('meetings', (manager, partnerId) =>
      this.queries.partnerHasInvitations(partnerId, manager),
    );
    // The partner page's meetings section: its meetings, answers and attendance.
    this.sections.register('meetings', this.attendance);
    // The retention review: answers naming a contact, attendance, agenda items it presents.
    this.activity.register('meetings', () => this.queries.contactActivity());
  }
}
