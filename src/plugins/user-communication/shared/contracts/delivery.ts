/** What the plugin learns about a message after handing it over: bounces, complaints, deliveries. */

/**
 * Whether mail reaches the user's address (server-derived; read-only everywhere else).
 * `undeliverable`: a hard bounce (an SMTP 5xx for the recipient, at once or later), or soft
 * bounces in a row up to the configured limit. `complained`: the recipient marked a message as
 * spam. Reminders skip both; account mail (activation, reset) still goes out when asked for.
 * Correcting the address sets it back to `ok`, and so does an admin's "Mark as deliverable"
 * (a report can be wrong: a misclassified bounce, a restored mailbox).
 */
export const EMAIL_STATUSES = ['ok', 'undeliverable', 'complained'] as const;
export type EmailStatus = (typeof EMAIL_STATUSES)[number];
/** A status that keeps reminders away: what "Mark as deliverable" can clear. */
export type SuppressedEmailStatus = Exclude<EmailStatus, 'ok'>;

/** Why "Mark as deliverable" left a user as it was. */
export const CLEAR_EMAIL_STATUS_REASONS = ['not-found', 'already-ok'] as const;
export type ClearEmailStatusReason = (typeof CLEAR_EMAIL_STATUS_REASONS)[number];

/**
 * POST /user-communication/users/email-status/clear answers one result per requested user, by
 * the key it was asked by; `previous` is the status a cleared user had (absent when only soft
 * bounces were counted).
 */
export interface ClearEmailStatusResult {
  id: string;
  status: 'cleared' | 'skipped';
  reason?: ClearEmailStatusReason;
  previous?: SuppressedEmailStatus;
}

export interface ClearEmailStatusAnswer {
  results: ClearEmailStatusResult[];
}

/** The body of POST /user-communication/users/email-status/clear: users by documentId or numeric id. */
export interface ClearEmailStatusBody {
  userIds: string[];
}

/** One piece of feedback about one message. */
export const FEEDBACK_KINDS = ['delivered', 'soft-bounce', 'hard-bounce', 'complaint'] as const;
export type FeedbackKind = (typeof FEEDBACK_KINDS)[number];

/** Where feedback came from: the synchronous SMTP answer, a provider's webhook, or a raw DSN/ARF report. */
export const FEEDBACK_SOURCES = ['smtp', 'ses', 'sendgrid', 'postmark', 'report'] as const;
export type FeedbackSource = (typeof FEEDBACK_SOURCES)[number];

/**
 * The events the plugin registers with Strapi's webhook store (Settings → Webhooks). Payloads
 * carry ids, types and times, never tokens, addresses or bodies.
 */
export const WEBHOOK_EVENTS = {
  MESSAGE_SENT: 'user-communication.message.sent',
  MESSAGE_DEAD: 'user-communication.message.dead',
  MESSAGE_BOUNCED: 'user-communication.message.bounced',
  USER_ACTIVATED: 'user-communication.user.activated',
  USER_PASSWORD_CHANGED: 'user-communication.user.password-changed',
  USER_REMINDED: 'user-communication.user.reminded',
  USER_UNSUBSCRIBED: 'user-communication.user.unsubscribed',
} as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[keyof typeof WEBHOOK_EVENTS];
