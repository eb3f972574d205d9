import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MeetingClosingChecks } from '../meetings/meeting-closing.checks';
import { MeetingsModule } from '../meetings/meetings.module';
import { PartnersModule } from '../partners/partners.module';
import { ProjectsModule } from '../projects/projects.module';
import { DocumentRenderer } from './document-renderer';
import { DocumentsPagesController } from './documents.pages.controller';
import { MinutesController } from './minutes.controller';
import { MinutesPagesController } from './minutes.pages.controller';
import { NewslettersPagesController } from './newsletters.pages.controller';
import { NewsController } from './news.controller';
import { NewsPagesController } from './news.pages.controller';
import { NewsService } from './news.service';
import { NewslettersController } from './newsletters.controller';
import { NewsletterComposer } from './newsletter-composer';
import { NewsletterSending } from './newsletter-sending';
import { NewslettersService } from './newsletters.service';
import { MinutesDraft } from './minutes-draft';
import { MinutesRecordReader } from './minutes-read';
import { MinutesQueries } from './minutes.queries';
import { MinutesService } from './minutes.service';
import { MinutesVersion } from './minutes-version';
import { NewsItem } from './news-item';
import { Newsletter } from './newsletter';

/** What the partners read: minutes of the meetings, news items and the newsletter. */
@Module({
  imports: [
    TypeOrmModule.forFeature([MinutesDraft, MinutesVersion, NewsItem, Newsletter]),
    PartnersModule,
    MeetingsModule,
    ProjectsModule,
  ],
  controllers: [
    MinutesController,
    NewsController,
    NewslettersController,
    DocumentsPagesController,
    MinutesPagesController,
    NewslettersPagesController,
    NewsPagesController,
  ],
  providers: [
    DocumentRenderer,
    MinutesQueries,
    MinutesRecordReader,
    MinutesService,
    NewsService,
    NewsletterComposer,
    NewsletterSending,
    NewslettersService,
  ],
  exports: [MinutesService, NewsService, NewslettersService],
})
export class DocumentsModule implements OnModuleInit {
  constructor(private readonly closingChecks: MeetingClosingChecks) {}

  /** A meeting closes once its minutes are drafted (saved at least once, or published). */
  onModuleInit(): void {
    this.closingChecks.register('minutes', {
      done: async (manager, meetingId) =>
        (await manager.getRepository(MinutesDraft).existsBy({ meetingId })) ||
        manager.getRepository(MinutesVersion).existsBy({ meetingId }),
      refusal: {
        message: 'Draft the minutes first',
        key: 'errors.meetingClosing.minutesMissing',
      },
    });
  }
}
