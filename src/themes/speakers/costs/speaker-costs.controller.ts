import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { SpeakerCostsQueryDto } from './speaker-costs.dto';
import { SpeakerCostsReport, SpeakerCostsService } from './speaker-costs.service';

@ApiTags('stats')
@Controller('api/stats')
export class StatsController {
  constructor(private readonly costs: SpeakerCostsService) {}

  @Get('speaker-costs')
  @ApiOperation({
    summary: 'Speaker fees and travel over a period, by theme',
    description:
      'Agenda items with a speaker, in meetings (not cancelled) starting between from and to ' +
      '(days in the network time zone, both included); fee and travel as fixed when the speaker ' +
      'was booked.',
  })
  speakerCosts(@Query() query: SpeakerCostsQueryDto): Promise<SpeakerCostsReport> {
    return this.costs.report(query);
  }
}
