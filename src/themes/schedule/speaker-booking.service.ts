import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { actorOf, AuditService, diff } from '../../audit/audit.service';
import type { User } from '../../auth/users/user.entity';
import { Clock } from '../../common/clock';
import { RuleViolationError } from '../../common/domain-errors';
import { Transactions } from '../../database/transactions';
import { AgendaService } from '../../meetings/agenda/agenda.service';
import type { Meeting } from '../../meetings/meeting.entity';
import { MeetingsQueries } from '../../meetings/meetings.queries';
import { AgendaQueries } from '../../meetings/agenda/agenda-read.queries';
import { Speaker } from '../speakers/speaker.entity';
import { Theme } from '../catalogue/theme.entity';
import { ThemeScheduleService, type SpeakerSlot } from './theme-schedule.service';

export interface BookingOutcome {
  agendaItemId: number;
  /** The speaker was already on the meeting's agenda: nothing was added. */
  alreadyBooked: boolean;
}

/**
 * Booking a speaker for a meeting puts them on its agenda: an item they present (the theme's
 * title, or their name), with the booked theme if any, their fee and travel fixed now. Booked
 * twice, they keep their one item. Cancelling the booking takes the item off again, or only the
 * speaker when the item holds more (a partner's presenter, a summary), and is refused once the
 * meeting has taken place: the booking is then history.
 */
@Injectable()
export class SpeakerBookingService {
  constructor(
    private readonly agenda: AgendaService,
    private readonly meetings: MeetingsQueries,
    private readonly agendaItems: AgendaQueries,
    private readonly schedule: ThemeScheduleService,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  book(
    meetingId: number,
    speakerId: number,
    themeId: number | null,
    user: User,
  ): Promise<BookingOutcome> {
    return this.transactions.run(async (manager) => {
      const meeting = await this.openMeeting(manager, meetingId);
      const speaker = await manager.getRepository(Speaker).findOneBy({ id: speakerId });
      if (!speaker || speaker.archivedAt)
        throw new RuleViolationError(
          {
            key: 'errors.booking.speaker',
          },
          'speakerId',
        );
      const theme = themeId === null ? null : await this.liveTheme(manager, themeId);
      const existing = await this.agendaItems.firstAgendaItemOfSpeaker(
        meetingId,
        speakerId,
        manager,
      );
      if (existing) {
        if (theme && existing.themeId === null) {
          await this.agenda.saveThemeFieldsIn(manager, { id: existing.id, themeId: theme.id });
          await this.audit.record(manager, actorOf(user), {
            entityType: 'agenda-item',
            entityId: existing.id,
            action: 'update',
            changes: { themeId: { before: null, after: theme.id } },
          });
          await this.schedule.refresh(manager, [theme.id], user);
        }
        return { agendaItemId: existing.id, alreadyBooked: true };
      }
      const item: SpeakerSlot = {
        speakerId: null,
        speakerFeeCents: null,
        speakerTravelCents: null,
      };
      await this.schedule.book(manager, item, meeting, speaker.id);
      const saved = await this.agenda.insertIn(
        manager,
        meetingId,
        {
          title: theme?.title ?? speaker.name,
          kind: 'presentation',
          themeId: theme?.id ?? null,
          speakerId: item.speakerId,
          speakerFeeCents: item.speakerFeeCents,
          speakerTravelCents: item.speakerTravelCents,
        },
        user,
      );
      if (theme) await this.schedule.refresh(manager, [theme.id], user);
      return { agendaItemId: saved.id, alreadyBooked: false };
    });
  }

  /** Takes the speaker off the meeting's agenda (see the class comment). */
  cancel(meetingId: number, speakerId: number, user: User): Promise<void> {
    return this.transactions.run(async (manager) => {
      const meeting = await this.openMeeting(manager, meetingId);
      if (meeting.startsAt <= this.clock.now())
        throw new RuleViolationError(
          {
            key: 'errors.booking.past',
          },
          'speakerId',
        );
      const items = await this.agendaItems.agendaItemsOfSpeaker(meetingId, speakerId, manager);
      if (items.length === 0)
        throw new RuleViolationError(
          {
            key: 'errors.booking.notBooked',
          },
          'speakerId',
        );
      const themes = new Set<number>();
      for (const item of items) {
        if (item.themeId !== null) themes.add(item.themeId);
        const holdsMore = item.presenterContactId !== null || item.summary || item.decisions;
        if (!holdsMore) {
          await this.agenda.removeIn(manager, item, user);
          continue;
        }
        const before = { ...item };
        await this.schedule.book(manager, item, meeting, null);
        await this.agenda.saveThemeFieldsIn(manager, item);
        await this.audit.record(manager, actorOf(user), {
          entityType: 'agenda-item',
          entityId: item.id,
          action: 'update',
          changes: diff(before, item, ['speakerId', 'speakerFeeCents', 'speakerTravelCents']),
        });
      }
      await this.schedule.refresh(manager, [...themes], user);
    });
  }

  private async openMeeting(manager: EntityManager, meetingId: number): Promise<Meeting> {
    const meeting = await this.meetings.lockedMeeting(meetingId, manager);
    if (meeting.status === 'cancelled')
      throw new RuleViolationError(
        {
          key: 'errors.booking.cancelled',
        },
        'meetingId',
      );
    return meeting;
  }

  private async liveTheme(manager: EntityManager, themeId: number): Promise<Theme> {
    const theme = await manager.getRepository(Theme).findOneBy({ id: themeId });
    if (!theme)
      throw new RuleViolationError(
        {
          key: 'errors.booking.theme',
        },
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
    return theme;
  }
}
