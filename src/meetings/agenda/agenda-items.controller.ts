import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { IdPipe } from '../../common/id.pipe';
import { CurrentUser } from '../../auth/auth.decorators';
import type { User } from '../../auth/users/user.entity';
import { CreateAgendaItemDto, ReorderAgendaDto, UpdateAgendaItemDto } from './agenda-item.dto';
import { AgendaService } from './agenda.service';

@ApiTags('meetings')
@Controller('api')
export class AgendaItemsController {
  constructor(private readonly agenda: AgendaService) {}

  @Get('meetings/:id/agenda-items')
  @ApiOperation({ summary: 'The agenda, in order' })
  list(@Param('id', IdPipe) id: number) {
    return this.agenda.list(id);
  }

  @Post('meetings/:id/agenda-items')
  @ApiOperation({ summary: 'Add an item (last, or at `position`)' })
  create(
    @Param('id', IdPipe) id: number,
    @Body() dto: CreateAgendaItemDto,
    @CurrentUser() user: User,
  ) {
    return this.agenda.create(id, dto, user);
  }

  @Put('meetings/:id/agenda-items/order')
  @ApiOperation({ summary: 'Reorder the agenda: every item id, in the new order' })
  reorder(
    @Param('id', IdPipe) id: number,
    @Body() dto: ReorderAgendaDto,
    @CurrentUser() user: User,
  ) {
    return this.agenda.reorder(id, dto.ids, user);
  }

  @Patch('agenda-items/:id')
  @ApiOperation({ summary: 'Change an item; `position` moves it' })
  update(
    @Param('id', IdPipe) id: number,
    @Body() dto: UpdateAgendaItemDto,
    @CurrentUser() user: User,
  ) {
    return this.agenda.update(id, dto, user);
  }

  @Delete('agenda-items/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove an item (the others close up)' })
  remove(@Param('id', IdPipe) id: number, @CurrentUser() user: User) {
    return this.agenda.remove(id, user);
  }
}
