import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import type { DocumentVisibility } from './document-visibility';

interface Shared {
  visibility: DocumentVisibility;
  publicToken: string | null;
}

/**
 * The addresses of published documents, in one place. Readers (mails, the newsletter, the
 * archive) get the public link of a public document, and the portal's address of a network one:
 * a partner without a session is asked to sign in there. Staff read at `/minutes/...` and
 * `/newsletters/...`, which answer "not found" to anyone else.
 */
@Injectable()
export class DocumentLinks {
  constructor(private readonly config: AppConfig) {}

  minutesForReaders(v: Shared & { meetingId: number; version: number }): string {
    return this.forReaders(v, `minutes/${v.meetingId}/${v.version}`, 'minutes');
  }

  newsletterForReaders(n: Shared & { number: number }): string {
    return this.forReaders(n, `newsletters/${n.number}`, 'newsletters');
  }

  /** Where a newsletter invites its readers to find the earlier issues. */
  newsletterArchive(visibility: DocumentVisibility): string {
    return visibility === 'public' && this.config.publicArchive
      ? `${this.config.publicUrl}/newsletters`
      : `${this.config.publicUrl}/portal/newsletters`;
  }

  /** The public link, or null while the document is for the network only. */
  publicLink(kind: 'minutes' | 'newsletters', shared: Shared): string | null {
    return shared.visibility === 'public' && shared.publicToken
      ? `${this.config.publicUrl}/public/${kind}/${shared.publicToken}`
      : null;
  }

  private forReaders(shared: Shared, portalPath: string, kind: 'minutes' | 'newsletters') {
    return this.publicLink(kind, shared) ?? `${this.config.publicUrl}/portal/${portalPath}`;
  }
}
