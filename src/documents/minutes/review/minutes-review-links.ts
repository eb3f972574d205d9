import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AppConfig } from '../../../config/app-config';

/**
 * Makes a contact's personal sign-in address leading to `path` (a portal page), in the caller's
 * transaction; null when the contact cannot sign in (no active partner).
 */
export type ReviewLinkIssuer = (
  manager: EntityManager,
  contactId: number,
  path: string,
) => Promise<string | null>;

/**
 * Extension point: the review mails carry a sign-in link of the partner portal, which sits above
 * documents. The portal registers its link maker here (PortalModule.onModuleInit); without one
 * (or for a contact it refuses), the mail gives the portal page itself, reached through the
 * portal's usual sign-in form.
 */
@Injectable()
export class MinutesReviewLinks {
  private issuer?: ReviewLinkIssuer;

  constructor(private readonly config: AppConfig) {}

  register(issuer: ReviewLinkIssuer): void {
    this.issuer = issuer;
  }

  /** The portal's review page of a meeting (`/portal/reviews/:meetingId`). */
  pagePath(meetingId: number): string {
    return `/portal/reviews/${meetingId}`;
  }

  async urlFor(manager: EntityManager, contactId: number, meetingId: number): Promise<string> {
    const path = this.pagePath(meetingId);
    const signed = this.issuer ? await this.issuer(manager, contactId, path) : null;
    return signed ?? `${this.config.publicUrl}${path}`;
  }
}
