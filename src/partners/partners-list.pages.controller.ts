import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { InvalidInputException } from '../common/validation';
import { validateForm } from '../web/forms';
import { pageHref, pager } from '../web/pager';
import { ACTIVE_FILTERS, ListPartnersQueryDto } from './list-partners-query.dto';
import { PARTNER_KINDS } from './partner-kind';
import { PartnersService } from './partners.service';
import { PartnerPageViews } from './partner-page-views';

const PAGE_SIZES = [20, 50, 100];

/** The partner directory: list, search and filters, with pages. */
@ApiExcludeController()
@Controller('partners')
export class PartnersListPagesController {
  constructor(
    private readonly partners: PartnersService,
    private readonly pages: PartnerPageViews,
  ) {}

  @Get()
  async list(
    @Query() raw: Record<string, unknown>,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    // Validated here rather than by the global pipe, so that page notices (?deleted=1) pass.
    const { value: query, errors } = await validateForm(ListPartnersQueryDto, raw);
    if (errors.length) throw new InvalidInputException(errors);
    const page = await this.partners.list(query);
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
    this.pages.send(request, response, 'pages/partners/list', {
      title: this.pages.t('partnersPages.list.title'),
      deleted: raw.deleted === '1',
      q: query.q ?? '',
      territory: query.territory ?? '',
      filtered: Object.keys(filters).length > 0,
      kinds: PARTNER_KINDS.map((kind) => ({
        value: kind,
        label: this.pages.kindLabel(kind),
        selected: kind === selectedKind,
      })),
      actives: ACTIVE_FILTERS.map((value) => ({
        value,
        label: this.pages.t(`partnersPages.active.${value}`),
        selected: (query.active ?? 'true') === value,
      })),
      pageSizes: PAGE_SIZES.map((size) => ({ value: size, selected: size === page.pageSize })),
      total: page.total,
      totalExact: page.totalExact ?? true,
      items: page.items.map(({ partner, contactCount }) => ({
        id: partner.id,
        name: partner.name,
        shortName: partner.shortName,
        kind: this.pages.kindLabel(partner.kind),
        territory: partner.territory,
        contactCount,
        archived: !partner.active,
      })),
      pager: pager(page.page, page.pageSize, page.total, links, page.totalExact ?? true),
      exportHref: `/api/partners/export.csv${Object.keys(filters).length ? `?${search({})}` : ''}`,
    });
  }
}
