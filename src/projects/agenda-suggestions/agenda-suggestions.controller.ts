import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { IdPipe } from '../../common/id.pipe';
import { CurrentUser } from '../../auth/auth.decorators';
import type { User } from '../../auth/users/user.entity';
import { AgendaSuggestionsService } from './agenda-suggestions.service';

@ApiTags('projects')
@Controller('api/meetings/:id/agenda-suggestions')
export class AgendaSuggestionsController {
  constructor(private readonly suggestions: AgendaSuggestionsService) {}

  @Get()
  @ApiOperation({
    summary: "Projects due for review by the meeting's date (follow-up state as of that date)",
  })
  get(@Param('id', IdPipe) id: number) {
    return this.suggestions.suggestions(id);
  }

  @Post('apply')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Add (or refresh) one "project review" agenda item for the projects due by then',
  })
  apply(@Param('id', IdPipe) id: number, @CurrentUser() user: User) {
    return this.suggestions.apply(id, user);
  }
}
