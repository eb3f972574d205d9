import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { type Form, formText, pick, validateForm } from '../../common/web/forms';
import { ViewService } from '../../common/web/view.service';
import { SearchQueryDto } from '../search.dto';
import { SearchService } from '../search.service';
import { refusedSearchPage, searchPage } from './search.view-model';

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
    const t = (key: string, params?: Record<string, string | number>) =>
      this.views.text(key, params);
    const { value, errors } = await validateForm(SearchQueryDto, pick(raw, ['q']));
    if (errors.length) {
      const messages = errors.flatMap((error) =>
        error.problems.map((problem) => this.views.messageText(problem)),
      );
      const typed = formText(raw, 'q');
      return this.views.sendPage(
        request,
        response,
        'pages/search/results',
        refusedSearchPage(t, typed, messages),
        400,
      );
    }
    const results = await this.searches.search(value.q ?? '');
    this.views.sendPage(request, response, 'pages/search/results', searchPage(t, results));
  }
}
