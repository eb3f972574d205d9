import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Invitation } from '../meetings/invitation';
import { Meeting } from '../meetings/meeting';
import { MeetingsModule } from '../meetings/meetings.module';
import { ProjectsModule } from '../projects/projects.module';
import { DashboardPagesController } from './dashboard.pages.controller';
import { StaffDashboardService } from './staff-dashboard.service';

/** The staff dashboard (GET /): a view over meetings, participation and projects. */
@Module({
  imports: [MeetingsModule, ProjectsModule, TypeOrmModule.forFeature([Meeting, Invitation])],
  controllers: [DashboardPagesController],
  providers: [StaffDashboardService],
})
export class DashboardModule {}
