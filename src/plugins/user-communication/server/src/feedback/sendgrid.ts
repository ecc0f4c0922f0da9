import crypto from 'node:crypto';
import { errors } from '@strapi/utils';
import type { FeedbackKind } from '../../../shared/contracts/delivery';
import type { Feedback } from '../services/delivery-feedback';
import { jsonBody, text } from './json';

export const SIGNATURE_HEADER = 'x-twilio-email-event-webhook-signature';
export const TIMESTAMP_HEADER = 'x-twilio-email-event-webhook-timestamp';

/**
 * SendGrid's Signed Event Webhook: ECDSA P-256 with SHA-256 over the timestamp header followed
 * by the body's bytes, the signature base64 DER. The timestamp is not held to a maximum age:
 * SendGrid retries a failed post for up to 24 hours, and a replayed event counts once anyway
 * (its `sg_event_id`).
 */
export const hasValidSignature = (
  key: crypto.KeyObject,
  signature: string | undefined,
  timestamp: string | undefined,
  raw: Buffer
): boolean => {
  if (!signature || !timestamp) return false;
  try {
    return crypto.verify(
      'sha256',
      Buffer.concat([Buffer.from(timestamp, 'utf8'), raw]),
      { key, dsaEncoding: 'der' },
      Buffer.from(signature, 'base64')
    );
  } catch {
    return false;
  }
};

type SendgridEvent = Record<string, unknown>;

/** The events of a post: SendGrid always sends an array, one event or many. */
export const parseSendgridEvents = (raw: Buffer): SendgridEvent[] => {
  const body = jsonBody(raw, 'an array of SendGrid events');
  if (!Array.isArray(body) || body.some((event) => typeof event !== 'object' || event === null))
    throw new errors.ValidationError('The body is not an array of SendGrid events');
  return body as SendgridEvent[];
};

/**
 * `bounce` is a hard bounce, or a soft one when SendGrid calls it `blocked` (a refusal that
 * may pass later); a `dropped` message counts only when SendGrid dropped it for an address it
 * suppresses for a bounce or a spam report. `deferred` is not counted: SendGrid retries for
 * 72 hours and then reports a bounce or block of its own, which would count twice.
 */
const kindOf = (event: SendgridEvent): FeedbackKind | null => {
  switch (event.event) {
    case 'bounce':
      return event.type === 'blocked' ? 'soft-bounce' : 'hard-bounce';
    case 'dropped':
      if (event.reason === 'Bounced Address') return 'hard-bounce';
      return event.reason === 'Spam Reporting Address' ? 'complaint' : null;
    case 'spamreport':
      return 'complaint';
    case 'delivered':
      return 'delivered';
    default:
      return null;
  }
};

/** An event without an id (never seen from SendGrid) is known by its content, so a replay of it still counts once. */
const eventIdOf = (event: SendgridEvent): string =>
  text(event.sg_event_id, 200) ||
  crypto.createHash('sha256').update(JSON.stringify(event)).digest('hex');

/**
 * The feedback of a batch. The message is found by `smtp-id` (the Message-ID we sent), else by
 * the `uc_message_id` argument that message-headers.ts adds, which SendGrid echoes on every
 * event.
 */
export const sendgridFeedback = (events: SendgridEvent[]): Feedback[] =>
  events.flatMap((event): Feedback[] => {
    const kind = kindOf(event);
    if (!kind) return [];
    const seconds = typeof event.timestamp === 'number' ? event.timestamp : NaN;
    return [
      {
        source: 'sendgrid',
        eventId: eventIdOf(event),
        kind,
        smtpMessageId: text(event['smtp-id'], 998) || text(event.uc_message_id, 998),
        recipient: text(event.email, 320) || null,
        detail: text(event.reason, 1000) || text(event.response, 1000) || null,
        occurredAt: Number.isFinite(seconds) ? new Date(seconds * 1000) : undefined,
      },
    ];
  });
