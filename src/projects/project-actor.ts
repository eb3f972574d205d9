import type { Actor } from '../audit/audit.service';
import type { User } from '../auth/users/user.entity';
import type { Contact } from '../partners/contacts/contact.entity';

/** Who writes on a project: a staff member, or a lead partner's contact through a personal link. */
export type ProjectActor = { user: User } | { contact: Contact };

export function auditActor(actor: ProjectActor): Actor {
  return 'user' in actor ? { user: actor.user } : { label: labelOf(actor) };
}

export function labelOf(actor: ProjectActor): string {
  // Only the name: pages say "(lien personnel)" in their language from the author's contact id.
  return 'user' in actor ? actor.user.displayName : actor.contact.fullName;
}

export function authorColumns(actor: ProjectActor): {
  userId: number | null;
  contactId: number | null;
  label: string;
} {
  return {
    userId: 'user' in actor ? actor.user.id : null,
    contactId: 'contact' in actor ? actor.contact.id : null,
    label: labelOf(actor),
  };
}
