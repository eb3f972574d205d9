import type { OutboxMessage } from './outbox-message.entity';

/** What the API and the staff page show of a message (not its body). */
export function toOutboxMessageResponse(message: OutboxMessage) {
  return {
    id: message.id,
    purpose: message.purpose,
    recipient: { email: message.recipientEmail, name: message.recipientName },
    contactId: message.contactId,
    subject: message.subject,
    attachments: message.attachments.map((a) => a.filename),
    bulk: message.bulk,
    group: message.groupRef,
    status: message.status,
    attempts: message.attempts,
    nextAttemptAt: message.status === 'pending' ? message.nextAttemptAt.toISOString() : null,
    sentAt: message.sentAt?.toISOString() ?? null,
    transport: message.transport,
    messageId: message.messageId,
    lastError: message.lastError,
    createdAt: message.createdAt.toISOString(),
  };
}

export type OutboxMessageResponse = ReturnType<typeof toOutboxMessageResponse>;
