import type { ReviewRoundView } from '../../documents/minutes/review/minutes-review.view-model';

/** What the attendee typed, shown again after a refusal. */
export interface ReviewForm {
  paragraph: string;
  kind: string;
  text: string;
}

/** The portal's review page: the paragraphs, each with its form and the attendee's proposals. */
export function portalReviewView(
  round: ReviewRoundView,
  state: { sent?: boolean; form?: ReviewForm; messages?: string[] },
) {
  const typedFor = (index: number) =>
    state.form && state.form.paragraph === String(index) ? state.form : null;
  return {
    meetingId: round.meetingId,
    deadlineDay: round.deadlineDay,
    acceptsProposals: round.acceptsProposals,
    published: round.status === 'published',
    proposalCount: round.proposalCount,
    sent: state.sent ?? false,
    messages: state.messages ?? [],
    action: `/portal/reviews/${round.meetingId}/proposals`,
    paragraphs: round.paragraphs.map((p) => {
      const typed = typedFor(p.index);
      return {
        ...p,
        typedText: typed?.text ?? '',
        isComment: typed ? typed.kind !== 'suggestion' : true,
        hasError: Boolean(typed && state.messages?.length),
        proposals: p.proposals.map((proposal) => ({
          ...proposal,
          isRejected: proposal.status === 'rejected',
        })),
      };
    }),
  };
}
