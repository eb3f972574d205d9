import type { Meeting } from '../../../../meetings/meeting.entity';
import type { ReviewRoundView } from '../minutes-review.view-model';

/** The staff's review page: the round (or the form to open one) and the form's state. */
export function reviewStaffView(
  title: string,
  meeting: Pick<Meeting, 'id' | 'title' | 'startsAt'>,
  round: ReviewRoundView | null,
  state: { errors?: string[]; notice?: string | null; deadline?: string },
) {
  const errors = (state.errors ?? []).filter(Boolean);
  const base = `/meetings/${meeting.id}/minutes/review`;
  return {
    title,
    meeting: { id: meeting.id, title: meeting.title, startsAt: meeting.startsAt.toISOString() },
    minutesPath: `/meetings/${meeting.id}/minutes`,
    openPath: base,
    closePath: `${base}/close`,
    round: round && {
      ...round,
      isOpen: round.status === 'open',
      paragraphs: round.paragraphs.map((p) => ({
        ...p,
        isSummary: p.field === 'summary',
        isDecisions: p.field === 'decisions',
        proposals: p.proposals.map((proposal) => ({
          ...proposal,
          isSuggestion: proposal.kind === 'suggestion',
          isPending: proposal.status === 'pending',
          decisionPath: `${base}/proposals/${proposal.id}/decision`,
        })),
      })),
    },
    // A new round can be opened when none is open (a closed one is recorded at publication).
    canOpen: !round || round.status !== 'open',
    deadline: state.deadline ?? '',
    errors,
    invalid: errors.length > 0,
    notice: state.notice ?? null,
  };
}
