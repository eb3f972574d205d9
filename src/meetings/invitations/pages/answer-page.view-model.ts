import { formText, formValues, type Form } from '../../../common/web/forms';
import type { AnswerPageState } from '../invitations.service';
import { ANSWERS } from '../../meeting-kinds';

type Translate = (key: string, params?: Record<string, string>) => string;

/** What both answer pages (open, and closed with 410) show of the meeting and the partner. */
function answerBase(page: AnswerPageState, errors: string[], t: Translate) {
  const { view } = page;
  return {
    meeting: { ...view.meeting, startsAtIso: view.meeting.startsAt.toISOString() },
    partnerName: view.partnerName,
    // After a refused post, `answer` is what was typed, not what is stored: no "current answer".
    currentAnswer: view.answer && !errors.length ? t(`meetings.answer.${view.answer}`) : null,
  };
}

/** The page model of an answer link that can no longer be used (started or cancelled). */
export function closedAnswerView(page: AnswerPageState, errors: string[], t: Translate) {
  return {
    ...answerBase(page, errors, t),
    title: t('meetings.answer.closedTitle', { title: page.view.meeting.title }),
    cancelled: page.state === 'cancelled',
  };
}

/** The page model of the answer form: the answers, the partner's contacts, the guest. */
export function answerView(
  page: AnswerPageState,
  token: string,
  saved: boolean,
  errors: string[],
  t: Translate,
) {
  const { view } = page;
  return {
    errors,
    ...answerBase(page, errors, t),
    title: t('meetings.answer.title', { title: view.meeting.title }),
    action: `/r/${encodeURIComponent(token)}`,
    saved,
    answers: ANSWERS.map((value) => ({
      value,
      label: t(`meetings.answer.${value}`),
      checked: view.answer === value,
    })),
    contacts: view.contacts.map((c) => ({ ...c, replaced: c.id === view.replacesContactId })),
    guestName: view.guestName,
    note: view.answerNote,
    inSeries: view.inSeries,
  };
}

/** The stored answer overlaid with what was posted, so a refused form keeps what was typed. */
export function typedAnswer(page: AnswerPageState, body: Form): AnswerPageState {
  if (page.state !== 'open') return page;
  const answer = ANSWERS.find((a) => a === formText(body, 'answer')) ?? null;
  const chosen = new Set(formValues(body, 'contactIds'));
  const replaces = Number(formText(body, 'replacesContactId'));
  const view = {
    ...page.view,
    answer,
    answerNote: formText(body, 'note') || null,
    guestName: formText(body, 'guestName') || null,
    replacesContactId: Number.isInteger(replaces) && replaces > 0 ? replaces : null,
    contacts: page.view.contacts.map((c) => ({ ...c, selected: chosen.has(String(c.id)) })),
  };
  return { state: 'open', view };
}
