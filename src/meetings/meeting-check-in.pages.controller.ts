import { Body, Controller, Get, HttpStatus, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentUser } from '../auth/auth.decorators';
import type { User } from '../auth/user';
import { Clock } from '../common/clock';
import { IdPipe } from '../common/id.pipe';
import { submitForm } from '../web/forms';
import { ViewService } from '../web/view.service';
import { AttendanceService } from './attendance.service';
import { ATTENDANCE_STATUSES } from './meeting-kinds';
import {
  list,
  peopleOf,
  personKey,
  personName,
  problems,
  text,
  type Form,
} from './meeting-pages.kit';
import { MeetingsService } from './meetings.service';
import { RecordAttendanceDto } from './record-attendance.dto';

/** What the partner answered → the attendance preset on the check-in screen. */
const PRESET: Record<string, string> = {
  coming: 'present',
  excused: 'excused',
  'not-coming': 'absent',
};

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
    // Plain objects: validateForm turns them into the DTO and checks them like the API does.
    const entries: Form[] = [];
    for (const invitation of detail.invitations) {
      const status = text(body[`status_${invitation.partnerId}`]);
      if (!status) continue;
      const entry: Form = { partnerId: invitation.partnerId, status };
      if (status === 'present') {
        const contactIds: number[] = [];
        const guests: { fullName: string; replacesContactId?: number }[] = [];
        for (const value of list(body[`people_${invitation.partnerId}`])) {
          const person = peopleOf(invitation).find((p) => personKey(p) === value);
          if (!person) continue;
          if (person.contactId !== null) contactIds.push(person.contactId);
          else {
            guests.push({
              fullName: person.fullName,
              ...(person.replacesContactId !== null
                ? { replacesContactId: person.replacesContactId }
                : {}),
            });
          }
        }
        const extra = text(body[`guest_${invitation.partnerId}`]);
        if (extra) guests.push({ fullName: extra });
        if (contactIds.length) entry.contactIds = contactIds;
        if (guests.length) entry.guests = guests;
      }
      entries.push(entry);
    }
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
    response.redirect(HttpStatus.SEE_OTHER, `/meetings/${id}/check-in?saved=1`);
  }

  private async showCheckIn(
    request: Request,
    response: Response,
    id: number,
    state: { saved?: boolean; errors?: string[]; posted?: Form },
    status = 200,
  ): Promise<void> {
    const { meeting, counts, invitations } = await this.meetings.detail(id);
    const posted = state.posted;
    const rows = invitations.map((invitation) => {
      const recorded = invitation.attendance !== null;
      const chosen = posted
        ? text(posted[`status_${invitation.partnerId}`])
        : (invitation.attendance ?? PRESET[invitation.answer ?? ''] ?? '');
      const postedPeople = posted ? list(posted[`people_${invitation.partnerId}`]) : [];
      const people = peopleOf(invitation).map((person, index) => {
        const wasPresent = invitation.present.some((p) =>
          person.contactId !== null
            ? p.contactId === person.contactId
            : p.contactId === null && p.fullName === person.fullName,
        );
        return {
          index,
          key: personKey(person),
          name: personName(this.views, person),
          checked: posted ? postedPeople.includes(personKey(person)) : recorded ? wasPresent : true,
        };
      });
      return {
        partnerId: invitation.partnerId,
        partnerName: invitation.partnerName,
        answer: invitation.answer
          ? this.views.text(`meetings.answer.${invitation.answer}`)
          : this.views.text('meetingsPages.hub.noAnswer'),
        note: invitation.answerNote,
        invited: invitation.invited,
        statuses: ATTENDANCE_STATUSES.map((value) => ({
          value,
          label: this.views.text(`meetings.attendance.${value}`),
          checked: chosen === value,
        })),
        people,
        guest: posted ? text(posted[`guest_${invitation.partnerId}`]) : '',
      };
    });
    const started = this.clock.now().getTime() >= new Date(meeting.startsAt).getTime();
    this.views.sendPage(
      request,
      response,
      'pages/meetings/check-in',
      {
        title: this.views.text('meetingsPages.checkIn.title', { title: meeting.title }),
        meeting: { ...meeting, startsAtIso: meeting.startsAt },
        cancelled: meeting.status === 'cancelled',
        notStarted: !started,
        counts,
        rows,
        saved: state.saved,
        errors: state.errors ?? [],
      },
      status,
    );
  }
}
