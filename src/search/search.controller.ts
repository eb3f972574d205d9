import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SearchQueryDto, SearchResponse } from './search.dto';
import { SearchService } from './search.service';

/** The staff search box's JSON twin (docs/api.md, docs/search.md). */
@ApiTags('search')
@Controller('api/search')
export class SearchController {
  constructor(private readonly searches: SearchService) {}

  @Get()
  @ApiOperation({
    summary:
      'Records holding every word of q, grouped by kind (at most 10 each, with the count): ' +
      'partners (archived ones marked), contacts (erased ones never), meetings, themes, ' +
      'speakers, projects, published minutes (latest version) and published newsletters. ' +
      'An empty q, or one without letters or digits, finds nothing; over 200 characters: 400.',
  })
  @ApiOkResponse({ type: SearchResponse })
  search(@Query() query: SearchQueryDto): Promise<SearchResponse> {
    return this.searches.search(query.q ?? '');
  }
}
