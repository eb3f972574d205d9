import { Body, Controller, Get, HttpStatus, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentUser } from '../auth/auth.decorators';
import type { User } from '../auth/user';
import { NotFoundError } from '../common/domain-errors';
import { IdPipe } from '../common/id.pipe';
import { fieldError, InvalidInputException } from '../common/validation';
import { submitForm } from '../web/forms';
import { ViewService } from '../web/view.service';
import { CreateAgendaItemDto, UpdateAgendaItemDto } from './agenda-item.dto';
import { AgendaService } from './agenda.service';
import { AGENDA_ITEM_KINDS } from './meeting-kinds';
import { MeetingOverviewService } from './meeting-overview.service';
import { formNumber, problems, text, type Form } from './meeting-pages.kit';
import { MeetingsService } from './meetings.service';

const AGENDA_FIELDS = [
  'title',
  'kind',
  'presenterContactId',
  'plannedMinutes',
  'themeTitle',
] as const;
type AgendaForm = Record<(typeof AGENDA_FIELDS)[number], string>;

/** The agenda editor: add, edit, move and remove items. */
@ApiExcludeController()
@Controller('meetings')
export class MeetingAgendaPagesController {
  constructor(
    private readonly meetings: MeetingsService,
    private readonly agenda: AgendaService,
    private readonly overview: MeetingOverviewService,
    private readonly views: ViewService,
  ) {}

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
      if (!item) throw new NotFoundError('agendaItem', editId);
      form = {
        title: item.title,
        kind: item.kind,
        presenterContactId: item.presenterContactId === null ? '' : String(item.presenterContactId),
        plannedMinutes: item.plannedMinutes === null ? '' : String(item.plannedMinutes),
        themeTitle: item.themeTitle ?? '',
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
    const outcome = await submitForm(CreateAgendaItemDto, this.agendaFields(form), (value) =>
      this.agenda.create(id, value, user),
    );
    if (!outcome.ok) {
      const errors = problems(this.views, outcome);
      return this.showAgenda(request, response, id, { form, errors }, 422);
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
    const outcome = await submitForm(UpdateAgendaItemDto, this.agendaFields(form), (value) =>
      this.agenda.update(itemId, value, user),
    );
    if (!outcome.ok) {
      const errors = problems(this.views, outcome);
      return this.showAgenda(request, response, id, { form, editId: itemId, errors }, 422);
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
      throw new InvalidInputException([fieldError('direction', 'errors.input.direction')]);
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
    const themes = await this.agenda.themeTitles();
    const form = state.form ?? {
      title: '',
      kind: 'presentation',
      presenterContactId: '',
      plannedMinutes: '',
      themeTitle: '',
    };
    const editing =
      state.editId !== undefined ? items.find((i) => i.id === state.editId) : undefined;
    this.views.sendPage(
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
        themes,
        errors: state.errors ?? [],
        saved: state.saved,
      },
      status,
    );
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
      // Always sent by the form: blank takes the theme off.
      themeTitle: form.themeTitle || null,
    };
  }

  private async itemOf(meetingId: number, itemId: number) {
    const item = await this.meetings.agendaItemById(itemId);
    if (!item || item.meetingId !== meetingId) throw new NotFoundError('agendaItem', itemId);
    return item;
  }
}
