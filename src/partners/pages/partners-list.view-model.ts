import type { Page } from '../../common/pagination';
import { pageHref, pager } from '../../common/web/pager';
import { ACTIVE_FILTERS, type ListPartnersQueryDto } from '../list/list-partners-query.dto';
import type { ListedPartner } from '../list/partner-list.queries';
import { PARTNER_KINDS } from '../partner-kind';
import type { PartnerPageText } from './partner-page.view-model';

/** The page sizes the list offers. */
export const PAGE_SIZES = [20, 50, 100];

/** The partner directory (pages/partners/list): search, filters, a page of partners. */
export function partnersListModel(
  text: PartnerPageText,
  query: ListPartnersQueryDto,
  page: Page<{ partner: ListedPartner; contactCount: number }>,
  deleted: boolean,
): Record<string, unknown> {
  const filters: Record<string, string> = {};
  if (query.q) filters.q = query.q;
  if (query.kind?.length) filters.kind = query.kind.join(',');
  if (query.territory) filters.territory = query.territory;
  if (query.active && query.active !== 'true') filters.active = query.active;
  const search = (extra: Record<string, string>) =>
    new URLSearchParams({ ...filters, ...extra }).toString();
  const links = pageHref('/partners', {
    ...filters,
    pageSize: page.pageSize === 20 ? undefined : page.pageSize,
  });
  const selectedKind = query.kind?.length === 1 ? query.kind[0] : '';
  const filtered = Object.keys(filters).length ? `?${search({})}` : '';
  return {
    title: text.t('partnersPages.list.title'),
    deleted,
    q: query.q ?? '',
    territory: query.territory ?? '',
    filtered: Object.keys(filters).length > 0,
    kinds: PARTNER_KINDS.map((kind) => ({
      value: kind,
      label: text.kindLabel(kind),
      selected: kind === selectedKind,
    })),
    actives: ACTIVE_FILTERS.map((value) => ({
      value,
      label: text.t(`partnersPages.active.${value}`),
      selected: (query.active ?? 'true') === value,
    })),
    pageSizes: PAGE_SIZES.map((size) => ({ value: size, selected: size === page.pageSize })),
    total: page.total,
    totalExact: page.totalExact ?? true,
    items: page.items.map(({ partner, contactCount }) => ({
      id: partner.id,
      name: partner.name,
      shortName: partner.shortName,
      kind: text.kindLabel(partner.kind),
      territory: partner.territory,
      contactCount,
      archived: !partner.active,
    })),
    pager: pager(page.page, page.pageSize, page.total, links, page.totalExact ?? true),
    exportHref: `/api/partners/export.csv${filtered}`,
    exportWorkbookHref: `/api/partners/export.xlsx${filtered}`,
  };
}
