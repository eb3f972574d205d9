import { Module } from '@nestjs/common';
import { MeetingsModule } from '../meetings/meetings.module';
import { ProjectsModule } from '../projects/projects.module';
import { DashboardPagesController } from './pages/dashboard.pages.controller';
import { StaffDashboardService } from './staff-dashboard.service';

/** The staff dashboard (GET /): a view over meetings, participation and projects. */
@Module({
  imports: [MeetingsModule, ProjectsModule],
  controllers: [DashboardPagesController],
  providers: [StaffDashboardService],
})
export class DashboardModule {}
