import { MESSAGE_STATUSES, MESSAGE_TYPES } from '../../constants';
import { internalType } from '../internal-type';

/**
 * The outbox: every message is written here first and delivered by the worker, so a
 * request never waits on SMTP, an outage loses nothing, and the admin sees what was sent.
 * `dedupeKey` carries a database unique index: enqueuing the same message twice is a no-op
 * on every dialect.
 */
export default internalType({
  collectionName: 'uc_messages',
  singularName: 'message',
  pluralName: 'messages',
  displayName: 'Message',
  attributes: {
    type: {
      type: 'enumeration',
      enum: [...MESSAGE_TYPES],
      required: true,
    },
    userId: { type: 'integer' },
    recipient: { type: 'string', required: true },
    locale: { type: 'string' },
    subject: { type: 'string', required: true },
    text: { type: 'text', private: true },
    html: { type: 'text', private: true },
    // A message rendered when it is sent (reminders): its template variables as JSON, the link
    // token in its slot; text and html stay empty until then (services/message-bodies.ts).
    variables: { type: 'text', private: true },
    status: {
      type: 'enumeration',
      enum: [...MESSAGE_STATUSES],
      default: 'queued',
      required: true,
    },
    attempts: { type: 'integer', default: 0 },
    nextAttemptAt: { type: 'datetime' },
    claimedAt: { type: 'datetime' },
    leaseUntil: { type: 'datetime' },
    claimToken: { type: 'string', private: true },
    lastError: { type: 'text' },
    providerResponse: { type: 'string' },
    sentAt: { type: 'datetime' },
    // A provider's delivery event (services/delivery-feedback.ts).
    deliveredAt: { type: 'datetime' },
    // The Message-ID header, chosen at enqueue: bounce reports and provider events name it.
    smtpMessageId: { type: 'string', private: true },
    // The link token, sealed with a key held outside the database, until the message is sent.
    sealedToken: { type: 'text', private: true },
    tokenSlot: { type: 'string', private: true },
    dedupeKey: { type: 'string', required: true, private: true, column: { unique: true } },
  },
  indexes: [
    { name: 'uc_messages_due_idx', columns: ['status', 'next_attempt_at'] },
    { name: 'uc_messages_user_idx', columns: ['user_id', 'type'] },
    { name: 'uc_messages_claimed_idx', columns: ['claimed_at'] },
    { name: 'uc_messages_created_idx', columns: ['created_at'] },
    { name: 'uc_messages_smtp_message_id_idx', columns: ['smtp_message_id'] },
  ],
});
