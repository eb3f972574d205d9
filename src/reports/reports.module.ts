import { Module } from '@nestjs/common';
import { MeetingsModule } from '../meetings/meetings.module';
import { ProjectsModule } from '../projects/projects.module';
import { ActivityReportController } from './activity/activity-report.controller';
import { ActivityReportFiles } from './activity/activity-report.files';
import { ActivityReportService } from './activity/activity-report.service';
import { ActivityReportPagesController } from './pages/activity-report.pages.controller';

/** Reports for funders (the activity report): views over meetings, themes and projects. */
@Module({
  imports: [MeetingsModule, ProjectsModule],
  controllers: [ActivityReportController, ActivityReportPagesController],
  providers: [ActivityReportService, ActivityReportFiles],
})
export class ReportsModule {}
