import { Module } from '@nestjs/common';
import { PortalModule } from '../portal/portal.module';
import { PortalSearchPagesController } from './portal/portal-search.pages.controller';
import { PortalSearchService } from './portal/portal-search.service';
import { SearchPagesController } from './pages/search.pages.controller';
import { SearchController } from './search.controller';
import { SearchQueries } from './search.queries';
import { SearchService } from './search.service';

/**
 * The search box (docs/search.md): above every context whose records it finds. It owns
 * `search_entries` (and its FTS5 index on SQLite), filled by database triggers on the owners'
 * tables (migration Search), and reads only that table. The staff search imports no context; the
 * portal's asks the portal what the signed-in partner may read.
 */
@Module({
  imports: [PortalModule],
  controllers: [SearchController, SearchPagesController, PortalSearchPagesController],
  providers: [SearchService, SearchQueries, PortalSearchService],
})
export class SearchModule {}
