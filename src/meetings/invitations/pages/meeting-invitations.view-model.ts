import type { Page } from '../../../common/pagination';
import type { Partner } from '../../../partners/partner.entity';
import { PARTNER_KINDS } from '../../../partners/partner-kind';
import { formNumber, formText, formValues, type Form } from '../../../common/web/forms';
import { pageHref, pager } from '../../../common/web/pager';
import type { ViewService } from '../../../common/web/view.service';
import type { InviteResult } from '../invitations.service';
import type { Meeting } from '../../meeting.entity';
import type { InvitePageQueryDto } from '../../pages/meeting-pages.dto';

/** The posted invite form → the API's DTO: every partner, some kinds, or the partners ticked. */
export function inviteInput(body: Form): Form {
  const mode = formText(body, 'mode');
  return mode === 'all'
    ? { all: true }
    : mode === 'kinds'
      ? { kinds: formValues(body, 'kinds') }
      : { partnerIds: formValues(body, 'partnerIds').map((v) => formNumber(v) ?? NaN) };
}

/** The page model of the invite form: the directory page, each partner ticked or invited. */
export function inviteView(
  views: ViewService,
  meeting: Pick<Meeting, 'id' | 'title' | 'status' | 'startsAt'>,
  invited: Set<number>,
  page: Page<{ partner: Pick<Partner, 'id' | 'name' | 'kind'> }>,
  pageSize: number,
  query: InvitePageQueryDto,
  errors: string[],
  now: Date,
) {
  const id = meeting.id;
  const links = pageHref(`/meetings/${id}/invite`, { q: query.q, kind: query.kind });
  const kinds = PARTNER_KINDS.map((value) => ({
    value,
    label: views.text(`meetingsPages.partnerKind.${value}`),
    selected: value === query.kind,
  }));
  const started = now.getTime() >= meeting.startsAt.getTime();
  return {
    title: views.text('meetingsPages.invite.title', { title: meeting.title }),
    meeting: { id, title: meeting.title },
    closed: meeting.status !== 'planned' || started,
    // The notice says which: cancelled, or already begun (held and closed ones too).
    closedBecause: meeting.status === 'cancelled' ? 'cancelled' : 'started',
    errors,
    q: query.q ?? '',
    kinds,
    kindLabel: query.kind ? views.text(`meetingsPages.partnerKind.${query.kind}`) : '',
    kind: query.kind ?? '',
    invitedCount: invited.size,
    total: page.total,
    totalExact: page.totalExact ?? true,
    partners: page.items.map(({ partner }) => ({
      id: partner.id,
      name: partner.name,
      kind: views.text(`meetingsPages.partnerKind.${partner.kind}`),
      invited: invited.has(partner.id),
    })),
    selectable: page.items.some(({ partner }) => !invited.has(partner.id)),
    pager: pager(page.page, pageSize, page.total, links, page.totalExact ?? true),
  };
}

/** The page model after inviting: how many, and each new answer link (shown once). */
export function inviteResultView(
  views: ViewService,
  meeting: Pick<Meeting, 'id' | 'title'>,
  result: InviteResult,
) {
  return {
    title: views.text('meetingsPages.invite.resultTitle', { title: meeting.title }),
    meeting: { id: meeting.id, title: meeting.title },
    created: result.created,
    alreadyInvited: result.alreadyInvited,
    links: result.links,
  };
}
