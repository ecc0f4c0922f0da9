import crypto, { type X509Certificate } from 'node:crypto';
import { errors } from '@strapi/utils';
import type { FeedbackKind } from '../../../shared/contracts/delivery';
import type { Feedback } from '../services/delivery-feedback';
import { isSecureUrl } from '../utils/trusted-url';
import { jsonBody, text } from './json';

/** An Amazon SNS message as posted to an HTTP(S) subscription. */
export interface SnsMessage {
  Type: 'Notification' | 'SubscriptionConfirmation' | 'UnsubscribeConfirmation';
  MessageId: string;
  TopicArn: string;
  Message: string;
  Timestamp: string;
  /** Missing on an unsigned message, which is refused as such (401), not as malformed. */
  SignatureVersion?: string;
  Signature?: string;
  SigningCertURL?: string;
  Subject?: string;
  SubscribeURL?: string;
  Token?: string;
}

const TYPES = ['Notification', 'SubscriptionConfirmation', 'UnsubscribeConfirmation'];
const REQUIRED = ['Type', 'MessageId', 'TopicArn', 'Message', 'Timestamp'];

/** The SNS message the body holds; a 400 naming the field that is missing. */
export const parseSnsMessage = (raw: Buffer): SnsMessage => {
  const body = jsonBody(raw, 'an Amazon SNS message');
  if (Array.isArray(body))
    throw new errors.ValidationError('The body is not an Amazon SNS message');
  const missing = REQUIRED.filter((field) => typeof body[field] !== 'string');
  if (missing.length > 0)
    throw new errors.ValidationError(`The SNS message has no ${missing.join(', ')}`);
  if (!TYPES.includes(body.Type as string))
    throw new errors.ValidationError(`Unknown SNS message type ${text(body.Type, 50)}`);
  if (body.Type !== 'Notification' && typeof body.SubscribeURL !== 'string')
    throw new errors.ValidationError('The SNS message has no SubscribeURL');
  return body as unknown as SnsMessage;
};

/**
 * The fields SNS signs, in order, as `name\nvalue\n` (Amazon SNS Developer Guide, "Verifying
 * the signatures of Amazon SNS messages"): Subject only when the notification has one.
 */
const SIGNED_FIELDS = {
  Notification: ['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type'],
  SubscriptionConfirmation: [
    'Message',
    'MessageId',
    'SubscribeURL',
    'Timestamp',
    'Token',
    'TopicArn',
    'Type',
  ],
} as const;

export const stringToSign = (message: SnsMessage): string => {
  const fields =
    message.Type === 'Notification'
      ? SIGNED_FIELDS.Notification
      : SIGNED_FIELDS.SubscriptionConfirmation;
  const record = message as unknown as Record<string, unknown>;
  return fields
    .filter((field) => typeof record[field] === 'string')
    .map((field) => `${field}\n${record[field] as string}\n`)
    .join('');
};

/** SignatureVersion 1 is SHA1withRSA (still the default of a new topic), 2 SHA256withRSA. */
const ALGORITHMS: Record<string, string> = { '1': 'RSA-SHA1', '2': 'RSA-SHA256' };

export const hasValidSignature = (message: SnsMessage, certificate: X509Certificate): boolean => {
  const algorithm = ALGORITHMS[message.SignatureVersion ?? ''];
  if (!algorithm || !message.Signature) return false;
  try {
    return crypto.verify(
      algorithm,
      Buffer.from(stringToSign(message), 'utf8'),
      certificate.publicKey,
      Buffer.from(message.Signature, 'base64')
    );
  } catch {
    return false;
  }
};

const hostMatches = (host: string, pattern: string): boolean => {
  const labels = host.toLowerCase().split('.');
  const wanted = pattern.toLowerCase().split('.');
  return (
    labels.length === wanted.length &&
    wanted.every((label, index) =>
      label === '*' ? /^[a-z0-9-]+$/.test(labels[index]) : label === labels[index]
    )
  );
};

/**
 * `value` as a URL when SNS itself could have sent it: https (http only on loopback) on one of
 * `hosts`, so a message cannot make the server fetch a certificate, or confirm, elsewhere.
 */
export const snsUrl = (value: string | undefined, hosts: string[]): URL | null => {
  if (!value || !URL.canParse(value)) return null;
  const url = new URL(value);
  if (!isSecureUrl(url) || url.username || url.password) return null;
  return hosts.some((pattern) => hostMatches(url.host, pattern)) ? url : null;
};

// SNS serves each signing certificate at the root, under this name (and nothing else there).
const CERTIFICATE_PATH = /^\/SimpleNotificationService-[0-9a-f]+\.pem$/;

/** `value` as the URL of an SNS signing certificate: `snsUrl`, at SNS's certificate path, no query. */
export const snsCertificateUrl = (value: string | undefined, hosts: string[]): URL | null => {
  const url = snsUrl(value, hosts);
  if (!url || url.search || url.hash || !CERTIFICATE_PATH.test(url.pathname)) return null;
  return url;
};

interface SesRecipient {
  emailAddress?: unknown;
  diagnosticCode?: unknown;
  status?: unknown;
}

interface SesNotification {
  notificationType?: unknown;
  eventType?: unknown;
  mail?: {
    commonHeaders?: { messageId?: unknown };
    headers?: { name?: unknown; value?: unknown }[];
  };
  bounce?: {
    bounceType?: unknown;
    bounceSubType?: unknown;
    bouncedRecipients?: SesRecipient[];
    timestamp?: unknown;
  };
  complaint?: {
    complainedRecipients?: SesRecipient[];
    complaintFeedbackType?: unknown;
    timestamp?: unknown;
  };
  delivery?: { recipients?: unknown[]; timestamp?: unknown; smtpResponse?: unknown };
}

/** The Message-ID we sent the message with, as SES reports it. */
const messageIdOf = (mail: SesNotification['mail']): string => {
  const common = mail?.commonHeaders?.messageId;
  if (typeof common === 'string') return common;
  const header = (Array.isArray(mail?.headers) ? mail.headers : []).find(
    (entry) => typeof entry?.name === 'string' && entry.name.toLowerCase() === 'message-id'
  );
  return typeof header?.value === 'string' ? header.value : '';
};

const dateOf = (value: unknown): Date | undefined => {
  const parsed = typeof value === 'string' ? new Date(value) : null;
  return parsed && !Number.isNaN(parsed.getTime()) ? parsed : undefined;
};

/** Permanent is a hard bounce; Transient and Undetermined are soft (SES: "bounce types"). */
const bounceKind = (bounceType: unknown): FeedbackKind =>
  bounceType === 'Permanent' ? 'hard-bounce' : 'soft-bounce';

interface Outcome {
  kind: FeedbackKind;
  recipients: { address: string; detail: string | null }[];
  at?: Date;
}

const outcomeOf = (notification: SesNotification): Outcome | null => {
  const type = notification.notificationType ?? notification.eventType;
  const { bounce, complaint, delivery } = notification;
  if (type === 'Bounce' && bounce)
    return {
      kind: bounceKind(bounce.bounceType),
      recipients: (bounce.bouncedRecipients ?? []).map((recipient) => ({
        address: text(recipient?.emailAddress, 320),
        detail:
          text(recipient?.diagnosticCode, 1000) ||
          `${text(bounce.bounceType, 50)}/${text(bounce.bounceSubType, 50)}`,
      })),
      at: dateOf(bounce.timestamp),
    };
  if (type === 'Complaint' && complaint)
    return {
      kind: 'complaint',
      recipients: (complaint.complainedRecipients ?? []).map((recipient) => ({
        address: text(recipient?.emailAddress, 320),
        detail: text(complaint.complaintFeedbackType, 100) || null,
      })),
      at: dateOf(complaint.timestamp),
    };
  if (type === 'Delivery' && delivery)
    return {
      kind: 'delivered',
      recipients: (delivery.recipients ?? []).map((address) => ({
        address: text(address, 320),
        detail: text(delivery.smtpResponse, 1000) || null,
      })),
      at: dateOf(delivery.timestamp),
    };
  return null;
};

/**
 * What an SES notification (identity notifications' `notificationType`, or configuration-set
 * event publishing's `eventType`) reports: one piece of feedback per recipient it names, each
 * about the message it found by our Message-ID. Other event types (Send, Open, Click…) report
 * nothing here.
 */
export const sesFeedback = (message: SnsMessage): Feedback[] => {
  let notification: SesNotification;
  try {
    notification = JSON.parse(message.Message) as SesNotification;
  } catch {
    throw new errors.ValidationError('The SNS notification does not hold an SES notification');
  }
  if (typeof notification !== 'object' || notification === null)
    throw new errors.ValidationError('The SNS notification does not hold an SES notification');
  const outcome = outcomeOf(notification);
  if (!outcome) return [];
  const smtpMessageId = messageIdOf(notification.mail);
  const several = outcome.recipients.length > 1;
  return outcome.recipients.map(({ address, detail }) => ({
    source: 'ses',
    // One SNS message per notification; one notification may name several recipients.
    eventId: several ? `${message.MessageId}:${address.toLowerCase()}` : message.MessageId,
    kind: outcome.kind,
    smtpMessageId,
    recipient: address || null,
    detail,
    occurredAt: outcome.at,
  }));
};
