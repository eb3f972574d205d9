import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import type { AuditChanges } from '../../audit/audit-entry.entity';
import { actorOf, AuditService, diff } from '../../audit/audit.service';
import type { User } from '../../auth/users/user.entity';
import { Clock } from '../../common/clock';
import { NotFoundError, RuleViolationError } from '../../common/domain-errors';
import { assertCoordinates } from '../../partners/partner-rules';
import { Page, pageOf } from '../../common/pagination';
import { normalizeForSearch } from '../../common/text';
import { AppConfig } from '../../config/app-config';
import { Transactions } from '../../database/transactions';
import { distanceKm, travelCents } from './geo';
import { MeetingVenues } from './meeting-venues';
import { Speaker } from './speaker.entity';
import { SpeakerTheme } from './speaker-theme.entity';
import { speakersMatching } from './speakers.queries';
import type { CreateSpeakerDto, ListSpeakersQueryDto, UpdateSpeakerDto } from './speaker.dto';
import {
  SpeakerCosts,
  SpeakerForMeeting,
  SpeakerResponse,
  toSpeakerResponse,
  withCosts,
} from './speaker.mapper';
import { ThemesService } from '../catalogue/themes.service';

const AUDITED = [
  'name',
  'organisationPartnerId',
  'organisationName',
  'email',
  'phone',
  'website',
  'feeCents',
  'address',
  'latitude',
  'longitude',
  'travelCentsPerKm',
  'notes',
  'lastSpokeAt',
  'archivedAt',
];

type Place = { latitude: number | null; longitude: number | null };

@Injectable()
export class SpeakersService {
  constructor(
    @InjectRepository(Speaker) private readonly speakers: Repository<Speaker>,
    @InjectRepository(SpeakerTheme) private readonly topics: Repository<SpeakerTheme>,
    private readonly themes: ThemesService,
    private readonly venues: MeetingVenues,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** The per-km rate for this speaker: their own, or the network default. */
  centsPerKm(speaker: Speaker): number {
    return speaker.travelCentsPerKm ?? this.config.speakerTravelCentsPerKm;
  }

  /** Distance to a venue and the round-trip travel cost; both null when either place lacks coordinates. */
  costsTo(speaker: Speaker, venue: Place): SpeakerCosts {
    const km = distanceKm(speaker, venue);
    return { distanceKm: km, travelCents: travelCents(km, this.centsPerKm(speaker)) };
  }

  /**
   * One page of speakers. Without meetingId the page is cut in SQL. With meetingId every speaker
   * matching the SQL filters (theme, fee, tag, words) is read in one query, then distances and
   * costs are computed, filtered by distance, sorted and cut here: a network has tens or hundreds
   * of speakers, never enough for this to matter, and the query count stays constant.
   */
  async list(query: ListSpeakersQueryDto): Promise<Page<SpeakerResponse | SpeakerForMeeting>> {
    const tagged = query.tag === undefined ? undefined : await this.themes.idsTitled(query.tag);
    if (query.meetingId === undefined) {
      if (query.sort === 'distance')
        throw new RuleViolationError('errors.speakers.distanceNeedsMeeting', 'meetingId');
      if (query.maxDistanceKm !== undefined)
        throw new RuleViolationError('errors.speakers.maxDistanceNeedsMeeting', 'meetingId');
      const qb = speakersMatching(this.speakers, query, tagged);
      if (query.sort === 'cost') qb.orderBy('speaker.feeCents', 'ASC');
      else qb.orderBy('speaker.nameKey', 'ASC');
      // offset/limit, not skip/take: the only join is many-to-one, rows are not multiplied.
      qb.addOrderBy('speaker.id', 'ASC')
        .offset((query.page - 1) * query.pageSize)
        .limit(query.pageSize);
      const [speakers, total] = await qb.getManyAndCount();
      return pageOf(await this.responses(speakers), total, query);
    }

    const venue = await this.venues.venueOf(query.meetingId);
    if (query.maxDistanceKm !== undefined && (venue.latitude === null || venue.longitude === null))
      throw new RuleViolationError('errors.speakers.venueUnlocated', 'maxDistanceKm');
    const speakers = await speakersMatching(this.speakers, query, tagged).getMany();
    let rows = speakers.map((speaker) => ({ speaker, costs: this.costsTo(speaker, venue) }));
    if (query.maxDistanceKm !== undefined) {
      const max = query.maxDistanceKm;
      rows = rows.filter((row) => row.costs.distanceKm !== null && row.costs.distanceKm <= max);
    }
    const sort = query.sort ?? 'cost';
    const unknownLast = (a: number | null, b: number | null) =>
      a === null ? (b === null ? 0 : 1) : b === null ? -1 : a - b;
    rows.sort((a, b) => {
      let order = 0;
      if (sort === 'distance') order = unknownLast(a.costs.distanceKm, b.costs.distanceKm);
      if (sort === 'cost') {
        const total = (row: (typeof rows)[number]) =>
          row.costs.travelCents === null ? null : row.speaker.feeCents + row.costs.travelCents;
        order = unknownLast(total(a), total(b)) || a.speaker.feeCents - b.speaker.feeCents;
      }
      return (
        order || a.speaker.nameKey.localeCompare(b.speaker.nameKey) || a.speaker.id - b.speaker.id
      );
    });
    const start = (query.page - 1) * query.pageSize;
    const page = rows.slice(start, start + query.pageSize);
    const responses = await this.responses(page.map((row) => row.speaker));
    return pageOf(
      responses.map((response, i) => withCosts(response, page[i].costs, this.config.locale)),
      rows.length,
      query,
    );
  }

  /** Responses for these speakers, with their themes read in one query. */
  private async responses(speakers: Speaker[]): Promise<SpeakerResponse[]> {
    const ids = speakers.map((speaker) => speaker.id);
    const links = ids.length
      ? await this.topics.find({
          where: { speakerId: In(ids) },
          relations: { theme: true },
          order: { themeId: 'ASC' },
        })
      : [];
    return speakers.map((speaker) =>
      toSpeakerResponse(
        speaker,
        links
          .filter((link) => link.speakerId === speaker.id && link.theme)
          .map((link) => ({ id: link.themeId, title: link.theme!.title })),
        this.config.speakerTravelCentsPerKm,
        this.config.locale,
      ),
    );
  }

  async get(id: number): Promise<Speaker> {
    const speaker = await this.speakers.findOne({
      where: { id },
      relations: { organisationPartner: true },
    });
    if (!speaker) throw new NotFoundError('speaker', id);
    return speaker;
  }

  async read(id: number): Promise<SpeakerResponse> {
    const [response] = await this.responses([await this.get(id)]);
    return response;
  }

  async create(dto: CreateSpeakerDto, user: User): Promise<SpeakerResponse> {
    const id = await this.transactions.run(async (manager) => {
      const repository = manager.getRepository(Speaker);
      const speaker = repository.create({
        name: '',
        nameKey: '',
        organisationPartnerId: null,
        organisationName: null,
        tags: [],
        email: null,
        phone: null,
        website: null,
        feeCents: 0,
        address: null,
        latitude: null,
        longitude: null,
        travelCentsPerKm: null,
        notes: null,
        lastSpokeAt: null,
        archivedAt: null,
      });
      await this.apply(manager, speaker, dto);
      const saved = await repository.save(speaker);
      const themeIds = await this.chosenThemes(manager, dto, [], user);
      if (themeIds) await this.linkThemes(manager, saved.id, themeIds);
      await this.audit.record(manager, actorOf(user), {
        entityType: 'speaker',
        entityId: saved.id,
        action: 'create',
        changes: { ...diff({}, saved, AUDITED), ...this.themeChange([], themeIds) },
      });
      return saved.id;
    });
    return this.read(id);
  }

  async update(id: number, dto: UpdateSpeakerDto, user: User): Promise<SpeakerResponse> {
    await this.transactions.run(async (manager) => {
      const repository = manager.getRepository(Speaker);
      const speaker = await repository.findOneBy({ id });
      if (!speaker) throw new NotFoundError('speaker', id);
      const before = { ...speaker };
      const themesBefore = (await manager.getRepository(SpeakerTheme).findBy({ speakerId: id }))
        .map((link) => link.themeId)
        .sort((a, b) => a - b);
      await this.apply(manager, speaker, dto);
      await repository.save(speaker);
      const themeIds = await this.chosenThemes(manager, dto, themesBefore, user);
      if (themeIds) await this.linkThemes(manager, id, themeIds);
      await this.audit.record(manager, actorOf(user), {
        entityType: 'speaker',
        entityId: id,
        action: 'update',
        changes: {
          ...diff(before, speaker, AUDITED),
          ...this.themeChange(themesBefore, themeIds),
        },
      });
    });
    return this.read(id);
  }

  async setArchived(id: number, archived: boolean, user: User): Promise<SpeakerResponse> {
    await this.transactions.run(async (manager) => {
      const repository = manager.getRepository(Speaker);
      const speaker = await repository.findOneBy({ id });
      if (!speaker) throw new NotFoundError('speaker', id);
      if ((speaker.archivedAt !== null) === archived) return;
      const before = { ...speaker };
      speaker.archivedAt = archived ? this.clock.now() : null;
      await repository.save(speaker);
      await this.audit.record(manager, actorOf(user), {
        entityType: 'speaker',
        entityId: id,
        action: archived ? 'archive' : 'restore',
        changes: diff(before, speaker, ['archivedAt']),
      });
    });
    return this.read(id);
  }

  private themeChange(before: number[], after: number[] | undefined): AuditChanges {
    if (!after) return {};
    const sorted = [...new Set(after)].sort((a, b) => a - b);
    return JSON.stringify(before) === JSON.stringify(sorted)
      ? {}
      : { themeIds: { before, after: sorted } };
  }

  /** Copies the given fields onto the speaker and checks the rules that span several fields. */
  private async apply(
    manager: EntityManager,
    speaker: Speaker,
    dto: CreateSpeakerDto | UpdateSpeakerDto,
  ): Promise<void> {
    if (dto.name !== undefined) {
      const name = dto.name.trim();
      if (!name)
        throw new RuleViolationError(
          { key: 'errors.input.blank', params: { field: 'name' } },
          'name',
        );
      speaker.name = name;
      speaker.nameKey = normalizeForSearch(name);
    }
    const text = (value: string | null | undefined) => value?.trim() || null;
    if (dto.organisationPartnerId !== undefined) {
      if (dto.organisationPartnerId !== null)
        await this.themes.requirePartner(
          manager,
          dto.organisationPartnerId,
          'organisationPartnerId',
          speaker.organisationPartnerId ?? null,
        );
      speaker.organisationPartnerId = dto.organisationPartnerId;
      speaker.organisationPartner = undefined;
    }
    if (dto.organisationName !== undefined) speaker.organisationName = text(dto.organisationName);
    if (speaker.organisationPartnerId !== null && speaker.organisationName !== null)
      throw new RuleViolationError('errors.speakers.organisationBoth', 'organisationName');
    if (dto.email !== undefined) speaker.email = text(dto.email);
    if (dto.phone !== undefined) speaker.phone = text(dto.phone);
    if (dto.website !== undefined) speaker.website = text(dto.website);
    if (dto.feeCents !== undefined) speaker.feeCents = dto.feeCents;
    if (dto.address !== undefined) speaker.address = text(dto.address);
    if (dto.latitude !== undefined) speaker.latitude = dto.latitude;
    if (dto.longitude !== undefined) speaker.longitude = dto.longitude;
    assertCoordinates(speaker);
    if (dto.travelCentsPerKm !== undefined) speaker.travelCentsPerKm = dto.travelCentsPerKm;
    if (dto.notes !== undefined) speaker.notes = dto.notes?.trim() || null;
    if (dto.lastSpokeAt !== undefined)
      speaker.lastSpokeAt = dto.lastSpokeAt === null ? null : new Date(dto.lastSpokeAt);
    if (dto.themeIds) await this.themes.requireThemes(manager, dto.themeIds, 'themeIds');
  }

  /**
   * The speaker's themes after this change, or undefined when unchanged: the themes ticked
   * (themeIds, else the current ones) and those named by the tags typed, a new title creating a
   * proposed theme (a speaker's tags are themes).
   */
  private async chosenThemes(
    manager: EntityManager,
    dto: CreateSpeakerDto | UpdateSpeakerDto,
    current: number[],
    user: User,
  ): Promise<number[] | undefined> {
    if (dto.themeIds === undefined && dto.tags === undefined) return undefined;
    const ids = [...(dto.themeIds ?? current)];
    const typed = new Map((dto.tags ?? []).map((tag) => [normalizeForSearch(tag), tag.trim()]));
    typed.delete('');
    for (const tag of typed.values())
      ids.push((await this.themes.themeNamed(manager, tag, user, 'tags')).id);
    return [...new Set(ids)];
  }

  private async linkThemes(manager: EntityManager, speakerId: number, themeIds: number[]) {
    const links = manager.getRepository(SpeakerTheme);
    await links.delete({ speakerId });
    const unique = [...new Set(themeIds)];
    if (unique.length) await links.insert(unique.map((themeId) => ({ speakerId, themeId })));
  }
}
