import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../../auth/auth.decorators';
import type { User } from '../../auth/users/user.entity';
import type { Page } from '../../common/pagination';
import { CreateThemeDto, ListThemesQueryDto, ThemeInterestDto, UpdateThemeDto } from './theme.dto';
import {
  ThemeAgendaEntry,
  ThemeDetail,
  ThemeInterestSummary,
  ThemeResponse,
  toThemeResponse,
} from './theme.mapper';
import { IdPipe } from '../../common/id.pipe';
import { ThemeDetailsService } from './theme-details.service';
import { AgendaItemRefDto, ScheduleThemeDto } from '../schedule/theme-schedule.dto';
import { ThemeScheduleService } from '../schedule/theme-schedule.service';
import { ThemesService } from './themes.service';

@ApiTags('themes')
@Controller('api/themes')
export class ThemesController {
  constructor(
    private readonly themes: ThemesService,
    private readonly details: ThemeDetailsService,
    private readonly schedule: ThemeScheduleService,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'List themes (paginated)',
    description:
      'view=most-requested: proposed themes not yet scheduled with at least one interested ' +
      'partner, most interest first. view=stale: presented themes not presented for 12 months, ' +
      'oldest first.',
  })
  list(@Query() query: ListThemesQueryDto): Promise<Page<ThemeResponse>> {
    return this.themes.list(query);
  }

  @Post()
  @ApiOperation({ summary: 'Propose a theme (by a partner, or by the signed-in staff member)' })
  async create(@Body() dto: CreateThemeDto, @CurrentUser() user: User): Promise<ThemeResponse> {
    return toThemeResponse(await this.themes.create(dto, user));
  }

  @Get(':id')
  @ApiOperation({ summary: 'A theme with its interested partners and its presentations' })
  read(@Param('id', IdPipe) id: number): Promise<ThemeDetail> {
    return this.details.detail(id);
  }

  @Patch(':id')
  async update(
    @Param('id', IdPipe) id: number,
    @Body() dto: UpdateThemeDto,
    @CurrentUser() user: User,
  ): Promise<ThemeResponse> {
    return toThemeResponse(await this.themes.update(id, dto, user));
  }

  @Post(':id/archive')
  @HttpCode(200)
  async archive(
    @Param('id', IdPipe) id: number,
    @CurrentUser() user: User,
  ): Promise<ThemeResponse> {
    return toThemeResponse(await this.themes.archive(id, user));
  }

  @Post(':id/restore')
  @HttpCode(200)
  @ApiOperation({ summary: 'Back from the archive: presented if it ever was, proposed otherwise' })
  async restore(
    @Param('id', IdPipe) id: number,
    @CurrentUser() user: User,
  ): Promise<ThemeResponse> {
    return toThemeResponse(await this.themes.restore(id, user));
  }

  @Get(':id/interest')
  interest(@Param('id', IdPipe) id: number): Promise<ThemeInterestSummary> {
    return this.themes.interest(id);
  }

  @Post(':id/interest')
  @HttpCode(200)
  @ApiOperation({ summary: "Mark a partner's interest (staff record it on its behalf)" })
  addInterest(
    @Param('id', IdPipe) id: number,
    @Body() dto: ThemeInterestDto,
    @CurrentUser() user: User,
  ): Promise<ThemeInterestSummary> {
    return this.themes.addInterest(id, dto, user);
  }

  @Delete(':id/interest')
  @ApiOperation({ summary: "Withdraw a partner's interest (partnerId in the body)" })
  removeInterest(
    @Param('id', IdPipe) id: number,
    @Body() dto: ThemeInterestDto,
    @CurrentUser() user: User,
  ): Promise<ThemeInterestSummary> {
    return this.themes.removeInterest(id, dto, user);
  }

  @Post(':id/schedule')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Schedule the theme on an agenda item, optionally with a speaker (status → scheduled)',
  })
  scheduleOn(
    @Param('id', IdPipe) id: number,
    @Body() dto: ScheduleThemeDto,
    @CurrentUser() user: User,
  ): Promise<ThemeAgendaEntry> {
    return this.schedule.schedule(id, dto, user);
  }

  @Post(':id/unschedule')
  @HttpCode(204)
  @ApiOperation({ summary: 'Take the theme off an agenda item where it was not yet presented' })
  async unschedule(
    @Param('id', IdPipe) id: number,
    @Body() dto: AgendaItemRefDto,
    @CurrentUser() user: User,
  ): Promise<void> {
    await this.schedule.unschedule(id, dto, user);
  }

  @Post(':id/presented')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Record that the theme was presented on that agenda item (status → presented)',
    description: 'Allowed once the meeting has started (and was not cancelled).',
  })
  presented(
    @Param('id', IdPipe) id: number,
    @Body() dto: AgendaItemRefDto,
    @CurrentUser() user: User,
  ): Promise<ThemeAgendaEntry> {
    return this.schedule.presented(id, dto, user);
  }
}
