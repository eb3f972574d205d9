import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ErasureSubject } from '../common/erasure';
import { replaceTextIn } from '../database/sql';

/**
 * The documents' part of the right to erasure (docs/personal-data.md). Published minutes versions
 * and newsletters are snapshots: they keep the names as they were. On erasure every stored form
 * of the person's name and address (as typed, HTML-escaped, inside JSON) is replaced by the label
 * in their HTML, text and snapshot, and in the drafts and news, so no page, PDF or mail made from
 * them names the person again. An exact-string replacement: a misspelt or abbreviated mention
 * typed by hand is not found.
 */
@Injectable()
export class DocumentsErasure {
  async eraseIn(manager: EntityManager, subject: ErasureSubject): Promise<void> {
    const pairs = subject.replacements;
    await replaceTextIn(manager, 'minutes_versions', ['title', 'html', 'text', 'snapshot'], pairs);
    await replaceTextIn(
      manager,
      'minutes_drafts',
      ['introduction', 'conclusion', 'item_overrides'],
      pairs,
    );
    await replaceTextIn(
      manager,
      'newsletters',
      ['title', 'editorial', 'html', 'text', 'web_html'],
      pairs,
    );
    await replaceTextIn(manager, 'news_items', ['title', 'body'], pairs);
    // The review rounds' frozen paragraphs and the proposals' texts and reasons (the reviewer's
    // own rows name them by contact id, whose name the contact's erasure already replaced).
    await replaceTextIn(manager, 'minutes_review_rounds', ['paragraphs'], pairs);
    await replaceTextIn(manager, 'minutes_review_proposals', ['body', 'reason'], pairs);
  }
}
