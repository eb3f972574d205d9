import { Injectable } from '@nestjs/common';
import { In, IsNull, Not, type EntityManager } from 'typeorm';
import { compareFrench } from '../../../common/french-order';
import { PartnersQueries } from '../../../partners/partners.queries';
import { MinutesReviewProposal } from './minutes-review-proposal.entity';
import { MinutesReviewReader } from './minutes-review-reader.entity';
import { MinutesReviewRound } from './minutes-review-round.entity';

/** What a published version says of its review: "Relu par …" and the accepted changes. */
export interface MinutesReviewSummary {
  /** The attendees who opened the draft (proposing opens it), in French order. */
  reviewers: string[];
  /** Accepted suggestions: the paragraph as frozen, and the text that replaced it. */
  changes: { before: string; after: string }[];
  /** Accepted comments (taken into account by staff in their own words). */
  comments: string[];
}

/**
 * Publishing the minutes records the rounds not yet published (MinutesService.publish, in its
 * transaction): their reviewers and accepted proposals go into the version, and the rounds are
 * marked published with the version's number (an open round ends there).
 */
@Injectable()
export class MinutesReviewRecord {
  constructor(private readonly partners: PartnersQueries) {}

  /** Whether a round is waiting to go into the next version (then publishing changes something). */
  async hasRoundsToRecord(manager: EntityManager, meetingId: number): Promise<boolean> {
    const waiting = await manager
      .getRepository(MinutesReviewRound)
      .count({ where: { meetingId, status: In(['open', 'closed']) } });
    return waiting > 0;
  }

  async recordInVersion(
    manager: EntityManager,
    meetingId: number,
    version: number,
    now: Date,
  ): Promise<MinutesReviewSummary | null> {
    const rounds = await manager.getRepository(MinutesReviewRound).find({
      where: { meetingId, status: In(['open', 'closed']) },
      order: { id: 'ASC' },
    });
    if (rounds.length === 0) return null;
    const roundIds = rounds.map((r) => r.id);
    // One after the other: this runs on the publishing transaction's connection.
    const readers = await manager
      .getRepository(MinutesReviewReader)
      .find({ where: { roundId: In(roundIds), openedAt: Not(IsNull()) } });
    const accepted = await manager.getRepository(MinutesReviewProposal).find({
      where: { roundId: In(roundIds), status: 'accepted' },
      order: { roundId: 'ASC', paragraph: 'ASC', id: 'ASC' },
    });
    const contacts = await this.partners.contactsByIds(
      readers.map((r) => r.contactId),
      {},
      manager,
    );
    const byRound = new Map(rounds.map((r) => [r.id, r]));
    const summary: MinutesReviewSummary = {
      reviewers: [...new Set(contacts.map((c) => c.fullName))].sort(compareFrench),
      changes: accepted
        .filter((p) => p.kind === 'suggestion')
        .map((p) => ({
          before:
            byRound.get(p.roundId)!.paragraphs.find((x) => x.index === p.paragraph)?.text ?? '',
          after: p.body,
        })),
      comments: accepted.filter((p) => p.kind === 'comment').map((p) => p.body),
    };
    await manager
      .getRepository(MinutesReviewRound)
      .update({ id: In(roundIds) }, { status: 'published', publishedVersion: version });
    await manager
      .getRepository(MinutesReviewRound)
      .update({ id: In(roundIds), closedAt: IsNull() }, { closedAt: now });
    return summary;
  }
}
