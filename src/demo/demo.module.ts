import { Module, OnModuleInit } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { FirstRunOffers } from '../auth/users/first-run';
import { DocumentsModule } from '../documents/documents.module';
import { MailModule } from '../mail/mail.module';
import { MeetingsModule } from '../meetings/meetings.module';
import { PartnersModule } from '../partners/partners.module';
import { ProjectsModule } from '../projects/projects.module';
import { ThemesModule } from '../themes/themes.module';
import { DemoDataService } from './demo-data.service';
import { DemoMeetingStory } from './demo-meeting-story';
import { DemoProjectStory } from './demo-project-story';

/** The demo data: it spans every context, through their exported services only. */
@Module({
  imports: [
    AuthModule,
    PartnersModule,
    MeetingsModule,
    ThemesModule,
    DocumentsModule,
    ProjectsModule,
    MailModule,
  ],
  providers: [DemoDataService, DemoMeetingStory, DemoProjectStory],
  exports: [DemoDataService],
})
export class DemoModule implements OnModuleInit {
  constructor(
    private readonly offers: FirstRunOffers,
    private readonly demo: DemoDataService,
  ) {}

  /** The set-up form offers the demo data while the directory is empty. */
  onModuleInit(): void {
    this.offers.offerDemoData({
      available: () => this.demo.canLoad(),
      run: async (admin) => {
        await this.demo.load({ author: admin });
      },
    });
  }
}
