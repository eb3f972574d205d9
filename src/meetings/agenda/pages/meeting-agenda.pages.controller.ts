import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentUser } from '../../../auth/auth.decorators';
import type { User } from '../../../auth/users/user.entity';
import { NotFoundError } from '../../../common/domain-errors';
import { IdPipe } from '../../../common/id.pipe';
import { fieldError, InvalidInputException } from '../../../common/validation';
import { formNumber, formText, submitForm, type Form } from '../../../common/web/forms';
import { ViewService } from '../../../common/web/view.service';
import { CreateAgendaItemDto, UpdateAgendaItemDto } from '../agenda-item.dto';
import { AgendaService } from '../agenda.service';
import {
  agendaFields,
  agendaFormOf,
  agendaView,
  postedAgendaForm,
  type AgendaForm,
  type AgendaPageState,
} from './meeting-agenda.view-model';
import { MeetingOverviewService } from '../../pages/meeting-overview.service';
import { problems } from '../../pages/meeting-pages.kit';
import { MeetingsService } from '../../meetings.service';
import { seeOther } from '../../../common/http-answers';

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
    const editId = formNumber(formText(raw, 'edit'));
    let form: AgendaForm | undefined;
    if (editId) {
      const item = (await this.agenda.list(id)).find((i) => i.id === editId);
      if (!item) throw new NotFoundError('agendaItem', editId);
      form = agendaFormOf(item);
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
    const form = postedAgendaForm(body);
    const outcome = await submitForm(CreateAgendaItemDto, agendaFields(form), (value) =>
      this.agenda.create(id, value, user),
    );
    if (!outcome.ok) {
      const errors = problems(this.views, outcome);
      return this.showAgenda(request, response, id, { form, errors }, 422);
    }
    seeOther(response, `/meetings/${id}/agenda?saved=1`);
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
    const form = postedAgendaForm(body);
    const outcome = await submitForm(UpdateAgendaItemDto, agendaFields(form), (value) =>
      this.agenda.update(itemId, value, user),
    );
    if (!outcome.ok) {
      const errors = problems(this.views, outcome);
      return this.showAgenda(request, response, id, { form, editId: itemId, errors }, 422);
    }
    seeOther(response, `/meetings/${id}/agenda?saved=1`);
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
    const direction = formText(body, 'direction');
    if (direction !== 'up' && direction !== 'down') {
      throw new InvalidInputException([fieldError('direction', 'errors.input.direction')]);
    }
    const position = item.position + (direction === 'up' ? -1 : 1);
    if (position >= 1) await this.agenda.update(itemId, { position }, user);
    seeOther(response, `/meetings/${id}/agenda?saved=1#item-${itemId}`);
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
    seeOther(response, `/meetings/${id}/agenda?saved=1`);
  }

  private async showAgenda(
    request: Request,
    response: Response,
    id: number,
    state: AgendaPageState,
    status = 200,
  ): Promise<void> {
    const meeting = await this.meetings.findMeeting(id);
    const items = await this.meetings.agendaOf(id);
    const choices = await this.overview.presenterChoices();
    const themes = await this.agenda.themeTitles();
    const model = agendaView(this.views, meeting, items, choices, themes, state);
    this.views.sendPage(request, response, 'pages/meetings/agenda', model, status);
  }

  private async itemOf(meetingId: number, itemId: number) {
    const item = await this.meetings.agendaItemById(itemId);
    if (!item || item.meetingId !== meetingId) throw new NotFoundError('agendaItem', itemId);
    return item;
  }
}
