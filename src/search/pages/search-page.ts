import { type Form, formText, pick, validateForm } from '../../common/web/forms';
import type { ViewService } from '../../common/web/view.service';
import { SearchQueryDto } from '../search.dto';
import type { SearchResults } from '../search-results';
import { refusedSearchPage, searchPage } from './search.view-model';

/**
 * The model of a results page (staff or portal) for the query string `raw`: the results of
 * `search`, or, for a refused text (over 200 characters, several `q`), a 400 naming the field.
 */
export async function searchPageModel(
  views: ViewService,
  raw: Form,
  search: (q: string) => Promise<SearchResults>,
): Promise<{ status: number; model: Record<string, unknown> }> {
  const t = (key: string, params?: Record<string, string | number>) => views.text(key, params);
  const { value, errors } = await validateForm(SearchQueryDto, pick(raw, ['q']));
  if (errors.length === 0)
    return { status: 200, model: searchPage(t, await search(value.q ?? '')) };
  const messages = errors.flatMap((error) =>
    error.problems.map((problem) => views.messageText(problem)),
  );
  return { status: 400, model: refusedSearchPage(t, formText(raw, 'q'), messages) };
}
