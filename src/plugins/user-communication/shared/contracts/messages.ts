import type { FeedbackKind, FeedbackSource } from './delivery';

/** The outbox as the message log shows it (GET /user-communication/messages, /messages/:id). */

export const MESSAGE_TYPES = [
  'activation',
  'password-reset',
  'password-changed',
  'no-login-reminder',
  'test',
] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];

/**
 * `cancelled`: not sent because the account was deactivated by provisioning (SCIM) before it went out.
 * `bounced` / `complained`: sent, then reported back (a later bounce, or marked as spam).
 */
export const MESSAGE_STATUSES = [
  'queued',
  'sending',
  'sent',
  'failed',
  'dead',
  'cancelled',
  'bounced',
  'complained',
] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/** One row of the message log. */
export interface MessageSummary {
  id: number;
  type: MessageType;
  userId: number | null;
  recipient: string;
  locale: string | null;
  subject: string;
  status: MessageStatus;
  /** Delivered to a local .eml file instead of over SMTP (the reference app without SMTP_HOST). */
  captured: boolean;
  attempts: number;
  /** When the next attempt is due; null unless queued or failed. */
  nextAttemptAt: string | null;
  /** Why it failed, or what the bounce or complaint report said. */
  lastError: string | null;
  sentAt: string | null;
  /** When a provider reported it delivered to the mailbox (only providers with delivery events do). */
  deliveredAt: string | null;
  createdAt: string;
}

/** A bounce, complaint or delivery report about a message, as the plugin recorded it. */
export interface DeliveryReport {
  source: FeedbackSource;
  kind: FeedbackKind;
  /** The report's diagnostic (SMTP reply, provider reason). */
  detail: string | null;
  occurredAt: string;
}

/** A message with its bodies; link tokens are masked by the server. */
export interface MessageDetail extends MessageSummary {
  text: string;
  html: string;
  /** Oldest first. */
  reports: DeliveryReport[];
}

export interface Pagination {
  page: number;
  pageSize: number;
  total: number;
  pageCount: number;
}

export interface MessagePage {
  results: MessageSummary[];
  pagination: Pagination;
}

/** The filters of the message log's query string (page and pageSize aside). */
export interface MessageFilters {
  type?: MessageType;
  status?: MessageStatus;
  /** A users-permissions user id. */
  user?: number;
}
