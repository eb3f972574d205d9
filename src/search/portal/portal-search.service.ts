import { Injectable } from '@nestjs/common';
import { ViewService } from '../../common/web/view.service';
import { PortalService } from '../../portal/portal.service';
import { SearchQueries, type SearchHit } from '../search.queries';
import {
  RESULTS_PER_KIND,
  searchResults,
  type SearchKind,
  type SearchResults,
} from '../search-results';
import { searchWords } from '../search-words';

/** What the portal shows, in the order of its menu: meetings, projects, minutes, newsletters. */
export const PORTAL_SEARCH_KINDS: readonly SearchKind[] = [
  'meeting',
  'project',
  'minutes',
  'newsletter',
];

/**
 * The portal's search (docs/search.md): the same search, limited to what a partner may read in the
 * portal: its upcoming meetings, the projects it leads or joins, the published minutes and
 * newsletters. Partners, contacts, themes and speakers are staff records: never searched here.
 */
@Injectable()
export class PortalSearchService {
  constructor(
    private readonly queries: SearchQueries,
    private readonly portal: PortalService,
    private readonly views: ViewService,
  ) {}

  async search(q: string, partnerId: number): Promise<SearchResults> {
    const search = searchWords(q);
    let hits: SearchHit[] = [];
    const none = new Map<number, number>();
    const addresses = { invitations: none, minutes: none, issues: none };
    if (search.words.length > 0) {
      const readable = await this.portal.readable(partnerId);
      hits = await this.queries.hits(search, RESULTS_PER_KIND, {
        open: ['minutes', 'newsletter'],
        listed: { project: readable.projectIds, meeting: [...readable.invitationByMeeting.keys()] },
      });
      const idsOf = (kind: SearchKind) =>
        hits.filter((h) => h.kind === kind).map((h) => h.recordId);
      const numbers = await this.portal.documentNumbers(idsOf('minutes'), idsOf('newsletter'));
      addresses.invitations = readable.invitationByMeeting;
      addresses.minutes = numbers.minutes;
      addresses.issues = numbers.newsletters;
    }
    // A document unpublished between the search and the lookup links to its list.
    const href = (kind: SearchKind, { recordId: id }: SearchHit): string => {
      if (kind === 'meeting') return `/portal#invitation-${addresses.invitations.get(id) ?? ''}`;
      if (kind === 'project') return `/portal/projects/${id}`;
      if (kind === 'minutes') {
        const version = addresses.minutes.get(id);
        return version ? `/portal/minutes/${id}/${version}` : '/portal/minutes';
      }
      const number = addresses.issues.get(id);
      return number ? `/portal/newsletters/${number}` : '/portal/newsletters';
    };
    return searchResults(q, search, PORTAL_SEARCH_KINDS, hits, {
      label: (kind) => this.views.text(`search.kind.${kind}`),
      untitled: this.views.text('search.untitled'),
      href,
    });
  }
}
