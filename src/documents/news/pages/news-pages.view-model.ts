import type { Page } from '../../../common/pagination';
import { pageHref, pager } from '../../../common/web/pager';
import type { Form } from '../../pages/document-forms';
import { NEWS_KINDS } from '../news-item.entity';
import type { NewsItemResponse, ListNewsQueryDto } from '../news.dto';

/** A catalogue message by key (ViewService.text). */
type Text = (key: string) => string;

/** The news item form's fields, and the kinds to choose from. */
export function newsFormView(text: Text, values: Form) {
  const str = (value: unknown) => (typeof value === 'string' ? value : '');
  const kind = str(values.kind);
  return {
    title: str(values.title),
    body: str(values.body),
    date: str(values.date),
    link: str(values.link),
    kinds: NEWS_KINDS.map((k) => ({
      value: k,
      label: text(`news.kind.${k}`),
      selected: k === kind,
    })),
  };
}

/** The news list with the form of a new item (dated today unless typed otherwise). */
export function newsListView(
  text: Text,
  page: Page<NewsItemResponse>,
  query: ListNewsQueryDto,
  today: string,
  state: { errors?: string[]; typed?: Form; notice?: string | null },
) {
  const errors = state.errors ?? [];
  return {
    title: text('newsPages.title'),
    items: page.items.map((item) => ({ ...item, kindLabel: text(`news.kind.${item.kind}`) })),
    form: newsFormView(text, { date: today, ...(state.typed ?? {}) }),
    errors,
    invalid: errors.length > 0,
    notice: state.notice ?? null,
    pager: pager(
      page.page,
      page.pageSize,
      page.total,
      pageHref('/desk/news', { kind: query.kind }),
    ),
  };
}

/** One news item's edit form. */
export function newsEditView(text: Text, id: number, values: Form, errors: string[] = []) {
  return {
    title: text('newsPages.editTitle'),
    id,
    form: newsFormView(text, values),
    errors,
    invalid: errors.length > 0,
  };
}
