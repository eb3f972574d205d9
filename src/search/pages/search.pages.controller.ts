import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Form } from '../../common/web/forms';
import { ViewService } from '../../common/web/view.service';
import { SearchService } from '../search.service';
import { searchPageModel } from './search-page';

/**
 * The results of the header's search box (every staff page): the records found, grouped by kind.
 * A refused text (over 200 characters, several `q`) shows the page again, 400, naming the field.
 */
@ApiExcludeController()
@Controller('search')
export class SearchPagesController {
  constructor(
    private readonly searches: SearchService,
    private readonly views: ViewService,
  ) {}

  @Get()
  async page(@Query() raw: Form, @Req() request: Request, @Res() response: Response) {
    const { status, model } = await searchPageModel(this.views, raw, (q) =>
      this.searches.search(q),
    );
    this.views.sendPage(request, response, 'pages/search/results', model, status);
  }
}
