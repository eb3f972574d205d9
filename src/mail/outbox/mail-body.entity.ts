import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { TIMESTAMP } from '../../database/column-types';

/**
 * Stands for the recipient's unsubscribe URL in a shared body (letters only: it survives HTML
 * escaping and CSS inlining unchanged). Stored bodies contain it: never change its value.
 */
export const UNSUBSCRIBE_URL_SLOT = 'MAILLAGEUNSUBSCRIBEURLPLACEHOLDER';

/**
 * The rendered body of a bulk sending (a newsletter issue), stored once and referenced by each of
 * its outbox messages (`mail_outbox.body_id`): 57,000 recipients no longer mean 57,000 copies of
 * the same 19 KB written in the publishing transaction. The only per-recipient part, the
 * unsubscribe URL, is written as UNSUBSCRIBE_URL_SLOT and filled in when the message is sent.
 * A message keeps its body alive (foreign key ON DELETE RESTRICT).
 */
@Entity({ name: 'mail_bodies' })
export class MailBody {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'text' })
  html: string;

  @Column({ type: 'text' })
  text: string;

  @Column({ name: 'created_at', type: TIMESTAMP })
  createdAt: Date;
}

export interface MailContent {
  html: string;
  text: string;
}

const escapeHtml = (value: string): string =>
  value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#x27;');

/** A shared body as one recipient gets it: their unsubscribe URL in place of the slot. */
export function personalise(body: MailContent, unsubscribeUrl: string): MailContent {
  return {
    html: body.html.split(UNSUBSCRIBE_URL_SLOT).join(escapeHtml(unsubscribeUrl)),
    text: body.text.split(UNSUBSCRIBE_URL_SLOT).join(unsubscribeUrl),
  };
}
