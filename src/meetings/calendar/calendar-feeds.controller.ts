import { Controller, Delete, Get, Header, HttpCode, Param, Post } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IdPipe } from '../../common/id.pipe';
import { Public } from '../../auth/auth.decorators';
import { CalendarService } from './calendar.service';

@ApiTags('meetings')
@Controller()
export class CalendarFeedsController {
  constructor(private readonly calendar: CalendarService) {}

  @Post('api/partners/:id/calendar-feed')
  @ApiOperation({
    summary: "Create (or rotate) the partner's secret calendar feed URL; shown once",
  })
  create(@Param('id', IdPipe) id: number) {
    return this.calendar.createFeed(id);
  }

  @Delete('api/partners/:id/calendar-feed')
  @HttpCode(204)
  @ApiOperation({ summary: "Revoke the partner's calendar feed" })
  revoke(@Param('id', IdPipe) id: number) {
    return this.calendar.revokeFeed(id);
  }

  /** Public: the secret token in the URL is the authorisation (calendar apps cannot sign in). */
  @Public()
  @Get('calendar/:token.ics')
  @ApiExcludeEndpoint()
  @Header('Content-Type', 'text/calendar; charset=utf-8')
  @Header('Cache-Control', 'private, max-age=300')
  feed(@Param('token') token: string): Promise<string> {
    return this.calendar.feedIcs(token);
  }
}
