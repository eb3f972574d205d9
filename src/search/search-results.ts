import { excerpt, markWords, type SearchWords, type TextPart } from './search-words';

/** One entry found, with how many entries of its kind matched. */
export interface SearchHit {
  kind: string;
  recordId: number;
  parentId: number | null;
  archived: boolean;
  title: string;
  body: string;
  /** Entries of this kind that matched (the hits are the best `perKind` of them). */
  total: number;
}

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
export const STAFF_HREF: Record<SearchKind, (hit: SearchHit) => string> = {
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
  /** Every kind searched, in order, each with its count (0 when nothing matched). */
  groups: SearchGroup[];
}

/** How the results speak: each kind's label, the title of an untitled record, each hit's page. */
export interface SearchWording {
  label(kind: SearchKind): string;
  untitled: string;
  href(kind: SearchKind, hit: SearchHit): string;
}

/** The hits grouped by kind (in the order of `kinds`), their words marked, excerpts cut. */
export function searchResults(
  q: string,
  search: SearchWords,
  kinds: readonly SearchKind[],
  hits: SearchHit[],
  wording: SearchWording,
): SearchResults {
  const groups = kinds.map((kind): SearchGroup => {
    const found = hits.filter((hit) => hit.kind === kind);
    return {
      kind,
      label: wording.label(kind),
      total: found[0]?.total ?? 0,
      items: found.map((hit) => {
        const title = hit.title.trim() || wording.untitled;
        const shown = excerpt(hit.body, search);
        return {
          id: hit.recordId,
          title,
          href: wording.href(kind, hit),
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
