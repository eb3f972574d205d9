import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import { actorOf, AuditService, diff } from '../../audit/audit.service';
import type { User } from '../../auth/users/user.entity';
import { Clock } from '../../common/clock';
import { NotFoundError, RuleViolationError } from '../../common/domain-errors';
import { Page, pageOf } from '../../common/pagination';
import { normalizeForSearch } from '../../common/text';
import { Transactions } from '../../database/transactions';
import type { Partner } from '../../partners/partner.entity';
import { PartnersQueries } from '../../partners/partners.queries';
import { normalizeTags } from './tags';
import { Theme } from './theme.entity';
import { ThemeInterest } from './theme-interest.entity';
import { themesListed } from './theme-list.queries';
import type {
  CreateThemeDto,
  ListThemesQueryDto,
  ThemeInterestDto,
  UpdateThemeDto,
} from './theme.dto';
import { ThemeInterestSummary, ThemeResponse, toThemeResponse } from './theme.mapper';

/** A theme not presented for this many months shows in the "stale" list. */
export const STALE_AFTER_MONTHS = 12;

const AUDITED = ['title', 'description', 'tags', 'status', 'proposedByPartnerId', 'archivedAt'];

@Injectable()
export class ThemesService {
  constructor(
    @InjectRepository(Theme) private readonly themes: Repository<Theme>,
    @InjectRepository(ThemeInterest) private readonly interests: Repository<ThemeInterest>,
    private readonly partners: PartnersQueries,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /**
   * The partner exists and is in the network, or the request names a field that refers to
   * nothing, or to an archived partner (422); `current`, the value the record already holds, is
   * kept even if archived since (a form sends every field back).
   */
  async requirePartner(
    manager: EntityManager,
    partnerId: number,
    field: string,
    current: number | null = null,
  ): Promise<Partner> {
    const partner = await this.partners.partnerById(partnerId, manager);
    if (!partner)
      throw new RuleViolationError(
        { key: 'errors.partner.missing', params: { id: partnerId } },
        field,
      );
    if (!partner.active && partnerId !== current)
      throw new RuleViolationError(
        { key: 'errors.partner.archived', params: { name: partner.name } },
        field,
      );
    return partner;
  }

  /** The date before which a last presentation counts as stale. */
  staleBefore(): Date {
    const cutoff = this.clock.now();
    cutoff.setUTCMonth(cutoff.getUTCMonth() - STALE_AFTER_MONTHS);
    return cutoff;
  }

  /** One page of themes: two queries (count and rows) whatever the number of themes. */
  async list(query: ListThemesQueryDto): Promise<Page<ThemeResponse>> {
    const qb = themesListed(this.themes, query, this.staleBefore());
    const [themes, total] = await qb.getManyAndCount();
    return pageOf(themes.map(toThemeResponse), total, query);
  }

  async get(id: number): Promise<Theme> {
    const theme = await this.themes.findOne({
      where: { id },
      relations: { proposedByPartner: true, proposedByUser: true },
    });
    if (!theme) throw new NotFoundError('theme', id);
    return theme;
  }

  async interest(id: number): Promise<ThemeInterestSummary> {
    if (!(await this.themes.existsBy({ id }))) throw new NotFoundError('theme', id);
    return this.interestOf(id);
  }

  async interestOf(themeId: number): Promise<ThemeInterestSummary> {
    const rows = await this.interests.find({
      where: { themeId },
      relations: { partner: true },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    return {
      themeId,
      interestCount: rows.length,
      interestedPartners: rows.map((row) => ({
        partnerId: row.partnerId,
        name: row.partner?.name ?? '',
        markedAt: row.createdAt.toISOString(),
      })),
    };
  }

  async create(dto: CreateThemeDto, user: User): Promise<Theme> {
    const id = await this.transactions.run(async (manager) => {
      if (dto.proposedByPartnerId)
        await this.requirePartner(manager, dto.proposedByPartnerId, 'proposedByPartnerId');
      const theme = await this.insert(manager, dto, user);
      return theme.id;
    });
    return this.get(id);
  }

  /**
   * In the caller's transaction, the theme with this title, case, accents and spaces ignored
   * (agenda items and speakers name themes as they type); a new title creates a proposed
   * theme. An archived theme of that title is refused, naming the field: restore it first.
   */
  async themeNamed(
    manager: EntityManager,
    title: string,
    user: User | undefined,
    field: string,
  ): Promise<Theme> {
    const key = normalizeForSearch(title);
    const same = (await manager.getRepository(Theme).find({ order: { id: 'ASC' } })).filter(
      (theme) => normalizeForSearch(theme.title) === key,
    );
    const live = same.find((theme) => theme.status !== 'archived');
    if (live) return live;
    if (same.length)
      throw new RuleViolationError(
        {
          key: 'errors.themes.archivedTitle',
          params: { title: same[0].title },
        },
        field,
      );
    return this.insert(manager, { title: title.replace(/\s+/g, ' ') }, user);
  }

  /** The themes whose title is this one, case, accents and spaces ignored. */
  async idsTitled(title: string): Promise<number[]> {
    const key = normalizeForSearch(title);
    const themes = await this.themes.find({ select: { id: true, title: true } });
    return themes.filter((theme) => normalizeForSearch(theme.title) === key).map((t) => t.id);
  }

  private async insert(
    manager: EntityManager,
    dto: Pick<CreateThemeDto, 'title' | 'description' | 'tags' | 'proposedByPartnerId'>,
    user: User | undefined,
  ): Promise<Theme> {
    const repository = manager.getRepository(Theme);
    const theme = await repository.save(
      repository.create({
        title: dto.title.trim(),
        description: dto.description?.trim() || null,
        tags: normalizeTags(dto.tags),
        status: 'proposed',
        proposedByPartnerId: dto.proposedByPartnerId ?? null,
        proposedByUserId: user?.id ?? null,
        interestCount: 0,
        lastPresentedAt: null,
        archivedAt: null,
      }),
    );
    await this.audit.record(manager, actorOf(user), {
      entityType: 'theme',
      entityId: theme.id,
      action: 'create',
      changes: diff({}, theme, AUDITED),
    });
    return theme;
  }

  async update(id: number, dto: UpdateThemeDto, user: User): Promise<Theme> {
    await this.transactions.run(async (manager) => {
      const repository = manager.getRepository(Theme);
      const theme = await repository.findOneBy({ id });
      if (!theme) throw new NotFoundError('theme', id);
      const before = { ...theme };
      if (dto.title !== undefined) {
        if (!dto.title.trim())
          throw new RuleViolationError(
            { key: 'errors.input.blank', params: { field: 'title' } },
            'title',
          );
        theme.title = dto.title.trim();
      }
      if (dto.description !== undefined) theme.description = dto.description?.trim() || null;
      if (dto.tags !== undefined) theme.tags = normalizeTags(dto.tags);
      if (dto.proposedByPartnerId !== undefined) {
        if (dto.proposedByPartnerId !== null)
          await this.requirePartner(
            manager,
            dto.proposedByPartnerId,
            'proposedByPartnerId',
            theme.proposedByPartnerId,
          );
        theme.proposedByPartnerId = dto.proposedByPartnerId;
        theme.proposedByPartner = undefined;
      }
      await repository.save(theme);
      await this.audit.record(manager, actorOf(user), {
        entityType: 'theme',
        entityId: id,
        action: 'update',
        changes: diff(before, theme, AUDITED),
      });
    });
    return this.get(id);
  }

  /** Archived themes leave the lists; their history stays. */
  async archive(id: number, user: User): Promise<Theme> {
    await this.changeStatus(id, user, 'archive', (theme) => {
      if (theme.status === 'archived') return;
      theme.status = 'archived';
      theme.archivedAt = this.clock.now();
    });
    return this.get(id);
  }

  /** Back from the archive: presented if it ever was, proposed otherwise. */
  async restore(id: number, user: User): Promise<Theme> {
    await this.changeStatus(id, user, 'restore', (theme) => {
      if (theme.status !== 'archived') return;
      theme.status = theme.lastPresentedAt ? 'presented' : 'proposed';
      theme.archivedAt = null;
    });
    return this.get(id);
  }

  private async changeStatus(
    id: number,
    user: User,
    action: 'archive' | 'restore',
    change: (theme: Theme) => void,
  ) {
    await this.transactions.run(async (manager) => {
      const repository = manager.getRepository(Theme);
      const theme = await repository.findOneBy({ id });
      if (!theme) throw new NotFoundError('theme', id);
      const before = { ...theme };
      change(theme);
      const changes = diff(before, theme, AUDITED);
      if (Object.keys(changes).length === 0) return;
      await repository.save(theme);
      await this.audit.record(manager, actorOf(user), {
        entityType: 'theme',
        entityId: id,
        action,
        changes,
      });
    });
  }

  /** Marks a partner's interest (staff record it on the partner's behalf). Idempotent. */
  async addInterest(id: number, dto: ThemeInterestDto, user: User): Promise<ThemeInterestSummary> {
    await this.transactions.run(async (manager) => {
      const theme = await manager.getRepository(Theme).findOneBy({ id });
      if (!theme) throw new NotFoundError('theme', id);
      if (theme.status === 'archived')
        throw new RuleViolationError('errors.theme.archivedInterest', 'status');
      await this.requirePartner(manager, dto.partnerId, 'partnerId');
      const repository = manager.getRepository(ThemeInterest);
      if (await repository.existsBy({ themeId: id, partnerId: dto.partnerId })) return;
      await repository.save(
        repository.create({ themeId: id, partnerId: dto.partnerId, recordedByUserId: user.id }),
      );
      await this.recount(manager, id, 1);
      await this.audit.record(manager, actorOf(user), {
        entityType: 'theme',
        entityId: id,
        action: 'update',
        changes: { interest: { before: null, after: dto.partnerId } },
      });
    });
    return this.interestOf(id);
  }

  /** Withdraws a partner's interest. Idempotent. */
  async removeInterest(
    id: number,
    dto: ThemeInterestDto,
    user: User,
  ): Promise<ThemeInterestSummary> {
    await this.transactions.run(async (manager) => {
      if (!(await manager.getRepository(Theme).existsBy({ id })))
        throw new NotFoundError('theme', id);
      const result = await manager
        .getRepository(ThemeInterest)
        .delete({ themeId: id, partnerId: dto.partnerId });
      if (!result.affected) return;
      await this.recount(manager, id, -1);
      await this.audit.record(manager, actorOf(user), {
        entityType: 'theme',
        entityId: id,
        action: 'update',
        changes: { interest: { before: dto.partnerId, after: null } },
      });
    });
    return this.interestOf(id);
  }

  /** interest_count moves by one in SQL: concurrent marks (PostgreSQL) cannot lose an update. */
  private async recount(manager: EntityManager, themeId: number, by: 1 | -1): Promise<void> {
    const themes = manager.getRepository(Theme);
    if (by > 0) await themes.increment({ id: themeId }, 'interestCount', 1);
    else await themes.decrement({ id: themeId }, 'interestCount', 1);
  }

  /** The themes with these ids (for speakers' topics), in one query. */
  async requireThemes(manager: EntityManager, ids: number[], field: string): Promise<Theme[]> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return [];
    const found = await manager.getRepository(Theme).findBy({ id: In(unique) });
    const missing = unique.filter((id) => !found.some((theme) => theme.id === id));
    if (missing.length > 0)
      throw new RuleViolationError(
        { key: 'errors.theme.missing', params: { id: missing.join(', ') } },
        field,
      );
    return found;
  }
}
