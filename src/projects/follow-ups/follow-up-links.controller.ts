import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../../auth/auth.decorators';
import { Clock } from '../../common/clock';
import { CreateFollowUpDto } from './create-follow-up.dto';
import { FollowUpsService } from './follow-ups.service';
import { followUpStatusOf, toFollowUp } from '../projects.mapper';

/** What a lead partner's contact reaches through a personal link: no staff sign-in. */
@ApiTags('projects')
@Public()
@Controller('api/follow-up-links/:token')
export class FollowUpLinksController {
  constructor(
    private readonly followUps: FollowUpsService,
    private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'The project a personal link is for (404 unknown, 410 expired/revoked)',
  })
  async read(@Param('token') token: string) {
    const { project, contact, link } = await this.followUps.resolveLink(token);
    return {
      project: {
        id: project.id,
        title: project.title,
        status: project.status,
        leadPartner: { id: project.leadPartnerId, name: project.leadPartner?.name ?? '' },
        followUp: followUpStatusOf(project, this.clock.now()),
      },
      contact: { id: contact.id, fullName: contact.fullName },
      expiresAt: link.expiresAt,
    };
  }

  @Post('follow-ups')
  @ApiOperation({ summary: 'Add a follow-up as the lead partner contact the link belongs to' })
  async add(@Param('token') token: string, @Body() dto: CreateFollowUpDto) {
    return toFollowUp(await this.followUps.addThroughLink(token, dto));
  }
}
