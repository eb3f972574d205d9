import type { MinutesViewModel } from '../minutes.view-model';
import type { ReviewField, ReviewParagraph } from './minutes-review-round.entity';

/** A blank line (spaces allowed) separates two paragraphs of a wording field. */
const PARAGRAPH_BREAK = /\n[ \t]*\n/;

/** The paragraphs of one wording field, trimmed, empty ones left out. */
export function splitParagraphs(text: string | null | undefined): string[] {
  if (!text) return [];
  return text
    .replace(/\r\n?/g, '\n')
    .split(PARAGRAPH_BREAK)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}

/**
 * The draft's wording cut into paragraphs, in reading order: the introduction, each agenda item's
 * summary then decisions, the conclusion. Attendance and projects come from the meeting record
 * and are not reviewed (staff correct the record itself).
 */
export function paragraphsOf(draft: MinutesViewModel): ReviewParagraph[] {
  const out: ReviewParagraph[] = [];
  const push = (
    field: ReviewField,
    text: string | null,
    item: { id: number; title: string } | null,
  ) => {
    for (const paragraph of splitParagraphs(text))
      out.push({
        index: out.length,
        field,
        agendaItemId: item?.id ?? null,
        heading: item?.title ?? null,
        text: paragraph,
      });
  };
  push('introduction', draft.introduction, null);
  for (const item of draft.agenda) {
    push('summary', item.summary, item);
    push('decisions', item.decisions, item);
  }
  push('conclusion', draft.conclusion, null);
  return out;
}

/** The current text of the field a paragraph came from, in today's draft. */
export function fieldText(draft: MinutesViewModel, paragraph: ReviewParagraph): string | null {
  if (paragraph.field === 'introduction') return draft.introduction;
  if (paragraph.field === 'conclusion') return draft.conclusion;
  const item = draft.agenda.find((i) => i.id === paragraph.agendaItemId);
  return item ? item[paragraph.field] : null;
}

/**
 * The field's text with the frozen paragraph replaced by the suggestion: null when the paragraph
 * is no longer there word for word (staff edited it since the round opened).
 */
export function replaceParagraph(
  current: string | null,
  frozen: string,
  suggestion: string,
): string | null {
  if (!current) return null;
  const normalized = current.replace(/\r\n?/g, '\n');
  const at = normalized.indexOf(frozen);
  if (at < 0) return null;
  return normalized.slice(0, at) + suggestion + normalized.slice(at + frozen.length);
}
