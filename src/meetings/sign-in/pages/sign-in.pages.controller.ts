import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentUser } from '../../../auth/auth.decorators';
import type { User } from '../../../auth/users/user.entity';
import { Clock } from '../../../common/clock';
import { IdPipe } from '../../../common/id.pipe';
import { isRefusal, submitForm, type Form, queryOf } from '../../../common/web/forms';
import { sendPdf } from '../../../common/web/pdf/pdf-response';
import { ViewService } from '../../../common/web/view.service';
import { AttendanceService } from '../../attendance/attendance.service';
import { RecordAttendanceDto } from '../../attendance/record-attendance.dto';
import { MeetingsService } from '../../meetings.service';
import { problems } from '../../pages/meeting-pages.kit';
import { sendScan } from '../send-scan';
import { SignInScansService, type UploadedScan } from '../sign-in-scans.service';
import { SignInSheetDocument } from '../sign-in-sheet.document';
import { SignInSheetService } from '../sign-in-sheet.service';
import { SignInSheetQueryDto } from '../sign-in.dto';
import { sheetAttendance, signInView, type SignInState } from './sign-in.view-model';
import { seeOther } from '../../../common/http-answers';

/**
 * The sign-in screen of a meeting: the sheet to print, attendance ticked from the signed sheet
 * (through the attendance service, like the check-in screen) and the scanned sheets.
 */
@ApiExcludeController()
@Controller('meetings')
export class SignInPagesController {
  constructor(
    private readonly meetings: MeetingsService,
    private readonly sheets: SignInSheetService,
    private readonly document: SignInSheetDocument,
    private readonly scans: SignInScansService,
    private readonly attendance: AttendanceService,
    private readonly views: ViewService,
    private readonly clock: Clock,
  ) {}

  @Get(':id/sign-in-sheet.pdf')
  async sheet(
    @Param('id', IdPipe) id: number,
    @Query() raw: Form,
    @Res() response: Response,
  ): Promise<void> {
    const query = await queryOf(SignInSheetQueryDto, raw);
    const { pdf, fileName } = await this.document.ofMeeting(id, query.blank);
    await sendPdf(response, pdf, fileName);
  }

  @Get(':id/sign-in')
  async page(
    @Param('id', IdPipe) id: number,
    @Req() request: Request,
    @Res() response: Response,
    @Query() raw: Form,
  ): Promise<void> {
    await this.show(request, response, id, {
      saved: raw.saved === '1',
      uploaded: raw.uploaded === '1',
      deleted: raw.deleted === '1',
    });
  }

  @Post(':id/sign-in')
  async record(
    @Param('id', IdPipe) id: number,
    @Req() request: Request,
    @Res() response: Response,
    @Body() body: Form,
    @CurrentUser() user: User,
  ): Promise<void> {
    const [detail, sheet] = await Promise.all([this.meetings.detail(id), this.sheets.sheet(id)]);
    const { entries, walkInProblems } = sheetAttendance(detail, sheet, body);
    if (walkInProblems.length) {
      const errors = walkInProblems.map((line) => this.views.text('signIn.error.walkIn', { line }));
      return this.show(request, response, id, { errors, posted: body }, 422);
    }
    const outcome = await submitForm(RecordAttendanceDto, { entries }, (value) =>
      this.attendance.recordAttendance(id, value, user),
    );
    if (!outcome.ok) {
      const errors = entries.length
        ? problems(this.views, outcome)
        : [this.views.text('signIn.error.nobodyInvited')];
      return this.show(request, response, id, { errors, posted: body }, 422);
    }
    seeOther(response, `/meetings/${id}/sign-in?saved=1`);
  }

  @Post(':id/sign-in/scans')
  async upload(
    @Param('id', IdPipe) id: number,
    @Req() request: Request & { file?: UploadedScan },
    @Res() response: Response,
    @CurrentUser() user: User,
  ): Promise<void> {
    try {
      await this.scans.upload(id, request.file, user);
    } catch (error) {
      if (!isRefusal('rule')(error)) throw error;
      const scanErrors = [this.views.errorText(error)];
      return this.show(request, response, id, { scanErrors }, 422);
    }
    seeOther(response, `/meetings/${id}/sign-in?uploaded=1#scans`);
  }

  @Get(':id/sign-in/scans/:scanId')
  async download(
    @Param('id', IdPipe) id: number,
    @Param('scanId', IdPipe) scanId: number,
    @Res() response: Response,
  ): Promise<void> {
    sendScan(response, await this.scans.download(id, scanId));
  }

  @Post(':id/sign-in/scans/:scanId/delete')
  async remove(
    @Param('id', IdPipe) id: number,
    @Param('scanId', IdPipe) scanId: number,
    @Res() response: Response,
    @CurrentUser() user: User,
  ): Promise<void> {
    await this.scans.remove(id, scanId, user);
    seeOther(response, `/meetings/${id}/sign-in?deleted=1#scans`);
  }

  private async show(
    request: Request,
    response: Response,
    id: number,
    state: SignInState,
    status = 200,
  ): Promise<void> {
    const [detail, sheet] = await Promise.all([this.meetings.detail(id), this.sheets.sheet(id)]);
    const scans = await this.scans.listOfKnownMeeting(id);
    const model = signInView(
      this.views,
      detail,
      sheet,
      scans,
      state,
      this.clock.now(),
      this.scans.maxMegabytes(),
    );
    this.views.sendPage(request, response, 'pages/meetings/sign-in', model, status);
  }
}
