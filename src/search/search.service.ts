import { Injectable } from '@nestjs/common';
import { ViewService } from '../common/web/view.service';
import { SearchQueries, type SearchHit } from './search.queries';
import { excerpt, markWords, searchWords, type TextPart } from './search-words';

/** The kinds of records found, in the order their groups are shown. */
export const SEARCH_KINDS = [
  'partner',
  'contact',
  'meeting',
  'theme',
  'speaker',
  'project',
  'minutes',
  'newsletter',
] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

/** Most records listed per kind (the group says how many matched). */
export const RESULTS_PER_KIND = 10;

/** The staff page of each kind's record. */
const HREF: Record<SearchKind, (hit: SearchHit) => string> = {
  partner: (hit) => `/partners/${hit.recordId}`,
  contact: (hit) => `/partners/${hit.parentId ?? 0}#contacts`,
  meeting: (hit) => `/meetings/${hit.recordId}`,
  theme: (hit) => `/themes/${hit.recordId}`,
  speaker: (hit) => `/speakers/${hit.recordId}/edit`,
  project: (hit) => `/projects/${hit.recordId}`,
  minutes: (hit) => `/meetings/${hit.recordId}/minutes`,
  newsletter: (hit) => `/desk/newsletters/${hit.recordId}`,
};

export interface SearchItem {
  /** The record's id (for minutes: the meeting's; for a contact: the contact's). */
  id: number;
  title: string;
  href: string;
  archived: boolean;
  excerpt: string;
  /** The title and the excerpt cut into parts, the matching words marked. */
  titleParts: TextPart[];
  excerptParts: TextPart[];
}

export interface SearchGroup {
  kind: SearchKind;
  label: string;
  /** How many records of this kind matched (the items are the best of them). */
  total: number;
  items: SearchItem[];
}

export interface SearchResults {
  q: string;
  /** The words searched (case and accents folded); none for a text without letters or digits. */
  words: string[];
  /** Every kind, in order, each with its count (0 when nothing matched). */
  groups: SearchGroup[];
}

/**
 * The staff search box (docs/search.md): every record of the network whose title or text holds
 * all the words typed, accents and case ignored, the last word also as a prefix.
 */
@Injectable()
export class SearchService {
  constructor(
    private readonly queries: SearchQueries,
    private readonly views: ViewService,
  ) {}

  async search(q: string): Promise<SearchResults> {
    const search = searchWords(q);
    const hits = await this.queries.hits(search, RESULTS_PER_KIND);
    const groups = SEARCH_KINDS.map((kind): SearchGroup => {
      const found = hits.filter((hit) => hit.kind === kind);
      return {
        kind,
        label: this.views.text(`search.kind.${kind}`),
        total: found[0]?.total ?? 0,
        items: found.map((hit) => {
          const title = hit.title.trim() || this.views.text('search.untitled');
          const shown = excerpt(hit.body, search);
          return {
            id: hit.recordId,
            title,
            href: HREF[kind](hit),
            archived: hit.archived,
            excerpt: shown,
            titleParts: markWords(title, search),
            excerptParts: markWords(shown, search),
          };
        }),
      };
    });
    return { q, words: search.words, groups };
  }
}
