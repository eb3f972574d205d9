import type { ViewService } from '../../common/web/view.service';
import type { ClosingProgress } from '../closing/meeting-closing.service';
import type { MeetingDetail } from '../meetings.service';
import { personName } from './meeting-pages.kit';

/** The page model of a meeting's hub: answers, agenda, closing steps and what may be done. */
export function hubView(
  views: ViewService,
  detail: MeetingDetail,
  closing: ClosingProgress,
  now: Date,
) {
  const t = (key: string) => views.text(key);
  const { meeting, counts, invitations, agenda } = detail;
  const started = now.getTime() >= new Date(meeting.startsAt).getTime();
  return {
    title: meeting.title,
    meeting: { ...meeting, startsAtIso: meeting.startsAt },
    kind: t(`meetings.kind.${meeting.kind}`),
    status: t(`meetings.status.${meeting.status}`),
    cancelled: meeting.status === 'cancelled',
    canInvite: meeting.status === 'planned' && !started,
    canCancel: meeting.status === 'planned',
    canEdit: meeting.status !== 'cancelled',
    counts,
    agenda,
    closing: closingView(closing, meeting.id),
    invitations: invitations.map((i) => ({
      id: i.id,
      partnerName: i.partnerName,
      invited: i.invited,
      answer: i.answer ? t(`meetings.answer.${i.answer}`) : t('meetingsPages.hub.noAnswer'),
      attendance: i.attendance ? t(`meetings.attendance.${i.attendance}`) : '',
      expected: i.expected.map((a) => personName(views, a)).join(', '),
      expectedCount: i.expected.length,
      note: i.answerNote,
    })),
  };
}

/** The closing steps as the hub shows them: each with whether it is done and where to do it. */
function closingView(progress: ClosingProgress, meetingId: number) {
  return {
    ...progress,
    shown: progress.state === 'open' || progress.state === 'closed',
    open: progress.state === 'open',
    closed: progress.state === 'closed',
    noInvitations: progress.invited === 0,
    minutes: progress.steps.find((s) => s.step === 'minutes'),
    checkInHref: `/meetings/${meetingId}/check-in`,
    minutesHref: `/meetings/${meetingId}/minutes`,
  };
}
