import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ParticipationQueryDto, WeakTiesQueryDto } from './participation-query.dto';
import { ParticipationService } from './participation.service';

@ApiTags('stats')
@Controller('api/stats')
export class ParticipationController {
  constructor(private readonly participation: ParticipationService) {}

  @Get('participation')
  @ApiOperation({
    summary: 'Per partner: invited / present / excused / absent and attendance rate',
    description: 'Held and closed meetings starting in [from, to); default: the last 365 days.',
  })
  stats(@Query() query: ParticipationQueryDto) {
    return this.participation.participation(query.from, query.to);
  }

  @Get('weak-ties')
  @ApiOperation({
    summary: 'Active partners that missed their last N meetings (N: ?missed=, WEAK_TIES_MISSED)',
  })
  weakTies(@Query() query: WeakTiesQueryDto) {
    return this.participation.weakTies(query.missed);
  }
}
