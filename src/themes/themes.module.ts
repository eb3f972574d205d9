import { Module, OnModuleInit } from '@nestjs/common';
import { ThemesQueries } from './themes.queries';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgendaThemes } from '../meetings/agenda-themes';
import { MeetingCancellationHooks } from '../meetings/meeting-cancellation.hooks';
import { MeetingsModule } from '../meetings/meetings.module';
import { PartnerHistoryRegistry } from '../partners/partner-history.registry';
import { PartnersModule } from '../partners/partners.module';
import { MeetingVenues } from './meeting-venues';
import { Speaker } from './speaker';
import { SpeakerBookingService } from './speaker-booking.service';
import { SpeakerCostsService } from './speaker-costs.service';
import { SpeakerTheme } from './speaker-theme';
import { SpeakersController } from './speakers.controller';
import { SpeakerSearchPagesController } from './speaker-search.pages.controller';
import { SpeakersPagesController } from './speakers.pages.controller';
import { ThemesPagesText } from './themes-pages.text';
import { SpeakersService } from './speakers.service';
import { StatsController } from './stats.controller';
import { Theme } from './theme';
import { ThemeDetailsService } from './theme-details.service';
import { ThemeScheduleService } from './theme-schedule.service';
import { ThemeInterest } from './theme-interest';
import { ThemesController } from './themes.controller';
import { ThemesPagesController } from './themes.pages.controller';
import { ThemesService } from './themes.service';

/** Themes the network wants to hear about, and the speakers who can present them. */
@Module({
  imports: [
    TypeOrmModule.forFeature([Theme, ThemeInterest, Speaker, SpeakerTheme]),
    PartnersModule,
    MeetingsModule,
  ],
  controllers: [
    ThemesController,
    SpeakersController,
    StatsController,
    ThemesPagesController,
    SpeakersPagesController,
    SpeakerSearchPagesController,
  ],
  providers: [
    ThemesQueries,
    ThemesService,
    SpeakersService,
    MeetingVenues,
    ThemeScheduleService,
    ThemeDetailsService,
    SpeakerCostsService,
    SpeakerBookingService,
    ThemesPagesText,
  ],
  exports: [ThemesQueries, ThemesService, SpeakersService, ThemeScheduleService],
})
export class ThemesModule implements OnModuleInit {
  constructor(
    private readonly partnerHistory: PartnerHistoryRegistry,
    private readonly cancellations: MeetingCancellationHooks,
    private readonly schedule: ThemeScheduleService,
    private readonly agendaThemes: AgendaThemes,
  ) {}

  /**
   * A partner that proposed a theme, marked interest or employs a speaker has history. A cancelled
   * meeting no longer holds the themes planned on its agenda. Agenda items name their theme
   * through the schedule.
   */
  onModuleInit(): void {
    this.agendaThemes.register(this.schedule);
    this.cancellations.register('themes', (manager, meeting, user) =>
      this.schedule.meetingCancelled(manager, meeting.id, user),
    );
    this.partnerHistory.register('themes', async (manager, partnerId) => {
      if (await manager.getRepository(Theme).existsBy({ proposedByPartnerId: partnerId }))
        return true;
      if (await manager.getRepository(ThemeInterest).existsBy({ partnerId })) return true;
      return manager.getRepository(Speaker).existsBy({ organisationPartnerId: partnerId });
    });
  }
}
