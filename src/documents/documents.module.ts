import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgendaItem } from '../meetings/agenda-item';
import { Invitation } from '../meetings/invitation';
import { Meeting } from '../meetings/meeting';
import { MeetingClosingChecks } from '../meetings/meeting-closing.checks';
import { MeetingsModule } from '../meetings/meetings.module';
import { Contact } from '../partners/contact';
import { Partner } from '../partners/partner';
import { FollowUp } from '../projects/follow-up';
import { Project } from '../projects/project';
import { DocumentRenderer } from './document-renderer';
import { DocumentsPagesController } from './documents.pages.controller';
import { MinutesController } from './minutes.controller';
import { MinutesPagesController } from './minutes.pages.controller';
import { NewslettersPagesController } from './newsletters.pages.controller';
import { NewsController } from './news.controller';
import { NewsService } from './news.service';
import { NewslettersController } from './newsletters.controller';
import { NewslettersService } from './newsletters.service';
import { MinutesDraft } from './minutes-draft';
import { MinutesService } from './minutes.service';
import { MinutesVersion } from './minutes-version';
import { NewsItem } from './news-item';
import { Newsletter } from './newsletter';

/** What the partners read: minutes of the meetings, news items and the newsletter. */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      MinutesDraft,
      MinutesVersion,
      NewsItem,
      Newsletter,
      Meeting,
      Invitation,
      AgendaItem,
      Partner,
      Contact,
      Project,
      FollowUp,
    ]),
    MeetingsModule,
  ],
  controllers: [
    MinutesController,
    NewsController,
    NewslettersController,
    DocumentsPagesController,
    MinutesPagesController,
    NewslettersPagesController,
  ],
  providers: [DocumentRenderer, MinutesService, NewsService, NewslettersService],
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
