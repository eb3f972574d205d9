import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { IdPipe } from '../common/id.pipe';
import { CurrentUser } from '../auth/auth.decorators';
import type { User } from '../auth/users/user.entity';
import { Clock } from '../common/clock';
import { pageOf } from '../common/pagination';
import { CreateFollowUpDto, CreateFollowUpLinkDto } from './follow-ups/create-follow-up.dto';
import { CreateProjectDto } from './create-project.dto';
import { FollowUpsService } from './follow-ups/follow-ups.service';
import { ListProjectsQueryDto } from './list-projects-query.dto';
import { toFollowUp, toFollowUpLink, toProjectDetail, toProjectSummary } from './projects.mapper';
import { ProjectsService } from './projects.service';
import { SnoozeProjectDto, UpdateProjectDto } from './update-project.dto';

@ApiTags('projects')
@Controller('api/projects')
export class ProjectsController {
  constructor(
    private readonly projects: ProjectsService,
    private readonly followUps: FollowUpsService,
    private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Projects, filtered by status, lead partner, partner or follow-up state',
  })
  async list(@Query() query: ListProjectsQueryDto) {
    const { items, total } = await this.projects.list(query);
    const now = this.clock.now();
    return pageOf(
      items.map((p) => toProjectSummary(p, now)),
      total,
      query,
    );
  }

  @Post()
  @ApiOperation({
    summary: 'Create a project (lead partner required; leadIsAgency for the agency)',
  })
  async create(@Body() dto: CreateProjectDto, @CurrentUser() user: User) {
    const project = await this.projects.create(dto, { user });
    return toProjectDetail(await this.projects.get(project.id), this.clock.now());
  }

  @Get(':id')
  async read(@Param('id', IdPipe) id: number) {
    return toProjectDetail(await this.projects.get(id), this.clock.now());
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Update a project; a status change needs statusReason' })
  async update(
    @Param('id', IdPipe) id: number,
    @Body() dto: UpdateProjectDto,
    @CurrentUser() user: User,
  ) {
    await this.projects.update(id, dto, { user });
    return toProjectDetail(await this.projects.get(id), this.clock.now());
  }

  @Post(':id/snooze')
  @HttpCode(200)
  @ApiOperation({ summary: 'Hide the project from due lists until a date, with a reason' })
  async snooze(
    @Param('id', IdPipe) id: number,
    @Body() dto: SnoozeProjectDto,
    @CurrentUser() user: User,
  ) {
    await this.projects.snooze(id, dto, { user });
    return toProjectDetail(await this.projects.get(id), this.clock.now());
  }

  @Delete(':id/snooze')
  @ApiOperation({ summary: 'End a snooze early' })
  async unsnooze(@Param('id', IdPipe) id: number, @CurrentUser() user: User) {
    await this.projects.unsnooze(id, { user });
    return toProjectDetail(await this.projects.get(id), this.clock.now());
  }

  @Get(':id/follow-ups')
  async followUpsOf(@Param('id', IdPipe) id: number) {
    return (await this.followUps.list(id)).map(toFollowUp);
  }

  @Post(':id/follow-ups')
  @ApiOperation({ summary: 'Add a follow-up (optionally with a status change and a next step)' })
  async addFollowUp(
    @Param('id', IdPipe) id: number,
    @Body() dto: CreateFollowUpDto,
    @CurrentUser() user: User,
  ) {
    return toFollowUp(await this.followUps.add(id, dto, { user }));
  }

  @Get(':id/links')
  @ApiOperation({ summary: "Personal follow-up links of the lead partner's contacts" })
  async links(@Param('id', IdPipe) id: number) {
    const now = this.clock.now();
    return (await this.followUps.listLinks(id)).map((l) => toFollowUpLink(l, now));
  }

  @Post(':id/links')
  @ApiOperation({ summary: 'Issue a personal follow-up link (the token is shown only once)' })
  async issueLink(
    @Param('id', IdPipe) id: number,
    @Body() dto: CreateFollowUpLinkDto,
    @CurrentUser() user: User,
  ) {
    const issued = await this.followUps.issueLink(id, dto, user);
    return {
      ...toFollowUpLink(issued.link, this.clock.now()),
      token: issued.token,
      url: issued.url,
    };
  }

  @Delete(':id/links/:linkId')
  @ApiOperation({ summary: 'Revoke a personal follow-up link' })
  async revokeLink(
    @Param('id', IdPipe) id: number,
    @Param('linkId', IdPipe) linkId: number,
    @CurrentUser() user: User,
  ) {
    return toFollowUpLink(await this.followUps.revokeLink(id, linkId, user), this.clock.now());
  }
}
