import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Not, Repository } from 'typeorm';
import { actorOf, AuditService } from '../../audit/audit.service';
import type { User } from '../../auth/users/user.entity';
import { Clock } from '../../common/clock';
import { ConflictError, NotFoundError, RuleViolationError } from '../../common/domain-errors';
import { AppConfig } from '../../config/app-config';
import { Transactions } from '../../database/transactions';
import type { AgendaThemeProvider } from '../../meetings/agenda/agenda-themes';
import { AgendaService, type AgendaThemeFields } from '../../meetings/agenda/agenda.service';
import type { Meeting } from '../../meetings/meeting.entity';
import { AgendaQueries } from '../../meetings/agenda/agenda-read.queries';
import { Speaker } from '../speakers/speaker.entity';
import { formatMoney } from '../../common/web/format';
import { SpeakersService } from '../speakers/speakers.service';
import { Theme, ThemeStatus } from '../catalogue/theme.entity';
import type { AgendaItemRefDto, ScheduleThemeDto } from './theme-schedule.dto';
import { ThemeAgendaEntry } from '../catalogue/theme.mapper';
import { ThemesService } from '../catalogue/themes.service';

const later = (a: Date | null, b: Date): Date => (a && a > b ? a : b);

/** What booking a speaker changes on an agenda item (see ThemeScheduleService.book). */
export type SpeakerSlot = Pick<
  AgendaThemeFields,
  'speakerId' | 'speakerFeeCents' | 'speakerTravelCents'
> &
  Pick<Partial<AgendaThemeFields>, 'themePresentedAt'>;

/**
 * Themes on meeting agendas. The theme's status follows its agenda items:
 * - scheduling it on an agenda item (of a meeting not cancelled) makes it "scheduled";
 * - recording it as presented on that item, once the meeting has started, makes it "presented"
 *   (and sets the theme's lastPresentedAt and the speaker's lastSpokeAt to the meeting's start);
 * - a theme still on an agenda item not yet presented stays "scheduled", even if it was presented
 *   before; archived themes stay archived and cannot be scheduled;
 * - cancelling the meeting takes it back: the theme is "scheduled" only while another meeting
 *   still plans it, else "presented" if it ever was, else "proposed" (the agenda item keeps the
 *   theme, as the record of what the cancelled meeting had planned).
 */
@Injectable()
export class ThemeScheduleService implements AgendaThemeProvider {
  constructor(
    @InjectRepository(Theme) private readonly themeRepository: Repository<Theme>,
    private readonly agendaItems: AgendaQueries,
    private readonly agenda: AgendaService,
    private readonly speakers: SpeakersService,
    private readonly themes: ThemesService,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async schedule(themeId: number, dto: ScheduleThemeDto, user: User): Promise<ThemeAgendaEntry> {
    await this.transactions.run(async (manager) => {
      const theme = await this.theme(manager, themeId);
      if (theme.status === 'archived')
        throw new RuleViolationError('errors.theme.archivedSchedule', 'status');
      const { item, meeting } = await this.agendaItem(manager, dto.agendaItemId);
      if (meeting.status === 'cancelled')
        throw new RuleViolationError('errors.meeting.cancelled', 'agendaItemId');
      if (item.themeId !== null && item.themeId !== themeId)
        throw new ConflictError(
          {
            key: 'errors.theme.alreadyScheduled',
            params: { item: item.id, theme: item.themeId ?? '' },
          },
          'agendaItemId',
        );
      const before = { themeId: item.themeId, speakerId: item.speakerId };
      item.themeId = themeId;
      if (dto.speakerId !== undefined) await this.book(manager, item, meeting, dto.speakerId);
      await this.agenda.saveThemeFieldsIn(manager, item);
      await this.refreshStatus(manager, theme);
      await this.audit.record(manager, actorOf(user), {
        entityType: 'agenda-item',
        entityId: item.id,
        action: 'update',
        changes: {
          ...(before.themeId !== item.themeId
            ? { themeId: { before: before.themeId, after: item.themeId } }
            : {}),
          ...(before.speakerId !== item.speakerId
            ? { speakerId: { before: before.speakerId, after: item.speakerId } }
            : {}),
        },
      });
    });
    return this.entry(dto.agendaItemId);
  }

  /** Takes the theme off an agenda item (and the speaker with it, when not yet presented). */
  async unschedule(themeId: number, dto: AgendaItemRefDto, user: User): Promise<void> {
    await this.transactions.run(async (manager) => {
      const theme = await this.theme(manager, themeId);
      const { item } = await this.agendaItem(manager, dto.agendaItemId);
      if (item.themeId !== themeId)
        throw new RuleViolationError(
          { key: 'errors.theme.notOnItem', params: { item: item.id } },
          'agendaItemId',
        );
      if (item.themePresentedAt)
        throw new ConflictError('errors.theme.presentedHistory', 'agendaItemId');
      item.themeId = null;
      await this.agenda.saveThemeFieldsIn(manager, item);
      await this.refreshStatus(manager, theme);
      await this.audit.record(manager, actorOf(user), {
        entityType: 'agenda-item',
        entityId: item.id,
        action: 'update',
        changes: { themeId: { before: themeId, after: null } },
      });
    });
  }

  /** Records that the theme was presented on that agenda item, once the meeting has started. */
  async presented(themeId: number, dto: AgendaItemRefDto, user: User): Promise<ThemeAgendaEntry> {
    await this.transactions.run(async (manager) => {
      const theme = await this.theme(manager, themeId);
      const { item, meeting } = await this.agendaItem(manager, dto.agendaItemId);
      if (item.themeId !== themeId)
        throw new RuleViolationError(
          { key: 'errors.theme.scheduleFirst', params: { item: item.id } },
          'agendaItemId',
        );
      if (meeting.status === 'cancelled')
        throw new RuleViolationError('errors.meeting.cancelled', 'agendaItemId');
      if (meeting.startsAt > this.clock.now())
        throw new RuleViolationError('errors.meeting.notHeldYet', 'agendaItemId');
      if (item.themePresentedAt) return;
      item.themePresentedAt = meeting.startsAt;
      await this.agenda.saveThemeFieldsIn(manager, item);
      theme.lastPresentedAt = later(theme.lastPresentedAt, meeting.startsAt);
      if (item.speakerId !== null) {
        const speakers = manager.getRepository(Speaker);
        const speaker = await speakers.findOneByOrFail({ id: item.speakerId });
        speaker.lastSpokeAt = later(speaker.lastSpokeAt, meeting.startsAt);
        await speakers.save(speaker);
      }
      await this.refreshStatus(manager, theme);
      await this.audit.record(manager, actorOf(user), {
        entityType: 'agenda-item',
        entityId: item.id,
        action: 'update',
        changes: { themePresentedAt: { before: null, after: meeting.startsAt.toISOString() } },
      });
    });
    return this.entry(dto.agendaItemId);
  }

  /**
   * Called in the transaction that cancels a meeting (see MeetingCancellationHooks): each theme
   * planned on its agenda gets its status back from its other agenda items, and every status that
   * changes is written to the audit trail, by whoever cancelled.
   */
  async meetingCancelled(manager: EntityManager, meetingId: number, user?: User): Promise<void> {
    const themeIds = await this.agendaItems.themeIdsOnAgendaOf(meetingId, manager);
    await this.refresh(manager, themeIds, user);
  }

  /** Themes an agenda item can present (the agenda form's choices), by title. */
  async titles(): Promise<{ id: number; title: string }[]> {
    const themes = await this.themeRepository.find({
      where: { status: Not('archived') },
      select: { id: true, title: true },
      order: { title: 'ASC', id: 'ASC' },
      take: 500,
    });
    return themes.map(({ id, title }) => ({ id, title }));
  }

  /** The theme an agenda item is given, by id or by title (see AgendaThemeProvider). */
  async resolve(
    manager: EntityManager,
    choice: { themeId?: number | null; themeTitle?: string | null },
    user: User | undefined,
  ): Promise<number | null> {
    if (choice.themeId !== undefined && choice.themeId !== null) {
      const theme = await manager.getRepository(Theme).findOneBy({ id: choice.themeId });
      if (!theme)
        throw new RuleViolationError(
          { key: 'errors.themes.unknown', params: { id: choice.themeId } },
          'themeId',
        );
      if (theme.status === 'archived')
        throw new RuleViolationError(
          {
            key: 'errors.themes.archivedTitle',
            params: { title: theme.title },
          },
          'themeId',
        );
      return theme.id;
    }
    const title = choice.themeTitle?.trim() ?? '';
    if (!title) return null;
    return (await this.themes.themeNamed(manager, title, user, 'themeTitle')).id;
  }

  /**
   * Each theme's status from its agenda items again (after items changed theme, or a meeting
   * was cancelled); every status that changes is written to the audit trail.
   */
  async refresh(manager: EntityManager, themeIds: number[], user?: User): Promise<void> {
    if (themeIds.length === 0) return;
    const themes = await manager
      .getRepository(Theme)
      .find({ where: { id: In(themeIds) }, order: { id: 'ASC' } });
    for (const theme of themes) {
      const before = theme.status;
      await this.refreshStatus(manager, theme);
      if (theme.status === before) continue;
      await this.audit.record(manager, actorOf(user), {
        entityType: 'theme',
        entityId: theme.id,
        action: 'update',
        changes: { status: { before, after: theme.status } },
      });
    }
  }

  /** Books (or unbooks) a speaker on an item, fixing their fee and travel to the venue. */
  async book(
    manager: EntityManager,
    item: SpeakerSlot,
    meeting: Pick<Meeting, 'latitude' | 'longitude'>,
    speakerId: number | null,
  ): Promise<void> {
    if (item.themePresentedAt && speakerId !== item.speakerId)
      throw new ConflictError('errors.theme.speakerHistory', 'speakerId');
    if (speakerId === null) {
      item.speakerId = null;
      item.speakerFeeCents = null;
      item.speakerTravelCents = null;
      return;
    }
    const speaker = await manager.getRepository(Speaker).findOneBy({ id: speakerId });
    if (!speaker)
      throw new RuleViolationError(
        { key: 'errors.speaker.missing', params: { id: speakerId } },
        'speakerId',
      );
    if (speaker.archivedAt && speaker.id !== item.speakerId)
      throw new RuleViolationError(
        { key: 'errors.speaker.archived', params: { id: speakerId } },
        'speakerId',
      );
    item.speakerId = speaker.id;
    item.speakerFeeCents = speaker.feeCents;
    item.speakerTravelCents = this.speakers.costsTo(speaker, meeting).travelCents;
  }

  /** The theme's status from its agenda items: see the class comment. */
  private async refreshStatus(manager: EntityManager, theme: Theme): Promise<void> {
    let status: ThemeStatus = theme.status;
    if (status !== 'archived') {
      const pending = await this.agendaItems.themeStillPlanned(theme.id, manager);
      status = pending ? 'scheduled' : theme.lastPresentedAt ? 'presented' : 'proposed';
    }
    theme.status = status;
    await manager.getRepository(Theme).save(theme);
  }

  private async theme(manager: EntityManager, id: number): Promise<Theme> {
    const theme = await manager.getRepository(Theme).findOneBy({ id });
    if (!theme) throw new NotFoundError('theme', id);
    return theme;
  }

  private async agendaItem(manager: EntityManager, id: number) {
    const item = await this.agendaItems.agendaItemWithMeeting(id, manager);
    if (!item?.meeting)
      throw new RuleViolationError(
        { key: 'errors.agendaItem.missing', params: { id } },
        'agendaItemId',
      );
    const { meeting } = item;
    delete item.meeting;
    return { item, meeting };
  }

  private money(cents: number | null): string | null {
    return cents === null ? null : formatMoney(cents, this.config.locale);
  }

  /** One agenda item as the themes feature sees it. */
  async entry(agendaItemId: number): Promise<ThemeAgendaEntry> {
    const [entry] = await this.entries({ id: agendaItemId });
    return entry;
  }

  /** Every agenda item of a theme, newest meeting first: presentations and upcoming ones. */
  entriesOf(themeId: number): Promise<ThemeAgendaEntry[]> {
    return this.entries({ themeId });
  }

  private async entries(where: { id: number } | { themeId: number }): Promise<ThemeAgendaEntry[]> {
    const items = await this.agendaItems.themeAgendaItems(where);
    return items.map((item) => ({
      agendaItemId: item.id,
      agendaItemTitle: item.title,
      themeId: item.themeId!,
      meetingId: item.meetingId,
      meetingTitle: item.meeting!.title,
      meetingStatus: item.meeting!.status,
      startsAt: item.meeting!.startsAt.toISOString(),
      presentedAt: item.themePresentedAt ? item.themePresentedAt.toISOString() : null,
      speaker: item.speaker ? { id: item.speaker.id, name: item.speaker.name } : null,
      presenterContact: item.presenterContact
        ? { id: item.presenterContact.id, name: item.presenterContact.fullName }
        : null,
      speakerFeeCents: item.speakerFeeCents,
      speakerFeeFormatted: this.money(item.speakerFeeCents),
      speakerTravelCents: item.speakerTravelCents,
      speakerTravelFormatted: this.money(item.speakerTravelCents),
    }));
  }
}
