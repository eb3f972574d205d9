import { DocumentsErasure } from './documents-erasure';
import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MeetingClosingChecks } from '../meetings/closing/meeting-closing.checks';
import { MeetingsModule } from '../meetings/meetings.module';
import { PartnersModule } from '../partners/partners.module';
import { ProjectsModule } from '../projects/projects.module';
import { AttendanceCertificates } from './attestations/attendance-certificates';
import { AttendanceCertificatesController } from './attestations/attendance-certificates.controller';
import { DocumentRenderer } from './document-renderer';
import { DocumentLinks } from './document-links';
import { DocumentsPagesController } from './pages/archive.pages.controller';
import { PublicDocumentsController } from './pages/public-documents.controller';
import { MinutesController } from './minutes/minutes.controller';
import { MinutesPagesController } from './minutes/pages/minutes.pages.controller';
import { NewslettersPagesController } from './newsletters/pages/newsletters.pages.controller';
import { NewsController } from './news/news.controller';
import { NewsPagesController } from './news/pages/news.pages.controller';
import { NewsService } from './news/news.service';
import { NewslettersController } from './newsletters/newsletters.controller';
import { NewsletterComposer } from './newsletters/newsletter-composer';
import { NewsletterSending } from './newsletters/newsletter-sending';
import { NewslettersService } from './newsletters/newsletters.service';
import { MinutesDraft } from './minutes/minutes-draft.entity';
import { MinutesPdf } from './minutes/minutes-pdf';
import { MinutesRecordReader } from './minutes/minutes-record.reader';
import { MinutesQueries } from './minutes/minutes.queries';
import { MinutesService } from './minutes/minutes.service';
import { MinutesVersion } from './minutes/minutes-version.entity';
import { NewsItem } from './news/news-item.entity';
import { MinutesReviewProposal } from './minutes/review/minutes-review-proposal.entity';
import { MinutesReviewReader } from './minutes/review/minutes-review-reader.entity';
import { MinutesReviewRound } from './minutes/review/minutes-review-round.entity';
import { MinutesReviewController } from './minutes/review/minutes-review.controller';
import { MinutesReviewLinks } from './minutes/review/minutes-review-links';
import { MinutesReviewMail } from './minutes/review/minutes-review-mail';
import { MinutesReviewRecord } from './minutes/review/minutes-review-record';
import { MinutesReviewReminders } from './minutes/review/minutes-review-reminders';
import { MinutesReviewService } from './minutes/review/minutes-review.service';
import { MinutesReviewPagesController } from './minutes/review/pages/minutes-review.pages.controller';
import { Newsletter } from './newsletters/newsletter.entity';

/** What the partners read: minutes of the meetings, news items and the newsletter. */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      MinutesDraft,
      MinutesVersion,
      MinutesReviewRound,
      MinutesReviewReader,
      MinutesReviewProposal,
      NewsItem,
      Newsletter,
    ]),
    PartnersModule,
    MeetingsModule,
    ProjectsModule,
  ],
  controllers: [
    AttendanceCertificatesController,
    MinutesController,
    MinutesReviewController,
    NewsController,
    NewslettersController,
    DocumentsPagesController,
    PublicDocumentsController,
    MinutesPagesController,
    MinutesReviewPagesController,
    NewslettersPagesController,
    NewsPagesController,
  ],
  providers: [
    DocumentsErasure,
    AttendanceCertificates,
    DocumentLinks,
    DocumentRenderer,
    MinutesPdf,
    MinutesQueries,
    MinutesRecordReader,
    MinutesService,
    MinutesReviewLinks,
    MinutesReviewMail,
    MinutesReviewRecord,
    MinutesReviewReminders,
    MinutesReviewService,
    NewsService,
    NewsletterComposer,
    NewsletterSending,
    NewslettersService,
  ],
  exports: [
    DocumentsErasure,
    MinutesPdf,
    MinutesReviewLinks,
    MinutesReviewService,
    MinutesService,
    NewsService,
    NewslettersService,
  ],
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
