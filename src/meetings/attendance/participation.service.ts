import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { Clock } from '../../common/clock';
import { RuleViolationError } from '../../common/domain-errors';
import { AppConfig } from '../../config/app-config';
import { Invitation } from '../invitations/invitation.entity';
import { heldInvitationsOfActivePartners, participationCounts } from './attendance.queries';
import { compareFrench } from '../../common/french-order';

export interface ParticipationRow {
  partnerId: number;
  partnerName: string;
  /** Meetings the partner was invited to. */
  invited: number;
  present: number;
  excused: number;
  absent: number;
  /** Invited to a held meeting whose attendance was not recorded for it. */
  unrecorded: number;
  /** Present without an invitation. */
  presentUninvited: number;
  /** present / (invited + presentUninvited), 0..1, two decimals; null without meetings. */
  attendanceRate: number | null;
}

export interface WeakTie {
  partnerId: number;
  partnerName: string;
  /** Its last meetings, most recent first, none of them attended. */
  lastMeetings: { meetingId: number; title: string; startsAt: string; attendance: string | null }[];
  /** When it was last present, null if never (in the meetings on record). */
  lastPresentAt: string | null;
}

const DAY = 86_400_000;

/**
 * Participation of the partners in held (or closed) meetings. Cancelled and not-yet-held
 * meetings do not count.
 */
@Injectable()
export class ParticipationService {
  constructor(
    @InjectRepository(Invitation) private readonly invitations: Repository<Invitation>,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async participation(
    fromText?: string,
    toText?: string,
  ): Promise<{ from: string; to: string; items: ParticipationRow[] }> {
    const to = toText ? new Date(toText) : this.clock.now();
    const from = fromText ? new Date(fromText) : new Date(to.getTime() - 365 * DAY);
    if (from >= to) throw new RuleViolationError('errors.period.fromBeforeTo', 'from');
    const rows = await participationCounts(this.invitations.manager, from, to);
    return {
      from: from.toISOString(),
      to: to.toISOString(),
      items: rows.map((row) => {
        const n = (key: string) => Number(row[key] ?? 0);
        const meetings = n('invited') + n('presentUninvited');
        return {
          partnerId: n('partnerId'),
          partnerName: String(row.partnerName),
          invited: n('invited'),
          present: n('present'),
          excused: n('excused'),
          absent: n('absent'),
          unrecorded: n('unrecorded'),
          presentUninvited: n('presentUninvited'),
          attendanceRate: meetings ? Math.round((n('present') / meetings) * 100) / 100 : null,
        };
      }),
    };
  }

  /**
   * The network's weak ties: active partners that were invited to at least `missed` held
   * meetings and attended none of the last `missed` of them (excused counts as missed).
   */
  async weakTies(
    missed = this.config.weakTiesMissed,
  ): Promise<{ missed: number; items: WeakTie[] }> {
    const rows = await heldInvitationsOfActivePartners(this.invitations.manager);
    const byPartner = new Map<number, typeof rows>();
    for (const row of rows) {
      const id = Number(row.partnerId);
      const list = byPartner.get(id) ?? [];
      list.push(row);
      byPartner.set(id, list);
    }
    const items: WeakTie[] = [];
    for (const [partnerId, list] of byPartner) {
      const last = list.slice(0, missed);
      if (last.length < missed || last.some((r) => r.attendance === 'present')) continue;
      const lastPresent = list.find((r) => r.attendance === 'present');
      items.push({
        partnerId,
        partnerName: list[0].partnerName,
        lastMeetings: last.map((r) => ({
          meetingId: Number(r.meetingId),
          title: r.title,
          startsAt: toIso(r.startsAt),
          attendance: r.attendance,
        })),
        lastPresentAt: lastPresent ? toIso(lastPresent.startsAt) : null,
      });
    }
    items.sort((a, b) => compareFrench(a.partnerName, b.partnerName));
    return { missed, items };
  }
}

/** Raw timestamps: a Date on PostgreSQL, "YYYY-MM-DD HH:MM:SS.sss" (UTC) on SQLite. */
function toIso(value: string | Date): string {
  if (value instanceof Date) return value.toISOString();
  return new Date(
    /Z|[+-]\d\d:?\d\d$/.test(value) ? value : `${value.replace(' ', 'T')}Z`,
  ).toISOString();
}
