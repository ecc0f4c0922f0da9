import { errors } from '@strapi/utils';
import type { FeedbackKind } from '../../../shared/contracts/delivery';
import type { Feedback } from '../services/delivery-feedback';
import { jsonBody, text } from './json';

/** The Metadata key message-headers.ts sets (`X-PM-Metadata-uc-message-id`) and Postmark echoes. */
export const METADATA_KEY = 'uc-message-id';

/**
 * Postmark's bounce types (developer docs, "Bounce types"). Hard: the address does not exist.
 * Soft: it may work later, or the refusal was the receiver's policy (counted, suppressing only
 * at `delivery.softBounceLimit`). Complaint: a spam report. The rest (auto-replies, challenge
 * mails, subscription notices, unknown) says nothing about the address and is not counted;
 * nor does `Transient`, a delay while Postmark goes on trying.
 */
const BOUNCE_KINDS: Record<string, FeedbackKind> = {
  HardBounce: 'hard-bounce',
  BadEmailAddress: 'hard-bounce',
  SoftBounce: 'soft-bounce',
  DnsError: 'soft-bounce',
  Blocked: 'soft-bounce',
  DMARCPolicy: 'soft-bounce',
  SpamNotification: 'complaint',
  SpamComplaint: 'complaint',
};

const dateOf = (value: unknown): Date | undefined => {
  const parsed = typeof value === 'string' ? new Date(value) : null;
  return parsed && !Number.isNaN(parsed.getTime()) ? parsed : undefined;
};

/** The webhook's record as an object; a 400 otherwise. */
export const parsePostmarkRecord = (raw: Buffer): Record<string, unknown> => {
  const body = jsonBody(raw, 'a Postmark webhook record');
  if (Array.isArray(body) || typeof body.RecordType !== 'string')
    throw new errors.ValidationError('The body is not a Postmark webhook record (no RecordType)');
  return body;
};

/**
 * Postmark's IDs are 64-bit; JSON.parse reads one past 2^53 rounded, and two bounces would
 * then share it. Such an ID is not used.
 */
const idOf = (value: unknown): string =>
  Number.isSafeInteger(value) ? String(value) : text(value, 200);

/**
 * The feedback of one Postmark record (Bounce, SpamComplaint, Delivery; other record types,
 * such as opens and clicks, report nothing). The message is found by our Message-ID carried in
 * its Metadata; the event id is the record type with Postmark's bounce ID, or with its
 * MessageID, recipient and time for a delivery, which has no ID of its own.
 */
export const postmarkFeedback = (record: Record<string, unknown>): Feedback[] => {
  const type = record.RecordType;
  const kind =
    type === 'Bounce'
      ? BOUNCE_KINDS[text(record.Type, 50)]
      : type === 'SpamComplaint'
        ? 'complaint'
        : type === 'Delivery'
          ? 'delivered'
          : undefined;
  if (!kind) return [];
  const metadata = record.Metadata as Record<string, unknown> | null | undefined;
  // nodemailer capitalises header names (X-Pm-Metadata-Uc-Message-ID): the key's case may vary.
  const metadataKey = Object.keys(metadata ?? {}).find((key) => key.toLowerCase() === METADATA_KEY);
  const recordId = idOf(record.ID);
  const at = text(record.BouncedAt ?? record.DeliveredAt, 50);
  const recipient = text(record.Email ?? record.Recipient, 320);
  const eventId = recordId
    ? `${String(type)}:${recordId}`
    : `${String(type)}:${idOf(record.MessageID)}:${recipient}:${at}`;
  return [
    {
      source: 'postmark',
      eventId,
      kind,
      smtpMessageId: metadataKey ? text(metadata?.[metadataKey], 998) : '',
      recipient: recipient || null,
      detail: text(record.Details, 1000) || text(record.Description, 1000) || null,
      occurredAt: dateOf(at),
    },
  ];
};
