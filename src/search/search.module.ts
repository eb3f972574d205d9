import { Module } from '@nestjs/common';
import { SearchPagesController } from './pages/search.pages.controller';
import { SearchController } from './search.controller';
import { SearchQueries } from './search.queries';
import { SearchService } from './search.service';

/**
 * The staff search box (docs/search.md): above every context whose records it finds. It owns
 * `search_entries` (and its FTS5 index on SQLite), filled by database triggers on the owners'
 * tables (migration Search), and reads only that table: no context is imported.
 */
@Module({
  controllers: [SearchController, SearchPagesController],
  providers: [SearchService, SearchQueries],
})
export class SearchModule {}
