import type { MinutesReviewProposal } from './minutes-review-proposal.entity';
import type { MinutesReviewReader } from './minutes-review-reader.entity';
import type { MinutesReviewRound, ReviewParagraph } from './minutes-review-round.entity';

export interface ProposalView {
  id: number;
  paragraph: number;
  kind: 'comment' | 'suggestion';
  text: string;
  status: 'pending' | 'accepted' | 'rejected';
  reason: string | null;
  author: string;
  createdAt: string;
  decidedAt: string | null;
}

export interface ParagraphView extends ReviewParagraph {
  proposals: ProposalView[];
}

/** A round that invited a contact, as the portal's home lists it. */
export interface ReviewInvitation {
  meetingId: number;
  meetingTitle: string;
  deadlineDay: string;
  acceptsProposals: boolean;
  path: string;
}

export interface ReaderView {
  contactId: number;
  name: string;
  openedAt: string | null;
}

/** A review round as staff (every proposal) or an attendee (their own) see it. */
export interface ReviewRoundView {
  id: number;
  meetingId: number;
  status: MinutesReviewRound['status'];
  deadlineDay: string;
  deadline: string;
  /** Proposals are taken: the round is open and its deadline not passed. */
  acceptsProposals: boolean;
  openedAt: string;
  readers: ReaderView[];
  openedCount: number;
  proposalCount: number;
  pendingCount: number;
  paragraphs: ParagraphView[];
  publishedVersion: number | null;
}

export function buildRoundView(
  round: MinutesReviewRound,
  readers: MinutesReviewReader[],
  proposals: MinutesReviewProposal[],
  names: Map<number, string>,
  now: Date,
): ReviewRoundView {
  const nameOf = (id: number) => names.get(id) ?? `#${id}`;
  const views: ProposalView[] = proposals.map((p) => ({
    id: p.id,
    paragraph: p.paragraph,
    kind: p.kind,
    text: p.body,
    status: p.status,
    reason: p.reason,
    author: nameOf(p.contactId),
    createdAt: p.createdAt.toISOString(),
    decidedAt: p.decidedAt?.toISOString() ?? null,
  }));
  return {
    id: round.id,
    meetingId: round.meetingId,
    status: round.status,
    deadlineDay: round.deadlineDay,
    deadline: round.deadline.toISOString(),
    acceptsProposals: round.status === 'open' && now.getTime() < round.deadline.getTime(),
    openedAt: round.openedAt.toISOString(),
    readers: readers.map((r) => ({
      contactId: r.contactId,
      name: nameOf(r.contactId),
      openedAt: r.openedAt?.toISOString() ?? null,
    })),
    openedCount: readers.filter((r) => r.openedAt).length,
    proposalCount: proposals.length,
    pendingCount: proposals.filter((p) => p.status === 'pending').length,
    paragraphs: round.paragraphs.map((paragraph) => ({
      ...paragraph,
      proposals: views.filter((v) => v.paragraph === paragraph.index),
    })),
    publishedVersion: round.publishedVersion,
  };
}
