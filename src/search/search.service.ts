import { Injectable } from '@nestjs/common';
import { ViewService } from '../common/web/view.service';
import { SearchQueries } from './search.queries';
import {
  RESULTS_PER_KIND,
  SEARCH_KINDS,
  searchResults,
  STAFF_HREF,
  type SearchResults,
} from './search-results';
import { searchWords } from './search-words';

/**
 * The staff search box (docs/search.md): every record of the network whose title or text holds
 * all the words typed, accents and case ignored, the last word also as a prefix.
 */
@Injectable()
export class SearchService {
  constructor(
    private readonly queries: SearchQueries,
    private readonly views: ViewService,
  ) {}

  async search(q: string): Promise<SearchResults> {
    const search = searchWords(q);
    const hits = await this.queries.hits(search, RESULTS_PER_KIND);
    return searchResults(q, search, SEARCH_KINDS, hits, {
      label: (kind) => this.views.text(`search.kind.${kind}`),
      untitled: this.views.text('search.untitled'),
      href: (kind, hit) => STAFF_HREF[kind](hit),
    });
  }
}
