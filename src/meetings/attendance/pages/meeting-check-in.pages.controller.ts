import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentUser } from '../../../auth/auth.decorators';
import type { User } from '../../../auth/users/user.entity';
import { Clock } from '../../../common/clock';
import { IdPipe } from '../../../common/id.pipe';
import { submitForm, type Form } from '../../../common/web/forms';
import { ViewService } from '../../../common/web/view.service';
import { AttendanceService } from '../attendance.service';
import { attendanceEntries, checkInView, type CheckInState } from './meeting-check-in.view-model';
import { problems } from '../../pages/meeting-pages.kit';
import { MeetingsService } from '../../meetings.service';
import { RecordAttendanceDto } from '../record-attendance.dto';
import { seeOther } from '../../../common/http-answers';

/** The check-in screen: who came for each invited partner, preset from the answers. */
@ApiExcludeController()
@Controller('meetings')
export class MeetingCheckInPagesController {
  constructor(
    private readonly meetings: MeetingsService,
    private readonly attendance: AttendanceService,
    private readonly views: ViewService,
    private readonly clock: Clock,
  ) {}

  @Get(':id/check-in')
  async checkInForm(
    @Param('id', IdPipe) id: number,
    @Req() request: Request,
    @Res() response: Response,
    @Query() raw: Form,
  ): Promise<void> {
    await this.showCheckIn(request, response, id, { saved: raw.saved === '1' });
  }

  @Post(':id/check-in')
  async checkIn(
    @Param('id', IdPipe) id: number,
    @Req() request: Request,
    @Res() response: Response,
    @Body() body: Form,
    @CurrentUser() user: User,
  ): Promise<void> {
    const detail = await this.meetings.detail(id);
    const entries = attendanceEntries(detail.invitations, body);
    const outcome = await submitForm(RecordAttendanceDto, { entries }, (value) =>
      this.attendance.recordAttendance(id, value, user),
    );
    if (!outcome.ok) {
      const messages = outcome.refused
        ? problems(this.views, outcome)
        : [
            entries.length
              ? this.views.text('meetingsPages.error.attendance')
              : this.views.text('meetingsPages.error.noAttendance'),
          ];
      return this.showCheckIn(request, response, id, { errors: messages, posted: body }, 422);
    }
    seeOther(response, `/meetings/${id}/check-in?saved=1`);
  }

  private async showCheckIn(
    request: Request,
    response: Response,
    id: number,
    state: CheckInState,
    status = 200,
  ): Promise<void> {
    const detail = await this.meetings.detail(id);
    const model = checkInView(this.views, detail, state, this.clock.now());
    this.views.sendPage(request, response, 'pages/meetings/check-in', model, status);
  }
}
