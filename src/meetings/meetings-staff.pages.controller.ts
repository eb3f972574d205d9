import { Body, Controller, Get, HttpStatus, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentUser } from '../auth/auth.decorators';
import type { User } from '../auth/user';
import { Clock } from '../common/clock';
import { NotFoundError, RuleViolationError } from '../common/domain-errors';
import { IdPipe } from '../common/id.pipe';
import { MAX_PAGE_SIZE } from '../common/pagination';
import { InvalidInputException, type FieldError } from '../common/validation';
import { AppConfig } from '../config/app-config';
import { PARTNER_KINDS } from '../partners/partner-kind';
import { PartnersService } from '../partners/partners.service';
import { calendarDayInZone, startOfDayInZone } from '../web/format';
import { validateForm } from '../web/forms';
import { pageHref, pager } from '../web/pager';
import { ViewService } from '../web/view.service';
import { CreateAgendaItemDto, UpdateAgendaItemDto } from './agenda-item.dto';
import { AgendaService } from './agenda.service';
import { CancelMeetingDto } from './cancel-meeting.dto';
import { CreateInvitationsDto } from './create-invitations.dto';
import { CreateMeetingDto } from './create-meeting.dto';
import { InvitationsService } from './invitations.service';
import { ListMeetingsQueryDto } from './list-meetings-query.dto';
import { addDays, instantToLocal, isoWeek, localToInstant, weekdayIndex } from './local-time';
import {
  AGENDA_ITEM_KINDS,
  ATTENDANCE_STATUSES,
  MEETING_KINDS,
  MEETING_STATUSES,
} from './meeting-kinds';
import { MeetingOverviewService } from './meeting-overview.service';
import {
  CalendarQueryDto,
  InvitePageQueryDto,
  MeetingsPageQueryDto,
  WHEN,
} from './meeting-pages.dto';
import type { AttendeeResponse, InvitationResponse, MeetingResponse } from './meeting.mappers';
import { MeetingsService } from './meetings.service';
import { RecordAttendanceDto } from './record-attendance.dto';
import { UpdateMeetingDto } from './update-meeting.dto';

type Form = Record<string, unknown>;

/** The text fields of the meeting form, as typed. */
const MEETING_FIELDS = [
  'title',
  'kind',
  'description',
  'startDate',
  'startTime',
  'endDate',
  'endTime',
  'venueName',
  'venueAddress',
  'latitude',
  'longitude',
  'onlineUrl',
] as const;
type MeetingForm = Record<(typeof MEETING_FIELDS)[number], string>;

const AGENDA_FIELDS = ['title', 'kind', 'presenterContactId', 'plannedMinutes'] as const;
type AgendaForm = Record<(typeof AGENDA_FIELDS)[number], string>;

/** What the partner answered → the attendance preset on the check-in screen. */
const PRESET: Record<string, string> = {
  coming: 'present',
  excused: 'excused',
  'not-coming': 'absent',
};

function text(value: unknown): string {
  if (typeof value === 'string') return value.trim();
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0].trim();
  return '';
}

function list(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
}

/** A person on the check-in screen: a contact by id, someone else by name (stable between posts). */
function personKey(person: AttendeeResponse): string {
  return person.contactId !== null ? `c${person.contactId}` : `g${person.fullName}`;
}

/** A whole number typed in a form, or NaN for the validators to refuse; '' → null. */
function formNumber(value: string, decimal = false): number | null {
  if (value === '') return null;
  const normalised = decimal ? value.replace(',', '.') : value;
  return (decimal ? /^-?\d+(\.\d+)?$/ : /^\d+$/).test(normalised) ? Number(normalised) : NaN;
}

/**
 * The staff pages of meetings: list and month calendar, schedule / edit / cancel, the meeting's
 * hub (answers, agenda, links), invitations, the check-in screen and the agenda editor. Thin: the
 * rules are the services'; this builds view models and turns form fields into the API's DTOs.
 */
@ApiExcludeController()
@Controller('meetings')
export class MeetingsStaffPagesController {
  constructor(
    private readonly meetings: MeetingsService,
    private readonly invitations: InvitationsService,
    private readonly agenda: AgendaService,
    private readonly overview: MeetingOverviewService,
    private readonly partners: PartnersService,
    private readonly views: ViewService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  // ---- list and calendar ------------------------------------------------------------------

  @Get()
  async index(@Req() request: Request, @Res() response: Response, @Query() raw: Form) {
    const query = await this.query(MeetingsPageQueryDto, raw);
    const when = query.when ?? 'upcoming';
    const tz = this.config.timeZone;
    const listQuery = Object.assign(new ListMeetingsQueryDto(), {
      page: query.page,
      pageSize: query.pageSize,
      status: query.status,
      upcoming: when === 'upcoming' ? true : when === 'past' ? false : undefined,
      from: query.from ? startOfDayInZone(query.from, tz).toISOString() : undefined,
      to: query.to ? startOfDayInZone(addDays(query.to, 1), tz).toISOString() : undefined,
    });
    const page = await this.meetings.list(listQuery);
    const counts = await this.overview.answerCounts(page.items.map((m) => m.id));
    const links = pageHref('/meetings', {
      when,
      status: query.status,
      from: query.from,
      to: query.to,
      pageSize: query.pageSize === 20 ? undefined : query.pageSize,
    });
    this.send(request, response, 'pages/meetings/index', {
      title: this.views.text('meetingsPages.list.title'),
      meetings: page.items.map((m) => ({
        ...this.meetingView(m),
        counts: counts.get(m.id),
      })),
      total: page.total,
      filters: {
        from: query.from ?? '',
        to: query.to ?? '',
        whens: WHEN.map((value) => ({
          value,
          label: this.views.text(`meetingsPages.list.when.${value}`),
          selected: value === when,
        })),
        statuses: MEETING_STATUSES.map((value) => ({
          value,
          label: this.views.text(`meetings.status.${value}`),
          selected: value === query.status,
        })),
      },
      pager: pager(page.page, page.pageSize, page.total, links),
    });
  }

  @Get('calendar')
  async calendar(@Req() request: Request, @Res() response: Response, @Query() raw: Form) {
    const query = await this.query(CalendarQueryDto, raw);
    const tz = this.config.timeZone;
    const today = calendarDayInZone(this.clock.now(), tz);
    const month = query.month ?? today.slice(0, 7);
    const first = `${month}-01`;
    const [year, monthNumber] = month.split('-').map(Number);
    const last = new Date(Date.UTC(year, monthNumber, 0)).toISOString().slice(0, 10);
    const gridStart = addDays(first, -weekdayIndex(first));
    const gridEnd = addDays(last, 6 - weekdayIndex(last));
    const meetings = await this.overview.startingBetween(
      startOfDayInZone(gridStart, tz),
      startOfDayInZone(addDays(gridEnd, 1), tz),
    );
    const byDay = new Map<string, MeetingResponse[]>();
    for (const m of meetings) {
      const day = calendarDayInZone(new Date(m.startsAt), tz);
      byDay.set(day, [...(byDay.get(day) ?? []), m]);
    }
    const weeks: unknown[] = [];
    for (let monday = gridStart; monday <= gridEnd; monday = addDays(monday, 7)) {
      weeks.push({
        number: isoWeek(monday),
        days: Array.from({ length: 7 }, (_, i) => {
          const day = addDays(monday, i);
          return {
            day,
            dayOfMonth: Number(day.slice(8)),
            outside: day.slice(0, 7) !== month,
            today: day === today,
            meetings: (byDay.get(day) ?? []).map((m) => this.meetingView(m)),
          };
        }),
      });
    }
    const shift = (delta: number) => {
      const d = new Date(Date.UTC(year, monthNumber - 1 + delta, 1));
      return d.toISOString().slice(0, 7);
    };
    this.send(request, response, 'pages/meetings/calendar', {
      title: this.views.text('meetingsPages.calendar.title'),
      month: first,
      weekdays: [0, 1, 2, 3, 4, 5, 6].map((i) => ({
        short: this.views.text(`meetingsPages.calendar.weekdayShort.${i}`),
        long: this.views.text(`meetingsPages.calendar.weekday.${i}`),
      })),
      weeks,
      previous: `/meetings/calendar?month=${shift(-1)}`,
      next: `/meetings/calendar?month=${shift(1)}`,
      count: meetings.filter((m) => calendarDayInZone(new Date(m.startsAt), tz).startsWith(month))
        .length,
    });
  }

  // ---- schedule, edit, cancel ---------------------------------------------------------------

  @Get('new')
  newForm(@Req() request: Request, @Res() response: Response): void {
    const form = Object.fromEntries(MEETING_FIELDS.map((f) => [f, ''])) as MeetingForm;
    form.kind = 'network-meeting';
    this.showMeetingForm(request, response, { form });
  }

  @Post()
  async create(
    @Req() request: Request,
    @Res() response: Response,
    @Body() body: Form,
    @CurrentUser() user: User,
  ): Promise<void> {
    const form = this.meetingForm(body);
    const { value, errors } = await validateForm(CreateMeetingDto, this.meetingFields(form));
    if (errors.length) return this.showMeetingForm(request, response, { form, errors }, 422);
    try {
      const meeting = await this.meetings.create(value, user);
      response.redirect(HttpStatus.SEE_OTHER, `/meetings/${meeting.id}?created=1`);
    } catch (error) {
      const errors = this.ruleErrors(error);
      this.showMeetingForm(request, response, { form, errors }, 422);
    }
  }

  @Get(':id/edit')
  async editForm(
    @Param('id', IdPipe) id: number,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const meeting = await this.meetings.findMeeting(id);
    const tz = this.config.timeZone;
    const start = instantToLocal(meeting.startsAt, tz);
    const end = instantToLocal(meeting.endsAt, tz);
    const form: MeetingForm = {
      title: meeting.title,
      kind: meeting.kind,
      description: meeting.description ?? '',
      startDate: start.day,
      startTime: start.time,
      endDate: end.day === start.day ? '' : end.day,
      endTime: end.time,
      venueName: meeting.venueName ?? '',
      venueAddress: meeting.venueAddress ?? '',
      latitude: meeting.latitude === null ? '' : String(meeting.latitude),
      longitude: meeting.longitude === null ? '' : String(meeting.longitude),
      onlineUrl: meeting.onlineUrl ?? '',
    };
    this.showMeetingForm(request, response, {
      form,
      meetingId: id,
      cancelled: meeting.status === 'cancelled',
    });
  }

  @Post(':id/edit')
  async edit(
    @Param('id', IdPipe) id: number,
    @Req() request: Request,
    @Res() response: Response,
    @Body() body: Form,
    @CurrentUser() user: User,
  ): Promise<void> {
    await this.meetings.findMeeting(id);
    const form = this.meetingForm(body);
    const { value, errors } = await validateForm(UpdateMeetingDto, this.meetingFields(form));
    if (errors.length) {
      return this.showMeetingForm(request, response, { form, errors, meetingId: id }, 422);
    }
    try {
      await this.meetings.update(id, value, user);
      response.redirect(HttpStatus.SEE_OTHER, `/meetings/${id}?saved=1`);
    } catch (error) {
      const errors = this.ruleErrors(error);
      this.showMeetingForm(request, response, { form, errors, meetingId: id }, 422);
    }
  }

  @Post(':id/cancel')
  async cancel(
    @Param('id', IdPipe) id: number,
    @Req() request: Request,
    @Res() response: Response,
    @Body() body: Form,
    @CurrentUser() user: User,
  ): Promise<void> {
    const reason = text(body.reason);
    const { value, errors } = await validateForm(CancelMeetingDto, { reason });
    if (errors.length) {
      const messages = [this.views.text('meetingsPages.error.reason')];
      return this.showHub(request, response, id, { cancelErrors: messages, reason }, 422);
    }
    try {
      await this.meetings.cancel(id, value.reason, user);
    } catch (error) {
      const messages = this.ruleErrors(error).map((e) => e.message);
      return this.showHub(request, response, id, { cancelErrors: messages, reason }, 422);
    }
    response.redirect(HttpStatus.SEE_OTHER, `/meetings/${id}?cancelled=1`);
  }

  // ---- the hub ----------------------------------------------------------------------------

  @Get(':id')
  async hub(
    @Param('id', IdPipe) id: number,
    @Req() request: Request,
    @Res() response: Response,
    @Query() raw: Form,
  ): Promise<void> {
    const flash = ['created', 'saved', 'cancelled'].find((key) => raw[key] === '1');
    await this.showHub(request, response, id, {
      flash: flash ? this.views.text(`meetingsPages.flash.${flash}`) : undefined,
    });
  }

  // ---- invitations ------------------------------------------------------------------------

  @Get(':id/invite')
  async inviteForm(
    @Param('id', IdPipe) id: number,
    @Req() request: Request,
    @Res() response: Response,
    @Query() raw: Form,
  ): Promise<void> {
    const query = await this.query(InvitePageQueryDto, raw);
    await this.showInvite(request, response, id, query);
  }

  @Post(':id/invite')
  async invite(
    @Param('id', IdPipe) id: number,
    @Req() request: Request,
    @Res() response: Response,
    @Body() body: Form,
    @CurrentUser() user: User,
  ): Promise<void> {
    const meeting = await this.meetings.findMeeting(id);
    const mode = text(body.mode);
    const input =
      mode === 'all'
        ? { all: true }
        : mode === 'kinds'
          ? { kinds: list(body.kinds) }
          : { partnerIds: list(body.partnerIds).map((v) => formNumber(v) ?? NaN) };
    const { value, errors } = await validateForm(CreateInvitationsDto, input);
    const again = { q: text(body.q) || undefined, page: 1 } as InvitePageQueryDto;
    if (errors.length) {
      const message = this.views.text(
        mode === 'kinds' ? 'meetingsPages.error.kinds' : 'meetingsPages.error.partnerIds',
      );
      return this.showInvite(request, response, id, again, [message], 422);
    }
    try {
      const result = await this.invitations.invite(id, value, user);
      this.send(request, response, 'pages/meetings/invite-result', {
        title: this.views.text('meetingsPages.invite.resultTitle', { title: meeting.title }),
        meeting: { id, title: meeting.title },
        created: result.created,
        alreadyInvited: result.alreadyInvited,
        links: result.links,
      });
    } catch (error) {
      const messages = this.ruleErrors(error).map((e) => e.message);
      return this.showInvite(request, response, id, again, messages, 422);
    }
  }

  /** A new answer link for one partner (the previous one stops working), shown once. */
  @Post(':id/invitations/:invitationId/answer-link')
  async reissueLink(
    @Param('id', IdPipe) id: number,
    @Param('invitationId', IdPipe) invitationId: number,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const meeting = await this.meetings.findMeeting(id);
    const { url } = await this.invitations.reissueAnswerLink(id, invitationId);
    const invitation = (await this.meetings.invitationsOf(id)).find((i) => i.id === invitationId);
    this.send(request, response, 'pages/meetings/answer-link', {
      title: this.views.text('meetingsPages.link.title', { title: meeting.title }),
      meeting: { id, title: meeting.title },
      partnerName: invitation?.partnerName ?? '',
      url,
    });
  }

  // ---- check-in ---------------------------------------------------------------------------

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
          const person = this.people(invitation).find((p) => personKey(p) === value);
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
    const { value, errors } = await validateForm(RecordAttendanceDto, { entries });
    if (errors.length) {
      const message = entries.length
        ? this.views.text('meetingsPages.error.attendance')
        : this.views.text('meetingsPages.error.noAttendance');
      return this.showCheckIn(request, response, id, { errors: [message], posted: body }, 422);
    }
    try {
      await this.invitations.recordAttendance(id, value, user);
    } catch (error) {
      const messages = this.ruleErrors(error).map((e) => e.message);
      return this.showCheckIn(request, response, id, { errors: messages, posted: body }, 422);
    }
    response.redirect(HttpStatus.SEE_OTHER, `/meetings/${id}/check-in?saved=1`);
  }

  // ---- agenda -----------------------------------------------------------------------------

  @Get(':id/agenda')
  async agendaPage(
    @Param('id', IdPipe) id: number,
    @Req() request: Request,
    @Res() response: Response,
    @Query() raw: Form,
  ): Promise<void> {
    const editId = formNumber(text(raw.edit));
    let form: AgendaForm | undefined;
    if (editId) {
      const item = (await this.agenda.list(id)).find((i) => i.id === editId);
      if (!item) throw new NotFoundError('Agenda item', editId);
      form = {
        title: item.title,
        kind: item.kind,
        presenterContactId: item.presenterContactId === null ? '' : String(item.presenterContactId),
        plannedMinutes: item.plannedMinutes === null ? '' : String(item.plannedMinutes),
      };
    }
    await this.showAgenda(request, response, id, {
      form,
      editId: editId ?? undefined,
      saved: raw.saved === '1',
    });
  }

  @Post(':id/agenda')
  async addItem(
    @Param('id', IdPipe) id: number,
    @Req() request: Request,
    @Res() response: Response,
    @Body() body: Form,
    @CurrentUser() user: User,
  ): Promise<void> {
    await this.meetings.findMeeting(id);
    const form = this.agendaForm(body);
    const { value, errors } = await validateForm(CreateAgendaItemDto, this.agendaFields(form));
    if (errors.length) {
      return this.showAgenda(request, response, id, { form, errors: this.messages(errors) }, 422);
    }
    try {
      await this.agenda.create(id, value, user);
    } catch (error) {
      const messages = this.ruleErrors(error).map((e) => e.message);
      return this.showAgenda(request, response, id, { form, errors: messages }, 422);
    }
    response.redirect(HttpStatus.SEE_OTHER, `/meetings/${id}/agenda?saved=1`);
  }

  @Post(':id/agenda/:itemId')
  async updateItem(
    @Param('id', IdPipe) id: number,
    @Param('itemId', IdPipe) itemId: number,
    @Req() request: Request,
    @Res() response: Response,
    @Body() body: Form,
    @CurrentUser() user: User,
  ): Promise<void> {
    await this.itemOf(id, itemId);
    const form = this.agendaForm(body);
    const { value, errors } = await validateForm(UpdateAgendaItemDto, this.agendaFields(form));
    const state = { form, editId: itemId };
    if (errors.length) {
      return this.showAgenda(
        request,
        response,
        id,
        { ...state, errors: this.messages(errors) },
        422,
      );
    }
    try {
      await this.agenda.update(itemId, value, user);
    } catch (error) {
      const messages = this.ruleErrors(error).map((e) => e.message);
      return this.showAgenda(request, response, id, { ...state, errors: messages }, 422);
    }
    response.redirect(HttpStatus.SEE_OTHER, `/meetings/${id}/agenda?saved=1`);
  }

  @Post(':id/agenda/:itemId/move')
  async moveItem(
    @Param('id', IdPipe) id: number,
    @Param('itemId', IdPipe) itemId: number,
    @Res() response: Response,
    @Body() body: Form,
    @CurrentUser() user: User,
  ): Promise<void> {
    const item = await this.itemOf(id, itemId);
    const direction = text(body.direction);
    if (direction !== 'up' && direction !== 'down') {
      throw new InvalidInputException([{ field: 'direction', messages: ['up or down'] }]);
    }
    const position = item.position + (direction === 'up' ? -1 : 1);
    if (position >= 1) await this.agenda.update(itemId, { position }, user);
    response.redirect(HttpStatus.SEE_OTHER, `/meetings/${id}/agenda?saved=1#item-${itemId}`);
  }

  @Post(':id/agenda/:itemId/remove')
  async removeItem(
    @Param('id', IdPipe) id: number,
    @Param('itemId', IdPipe) itemId: number,
    @Res() response: Response,
    @CurrentUser() user: User,
  ): Promise<void> {
    await this.itemOf(id, itemId);
    await this.agenda.remove(itemId, user);
    response.redirect(HttpStatus.SEE_OTHER, `/meetings/${id}/agenda?saved=1`);
  }

  // ---- view models ------------------------------------------------------------------------

  private meetingView(m: MeetingResponse) {
    return {
      id: m.id,
      title: m.title,
      startsAt: m.startsAt,
      endsAt: m.endsAt,
      venueName: m.venueName,
      kind: this.views.text(`meetings.kind.${m.kind}`),
      status: this.views.text(`meetings.status.${m.status}`),
      cancelled: m.status === 'cancelled',
    };
  }

  private async showHub(
    request: Request,
    response: Response,
    id: number,
    extra: Form,
    status = 200,
  ): Promise<void> {
    const t = (key: string) => this.views.text(key);
    const { meeting, counts, invitations, agenda } = await this.meetings.detail(id);
    const started = this.clock.now().getTime() >= new Date(meeting.startsAt).getTime();
    this.send(
      request,
      response,
      'pages/meetings/show',
      {
        title: meeting.title,
        meeting: { ...meeting, startsAtIso: meeting.startsAt },
        kind: t(`meetings.kind.${meeting.kind}`),
        status: t(`meetings.status.${meeting.status}`),
        cancelled: meeting.status === 'cancelled',
        canInvite: meeting.status === 'planned' && !started,
        canCancel: meeting.status === 'planned',
        canEdit: meeting.status !== 'cancelled',
        counts,
        agenda,
        invitations: invitations.map((i) => ({
          id: i.id,
          partnerName: i.partnerName,
          invited: i.invited,
          answer: i.answer ? t(`meetings.answer.${i.answer}`) : t('meetingsPages.hub.noAnswer'),
          attendance: i.attendance ? t(`meetings.attendance.${i.attendance}`) : '',
          expected: i.expected.map((a) => this.personName(a)).join(', '),
          expectedCount: i.expected.length,
          note: i.answerNote,
        })),
        ...extra,
      },
      status,
    );
  }

  private async showInvite(
    request: Request,
    response: Response,
    id: number,
    query: InvitePageQueryDto,
    errors: string[] = [],
    status = 200,
  ): Promise<void> {
    const meeting = await this.meetings.findMeeting(id);
    const invited = await this.overview.invitedPartnerIds(id);
    const pageSize = MAX_PAGE_SIZE;
    const page = await this.partners.list({
      page: query.page ?? 1,
      pageSize,
      q: query.q,
      kind: query.kind ? [query.kind] : undefined,
      active: 'true',
    });
    const links = pageHref(`/meetings/${id}/invite`, { q: query.q, kind: query.kind });
    const kinds = PARTNER_KINDS.map((value) => ({
      value,
      label: this.views.text(`meetingsPages.partnerKind.${value}`),
      selected: value === query.kind,
    }));
    const started = this.clock.now().getTime() >= meeting.startsAt.getTime();
    this.send(
      request,
      response,
      'pages/meetings/invite',
      {
        title: this.views.text('meetingsPages.invite.title', { title: meeting.title }),
        meeting: { id, title: meeting.title },
        closed: meeting.status !== 'planned' || started,
        errors,
        q: query.q ?? '',
        kinds,
        kindLabel: query.kind ? this.views.text(`meetingsPages.partnerKind.${query.kind}`) : '',
        kind: query.kind ?? '',
        invitedCount: invited.size,
        total: page.total,
        partners: page.items.map(({ partner }) => ({
          id: partner.id,
          name: partner.name,
          kind: this.views.text(`meetingsPages.partnerKind.${partner.kind}`),
          invited: invited.has(partner.id),
        })),
        selectable: page.items.some(({ partner }) => !invited.has(partner.id)),
        pager: pager(page.page, pageSize, page.total, links),
      },
      status,
    );
  }

  /** The people a partner announced, then those recorded as present who were not announced. */
  private people(invitation: InvitationResponse): AttendeeResponse[] {
    const same = (a: AttendeeResponse, b: AttendeeResponse) =>
      a.contactId !== null
        ? a.contactId === b.contactId
        : b.contactId === null && a.fullName === b.fullName;
    return [
      ...invitation.expected,
      ...invitation.present.filter((p) => !invitation.expected.some((e) => same(e, p))),
    ];
  }

  private personName(a: AttendeeResponse): string {
    return a.replacesName
      ? this.views.text('meetingsPages.replaces', { name: a.fullName, replaced: a.replacesName })
      : a.fullName;
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
      const people = this.people(invitation).map((person, index) => {
        const wasPresent = invitation.present.some((p) =>
          person.contactId !== null
            ? p.contactId === person.contactId
            : p.contactId === null && p.fullName === person.fullName,
        );
        return {
          index,
          key: personKey(person),
          name: this.personName(person),
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
    this.send(
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

  private async showAgenda(
    request: Request,
    response: Response,
    id: number,
    state: { form?: AgendaForm; editId?: number; errors?: string[]; saved?: boolean },
    status = 200,
  ): Promise<void> {
    const meeting = await this.meetings.findMeeting(id);
    const items = await this.meetings.agendaOf(id);
    const choices = await this.overview.presenterChoices();
    const form = state.form ?? {
      title: '',
      kind: 'presentation',
      presenterContactId: '',
      plannedMinutes: '',
    };
    const editing =
      state.editId !== undefined ? items.find((i) => i.id === state.editId) : undefined;
    this.send(
      request,
      response,
      'pages/meetings/agenda',
      {
        title: this.views.text('meetingsPages.agenda.title', { title: meeting.title }),
        meeting: { id, title: meeting.title },
        cancelled: meeting.status === 'cancelled',
        items: items.map((item, index) => ({
          ...item,
          kindLabel: this.views.text(`meetingsPages.agendaKind.${item.kind}`),
          first: index === 0,
          last: index === items.length - 1,
          editing: item.id === state.editId,
        })),
        editing: editing ? { id: editing.id, title: editing.title } : undefined,
        action: editing ? `/meetings/${id}/agenda/${editing.id}` : `/meetings/${id}/agenda`,
        form,
        kinds: AGENDA_ITEM_KINDS.map((value) => ({
          value,
          label: this.views.text(`meetingsPages.agendaKind.${value}`),
          selected: value === form.kind,
        })),
        presenters: choices.map((group) => ({
          partnerName: group.partnerName,
          contacts: group.contacts.map((c) => ({
            ...c,
            selected: String(c.id) === form.presenterContactId,
          })),
        })),
        errors: state.errors ?? [],
        saved: state.saved,
      },
      status,
    );
  }

  private showMeetingForm(
    request: Request,
    response: Response,
    state: { form: MeetingForm; errors?: FieldError[]; meetingId?: number; cancelled?: boolean },
    status = 200,
  ): void {
    const errors = state.errors ?? [];
    const fieldErrors: Record<string, string> = {};
    for (const error of errors) {
      const field =
        error.field === 'startsAt'
          ? 'startDate'
          : error.field === 'endsAt'
            ? 'endTime'
            : error.field;
      fieldErrors[field] ??=
        (error as { message?: string }).message ?? this.fieldMessage(error.field);
    }
    const editing = state.meetingId !== undefined;
    this.send(
      request,
      response,
      'pages/meetings/form',
      {
        title: editing
          ? this.views.text('meetingsPages.form.editTitle', { title: state.form.title })
          : this.views.text('meetingsPages.form.newTitle'),
        heading: editing
          ? this.views.text('meetingsPages.form.editHeading')
          : this.views.text('meetingsPages.form.newTitle'),
        action: editing ? `/meetings/${state.meetingId}/edit` : '/meetings',
        back: editing ? `/meetings/${state.meetingId}` : '/meetings',
        cancelled: state.cancelled,
        form: state.form,
        kinds: MEETING_KINDS.map((value) => ({
          value,
          label: this.views.text(`meetings.kind.${value}`),
          selected: value === state.form.kind,
        })),
        errors: [...new Set(Object.values(fieldErrors))],
        fieldErrors,
        timeZone: this.config.timeZone,
      },
      status,
    );
  }

  // ---- forms ------------------------------------------------------------------------------

  private meetingForm(body: Form): MeetingForm {
    return Object.fromEntries(MEETING_FIELDS.map((f) => [f, text(body[f])])) as MeetingForm;
  }

  /** The form's local dates and times → the instants and types of the API's DTO. */
  private meetingFields(form: MeetingForm): Form {
    const tz = this.config.timeZone;
    const startsAt = localToInstant(form.startDate, form.startTime, tz);
    const endsAt = localToInstant(form.endDate || form.startDate, form.endTime, tz);
    return {
      title: form.title,
      kind: form.kind,
      description: form.description || null,
      startsAt: startsAt ? startsAt.toISOString() : 'invalid',
      endsAt: endsAt ? endsAt.toISOString() : 'invalid',
      venueName: form.venueName || null,
      venueAddress: form.venueAddress || null,
      latitude: formNumber(form.latitude, true),
      longitude: formNumber(form.longitude, true),
      onlineUrl: form.onlineUrl || null,
    };
  }

  private agendaForm(body: Form): AgendaForm {
    return Object.fromEntries(AGENDA_FIELDS.map((f) => [f, text(body[f])])) as AgendaForm;
  }

  private agendaFields(form: AgendaForm): Form {
    return {
      title: form.title,
      kind: form.kind,
      presenterContactId: formNumber(form.presenterContactId),
      plannedMinutes: formNumber(form.plannedMinutes),
    };
  }

  private async itemOf(meetingId: number, itemId: number) {
    const item = await this.meetings.agendaItemById(itemId);
    if (!item || item.meetingId !== meetingId) throw new NotFoundError('Agenda item', itemId);
    return item;
  }

  private fieldMessage(field: string): string {
    const key = `meetingsPages.error.${field}`;
    const message = this.views.text(key);
    return message === key ? this.views.text('meetingsPages.error.other', { field }) : message;
  }

  private messages(errors: FieldError[]): string[] {
    return [...new Set(errors.map((e) => this.fieldMessage(e.field)))];
  }

  /** A broken rule as a form error (its field's message when there is one); anything else rethrown. */
  private ruleErrors(error: unknown): (FieldError & { message: string })[] {
    if (!(error instanceof RuleViolationError)) throw error;
    return [
      {
        field: error.field ?? 'other',
        messages: [error.message],
        message: this.views.errorText(error),
      },
    ];
  }

  /** Query-string filters: unknown parameters (a flash such as saved=1) are ignored. */
  private async query<T extends object>(type: new () => T, raw: Form): Promise<T> {
    const { value, errors } = await validateForm(type, raw);
    if (errors.length) throw new InvalidInputException(errors);
    return value;
  }

  private send(
    request: Request,
    response: Response,
    page: string,
    model: Form,
    status = 200,
  ): void {
    response
      .status(status)
      .type('html')
      .send(this.views.renderPage(request, page, model));
  }
}
