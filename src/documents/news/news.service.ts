import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Between, FindOptionsWhere, LessThanOrEqual, MoreThanOrEqual, Repository } from 'typeorm';
import { actorOf, AuditService, diff } from '../../audit/audit.service';
import type { User } from '../../auth/users/user.entity';
import { NotFoundError, RuleViolationError } from '../../common/domain-errors';
import { Page, pageOf } from '../../common/pagination';
import { sql } from '../../database/sql';
import { Transactions } from '../../database/transactions';
import { NewsItem } from './news-item.entity';
import type {
  CreateNewsItemDto,
  ListNewsQueryDto,
  NewsItemResponse,
  UpdateNewsItemDto,
} from './news.dto';

const FIELDS = ['title', 'body', 'kind', 'date', 'link'] as const;

export function toNewsItemResponse(item: NewsItem): NewsItemResponse {
  return {
    id: item.id,
    title: item.title,
    body: item.body,
    kind: item.kind,
    date: item.date,
    link: item.link,
    createdAt: item.createdAt.toISOString(),
    updatedAt: item.updatedAt.toISOString(),
  };
}

/** A news item as the newsletter shows it. */
export type NewsListing = Pick<NewsItem, 'id' | 'kind' | 'title' | 'body' | 'date' | 'link'>;

/** News items for the newsletter: decrees and regulation, local news, events. */
@Injectable()
export class NewsService {
  constructor(
    @InjectRepository(NewsItem) private readonly items: Repository<NewsItem>,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
  ) {}

  async list(query: ListNewsQueryDto): Promise<Page<NewsItemResponse>> {
    if (query.from && query.to && query.from > query.to)
      throw new RuleViolationError('errors.period.fromAfterTo', 'from');
    const where: FindOptionsWhere<NewsItem> = {};
    if (query.kind) where.kind = query.kind;
    if (query.from && query.to) where.date = Between(query.from, query.to);
    else if (query.from) where.date = MoreThanOrEqual(query.from);
    else if (query.to) where.date = LessThanOrEqual(query.to);
    const [rows, total] = await this.items.findAndCount({
      where,
      order: { date: 'DESC', id: 'DESC' },
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    });
    return pageOf(rows.map(toNewsItemResponse), total, query);
  }

  /** Items dated within [from, to] (calendar days), oldest first (the newsletter): one raw statement. */
  async between(from: string, to: string): Promise<NewsListing[]> {
    const rows = await sql(
      this.items.manager,
      `SELECT id, kind, title, body, CAST(date AS TEXT) AS date, link FROM news_items
        WHERE date >= ? AND date <= ? ORDER BY date ASC, id ASC`,
      [from, to],
    );
    return rows.map((row) => ({
      id: Number(row.id),
      kind: row.kind as NewsItem['kind'],
      title: row.title as string,
      body: row.body as string,
      date: row.date as string,
      link: (row.link as string | null) ?? null,
    }));
  }

  async read(id: number): Promise<NewsItemResponse> {
    return toNewsItemResponse(await this.find(id));
  }

  async create(dto: CreateNewsItemDto, user: User): Promise<NewsItemResponse> {
    const saved = await this.transactions.run(async (manager) => {
      const repository = manager.getRepository(NewsItem);
      const item = await repository.save(
        repository.create({ ...dto, title: dto.title.trim(), link: dto.link ?? null }),
      );
      await this.audit.record(manager, actorOf(user), {
        entityType: 'news-item',
        entityId: item.id,
        action: 'create',
        changes: diff({}, item, [...FIELDS]),
      });
      return item;
    });
    return toNewsItemResponse(saved);
  }

  async update(id: number, dto: UpdateNewsItemDto, user: User): Promise<NewsItemResponse> {
    const saved = await this.transactions.run(async (manager) => {
      const repository = manager.getRepository(NewsItem);
      const item = await repository.findOneBy({ id });
      if (!item) throw new NotFoundError('newsItem', id);
      const before = { ...item };
      if (dto.title !== undefined) item.title = dto.title.trim();
      if (dto.body !== undefined) item.body = dto.body;
      if (dto.kind !== undefined) item.kind = dto.kind;
      if (dto.date !== undefined) item.date = dto.date;
      if (dto.link !== undefined) item.link = dto.link;
      const after = await repository.save(item);
      await this.audit.record(manager, actorOf(user), {
        entityType: 'news-item',
        entityId: id,
        action: 'update',
        changes: diff(before, after, [...FIELDS]),
      });
      return after;
    });
    return toNewsItemResponse(saved);
  }

  async remove(id: number, user: User): Promise<void> {
    await this.transactions.run(async (manager) => {
      const repository = manager.getRepository(NewsItem);
      const item = await repository.findOneBy({ id });
      if (!item) throw new NotFoundError('newsItem', id);
      await repository.delete({ id });
      await this.audit.record(manager, actorOf(user), {
        entityType: 'news-item',
        entityId: id,
        action: 'delete',
        changes: diff(item, {}, [...FIELDS]),
      });
    });
  }

  private async find(id: number): Promise<NewsItem> {
    const item = await this.items.findOneBy({ id });
    if (!item) throw new NotFoundError('newsItem', id);
    return item;
  }
}
