import {
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  Param,
  Patch,
  Post,
  Put,
  Query,
  Res,
} from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { IdPipe } from '../common/id.pipe';
import { CurrentUser } from '../auth/auth.decorators';
import type { User } from '../auth/users/user.entity';
import { AttendanceService } from './attendance/attendance.service';
import { CalendarService } from './calendar/calendar.service';
import { CancelMeetingDto } from './cancel-meeting.dto';
import { CreateInvitationsDto } from './invitations/create-invitations.dto';
import { CreateMeetingDto } from './create-meeting.dto';
import { InvitationsService } from './invitations/invitations.service';
import { ListMeetingsQueryDto } from './list-meetings-query.dto';
import { MeetingsService } from './meetings.service';
import { RecordAttendanceDto } from './attendance/record-attendance.dto';
import { UpdateMeetingDto } from './update-meeting.dto';
import { offerFile } from '../common/http-answers';

@ApiTags('meetings')
@Controller('api/meetings')
export class MeetingsController {
  constructor(
    private readonly meetings: MeetingsService,
    private readonly invitations: InvitationsService,
    private readonly attendanceService: AttendanceService,
    private readonly calendar: CalendarService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Meetings, most recent first (upcoming=true: soonest first)' })
  list(@Query() query: ListMeetingsQueryDto) {
    return this.meetings.list(query);
  }

  @Post()
  @ApiOperation({ summary: 'Schedule a meeting' })
  create(@Body() dto: CreateMeetingDto, @CurrentUser() user: User) {
    return this.meetings.create(dto, user);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A meeting with its invitations, answers, attendance and agenda' })
  detail(@Param('id', IdPipe) id: number) {
    return this.meetings.detail(id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a meeting, or move it planned → held → closed' })
  update(
    @Param('id', IdPipe) id: number,
    @Body() dto: UpdateMeetingDto,
    @CurrentUser() user: User,
  ) {
    return this.meetings.update(id, dto, user);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel a planned meeting, with a reason' })
  cancel(
    @Param('id', IdPipe) id: number,
    @Body() dto: CancelMeetingDto,
    @CurrentUser() user: User,
  ) {
    return this.meetings.cancel(id, dto.reason, user);
  }

  @Get(':id/invitations')
  @ApiOperation({ summary: 'Invitations with answers, attendees and counts' })
  invitationsOf(@Param('id', IdPipe) id: number) {
    return this.invitations.listFor(id);
  }

  @Post(':id/invitations')
  @ApiOperation({
    summary: 'Invite all active partners, the active partners of some kinds, or a selection',
    description:
      'Partners already invited are skipped. The answer links of the new invitations are in the response (only their hashes are kept).',
  })
  invite(
    @Param('id', IdPipe) id: number,
    @Body() dto: CreateInvitationsDto,
    @CurrentUser() user: User,
  ) {
    return this.invitations.invite(id, dto, user);
  }

  @Post(':id/invitations/:invitationId/answer-link')
  @ApiOperation({ summary: 'A new answer link for an invitation (the previous one stops working)' })
  reissueLink(
    @Param('id', IdPipe) id: number,
    @Param('invitationId', IdPipe) invitationId: number,
  ) {
    return this.invitations.reissueAnswerLink(id, invitationId);
  }

  @Put(':id/attendance')
  @ApiOperation({ summary: 'Record attendance (present / excused / absent) of many partners' })
  attendance(
    @Param('id', IdPipe) id: number,
    @Body() dto: RecordAttendanceDto,
    @CurrentUser() user: User,
  ) {
    return this.attendanceService.recordAttendance(id, dto, user);
  }

  @Get(':id/ics')
  @ApiProduces('text/calendar')
  @Header('Content-Type', 'text/calendar; charset=utf-8')
  @ApiOperation({ summary: 'The meeting as an iCalendar file (RFC 5545)' })
  async ics(
    @Param('id', IdPipe) id: number,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    const { filename, text } = await this.calendar.meetingIcs(id);
    offerFile(response, filename);
    return text;
  }
}
