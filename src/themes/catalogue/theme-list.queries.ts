import { Brackets, type Repository, type SelectQueryBuilder } from 'typeorm';
import { likePattern } from '../../common/text';
import { tagPattern } from './tags';
import type { Theme } from './theme.entity';
import type { ListThemesQueryDto } from './theme.dto';

// The themes part's SQL: the backlog's lists (one page of themes, with who proposed them).

/**
 * One page of themes as the list asks (a view: most requested, stale; or a status; words, tag),
 * with the proposing partner and user; a theme presented before `staleBefore` is stale.
 */
export function themesListed(
  themes: Repository<Theme>,
  query: ListThemesQueryDto,
  staleBefore: Date,
): SelectQueryBuilder<Theme> {
  const qb = themes
    .createQueryBuilder('theme')
    .leftJoinAndSelect('theme.proposedByPartner', 'partner')
    .leftJoinAndSelect('theme.proposedByUser', 'user');
  if (query.view === 'most-requested') {
    qb.where('theme.status = :status', { status: 'proposed' })
      .andWhere('theme.interestCount > 0')
      .orderBy('theme.interestCount', 'DESC')
      .addOrderBy('theme.createdAt', 'ASC');
  } else if (query.view === 'stale') {
    qb.where('theme.status = :status', { status: 'presented' })
      .andWhere('theme.lastPresentedAt < :cutoff', { cutoff: staleBefore })
      .orderBy('theme.lastPresentedAt', 'ASC');
  } else {
    if (query.status) qb.where('theme.status = :status', { status: query.status });
    else qb.where('theme.status <> :archived', { archived: 'archived' });
    qb.orderBy('theme.createdAt', 'DESC');
  }
  if (query.status && query.view) qb.andWhere('theme.status = :only', { only: query.status });
  if (query.q) {
    const words = query.q.trim().toLowerCase().split(/\s+/).filter(Boolean);
    qb.andWhere(
      new Brackets((inner) => {
        words.forEach((word, i) =>
          inner.andWhere(`LOWER(theme.title) LIKE :w${i} ESCAPE '\\'`, {
            [`w${i}`]: likePattern(word),
          }),
        );
      }),
    );
  }
  if (query.tag) qb.andWhere(`theme.tags LIKE :tag ESCAPE '\\'`, { tag: tagPattern(query.tag) });
  qb.addOrderBy('theme.id', 'ASC')
    .offset((query.page - 1) * query.pageSize)
    .limit(query.pageSize);
  return qb;
}
