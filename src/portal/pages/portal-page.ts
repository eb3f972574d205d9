import type { Request } from 'express';
import { csrfTokenFor } from '../../common/web/csrf';
import type { ViewService } from '../../common/web/view.service';
import type { PortalIdentity } from '../links/portal-links.service';

/**
 * A portal page in the portal's layout: the contact and partner signed in, the session's end and
 * the section of the menu shown as current (by default the path's second segment:
 * /portal/projects/…).
 */
export function renderPortalPage(
  views: ViewService,
  request: Request,
  me: PortalIdentity,
  name: string,
  model: Record<string, unknown>,
  section = request.path.split('/')[2] || 'home',
): string {
  return views.render(
    name,
    {
      ...model,
      csrfToken: csrfTokenFor(request),
      portal: {
        contactName: me.contact.fullName,
        partnerName: me.partner.name,
        expiresAt: me.link.expiresAt,
        section,
      },
    },
    { layout: 'portal' },
  );
}
