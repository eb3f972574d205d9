import { Module, OnModuleInit } from '@nestjs/common';
import { ThemesQueries } from './themes.queries';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgendaThemes } from '../meetings/agenda/agenda-themes';
import { MeetingCancellationHooks } from '../meetings/meeting-cancellation.hooks';
import { MeetingsModule } from '../meetings/meetings.module';
import { PartnerHistoryRegistry } from '../partners/partner-history.registry';
import { PartnersModule } from '../partners/partners.module';
import { MeetingVenues } from './speakers/meeting-venues';
import { Speaker } from './speakers/speaker.entity';
import { SpeakerBookingService } from './schedule/speaker-booking.service';
import { SpeakerCostsService } from './speakers/costs/speaker-costs.service';
import { SpeakerTheme } from './speakers/speaker-theme.entity';
import { SpeakersController } from './speakers/speakers.controller';
import { SpeakerSearchPagesController } from './pages/speaker-search.pages.controller';
import { SpeakersPagesController } from './pages/speakers.pages.controller';
import { ThemesPagesText } from './pages/themes-pages.text';
import { SpeakersService } from './speakers/speakers.service';
import { StatsController } from './speakers/costs/speaker-costs.controller';
import { Theme } from './catalogue/theme.entity';
import { ThemeDetailsService } from './catalogue/theme-details.service';
import { ThemeScheduleService } from './schedule/theme-schedule.service';
import { ThemeInterest } from './catalogue/theme-interest.entity';
import { ThemesController } from './catalogue/themes.controller';
import { ThemesPagesController } from './pages/themes.pages.controller';
import { ThemesService } from './catalogue/themes.service';

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
