import { Body, Controller, Get, Header, HttpCode, Param, Patch, Post, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser } from '../../auth/auth.decorators';
import type { User } from '../../auth/users/user.entity';
import { IdPipe } from '../../common/id.pipe';
import { AnswerInvitationDto } from '../invitations/answer-invitation.dto';
import { CreateInvitationsDto } from '../invitations/create-invitations.dto';
import { CreateSeriesDto } from './create-series.dto';
import { MeetingSeriesService } from './meeting-series.service';
import { UpdateSeriesDto } from './update-series.dto';
import { offerFile } from '../../common/http-answers';

/** Meeting series (docs/meeting-series.md); each occurrence is also a meeting of /api/meetings. */
@ApiTags('meeting-series')
@Controller('api/meeting-series')
export class MeetingSeriesController {
  constructor(private readonly series: MeetingSeriesService) {}

  @Post()
  @ApiOperation({
    summary: 'Schedule a repeating meeting (weekly, or monthly on the n-th weekday)',
    description:
      'Days and times are in TIME_ZONE; each occurrence becomes a meeting. At most 100 occurrences within 2 years.',
  })
  create(@Body() dto: CreateSeriesDto, @CurrentUser() user: User) {
    return this.series.create(dto, user);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A series with its rule and occurrences (date, state, moved)' })
  detail(@Param('id', IdPipe) id: number) {
    return this.series.detail(id);
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Change the series: its coming occurrences, not those moved on their own',
  })
  update(@Param('id', IdPipe) id: number, @Body() dto: UpdateSeriesDto, @CurrentUser() user: User) {
    return this.series.update(id, dto, user);
  }

  @Post(':id/invitations')
  @ApiOperation({
    summary: 'Invite partners to every coming occurrence (one mail per contact for the series)',
  })
  invite(
    @Param('id', IdPipe) id: number,
    @Body() dto: CreateInvitationsDto,
    @CurrentUser() user: User,
  ) {
    return this.series.invite(id, dto, user);
  }

  @Post(':id/partners/:partnerId/answer')
  @HttpCode(200)
  @ApiOperation({ summary: "A partner's answer for every coming occurrence it is invited to" })
  answer(
    @Param('id', IdPipe) id: number,
    @Param('partnerId', IdPipe) partnerId: number,
    @Body() dto: AnswerInvitationDto,
  ) {
    return this.series.answerForPartner(id, partnerId, dto);
  }

  @Get(':id/ics')
  @ApiProduces('text/calendar')
  @Header('Content-Type', 'text/calendar; charset=utf-8')
  @ApiOperation({ summary: 'The series as an iCalendar file (RRULE, EXDATE, RECURRENCE-ID)' })
  async ics(
    @Param('id', IdPipe) id: number,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    const { filename, text } = await this.series.seriesIcs(id);
    offerFile(response, filename);
    return text;
  }
}
