import crypto from 'node:crypto';
import { errors } from '@strapi/utils';
import PostalMime from 'postal-mime';
import type { FeedbackKind } from '../../../shared/contracts/delivery';
import { isAddressFailure } from '../utils/classify-send-error';
import type { Feedback } from '../services/delivery-feedback';

type Fields = Map<string, string>;

/** Header-style fields (RFC 5322 §2.2: folded lines unfolded), names lowercased, first one wins. */
const fieldsOf = (block: string): Fields => {
  const fields: Fields = new Map();
  for (const line of block.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!fields.has(name)) fields.set(name, line.slice(colon + 1).trim());
  }
  return fields;
};

/** The blocks of a `message/delivery-status` body (RFC 3464 §2.1): per-message, then one per recipient. */
const blocksOf = (content: string): Fields[] =>
  content
    .split(/\r?\n[ \t]*\r?\n/)
    .map(fieldsOf)
    .filter((fields) => fields.size > 0);

/** `rfc822; someone@example.org` → `someone@example.org` (RFC 3464 §2.3.2: address-type; address). */
const addressOf = (value: string | undefined): string =>
  (value ?? '')
    .replace(/^[^;]*;/, '')
    .trim()
    .slice(0, 320);

/**
 * RFC 3464 §2.3.3/§2.3.4: `failed` is the end of trying; it is a hard bounce when its status
 * names the address (isAddressFailure: 5.1.x, 5.2.1), a soft one otherwise (4.x.x, policy,
 * mailbox full…). `delayed` is a server still trying (several notices per slow message): not a
 * bounce. `delivered` is a delivery. `relayed` and `expanded` say the message went on to a place
 * that will not report: nothing is known.
 */
const dsnKind = (action: string, status: string): FeedbackKind | null => {
  switch (action.toLowerCase()) {
    case 'failed':
      return isAddressFailure(status || '5.1.0') ? 'hard-bounce' : 'soft-bounce';
    case 'delivered':
      return 'delivered';
    default:
      return null;
  }
};

interface ReportItem {
  kind: FeedbackKind;
  recipient: string;
  detail: string | null;
}

const dsnItems = (content: string): ReportItem[] =>
  blocksOf(content)
    .slice(1)
    .flatMap((fields): ReportItem[] => {
      const status = fields.get('status') ?? '';
      const kind = dsnKind(fields.get('action') ?? '', status);
      if (!kind) return [];
      const diagnostic = fields.get('diagnostic-code') ?? '';
      return [
        {
          kind,
          recipient: addressOf(fields.get('final-recipient') ?? fields.get('original-recipient')),
          detail: (diagnostic || status).slice(0, 1000) || null,
        },
      ];
    });

/**
 * RFC 5965 §3.1: `abuse` is a spam complaint. The other feedback types (fraud, virus, other,
 * not-spam, auth-failure of RFC 6591) say nothing about whether the recipient wants our mail.
 */
const arfItems = (content: string): ReportItem[] => {
  const fields = fieldsOf(content);
  if ((fields.get('feedback-type') ?? '').toLowerCase() !== 'abuse') return [];
  return [
    {
      kind: 'complaint',
      recipient: (fields.get('original-rcpt-to') ?? '').replace(/^<|>$/g, '').slice(0, 320),
      detail: (fields.get('user-agent') ?? '').slice(0, 200) || null,
    },
  ];
};

const contentOf = (attachment: { content: ArrayBuffer | Uint8Array | string }): string =>
  typeof attachment.content === 'string'
    ? attachment.content
    : Buffer.from(attachment.content as ArrayBuffer).toString('utf8');

/** The headers of the original message (`text/rfc822-headers` or `message/rfc822`), up to its body. */
const originalHeaders = (content: string): Fields => fieldsOf(content.split(/\r?\n\r?\n/)[0]);

/**
 * A raw report as a bounce mailbox receives it: an RFC 3464 delivery status notification
 * (`multipart/report; report-type=delivery-status`) or an RFC 5965 complaint
 * (`report-type=feedback-report`). MIME is parsed by postal-mime (transfer encodings, nesting
 * and header size limited); only the report's own header-style fields are read here. The
 * message is found by the Message-ID in the returned original's headers.
 */
export const parseReport = async (raw: Buffer): Promise<Feedback[]> => {
  let email: PostalMime.Email;
  try {
    email = await PostalMime.parse(raw, {
      attachmentEncoding: 'utf8',
      forceRfc822Attachments: true,
      maxNestingDepth: 20,
      maxHeadersSize: 256 * 1024,
    });
  } catch {
    throw new errors.ValidationError('The body is not a MIME message');
  }
  const part = (...types: string[]) =>
    email.attachments.find((attachment) => types.includes(attachment.mimeType));
  const status = part('message/delivery-status');
  const complaint = part('message/feedback-report');
  const items = status
    ? dsnItems(contentOf(status))
    : complaint
      ? arfItems(contentOf(complaint))
      : null;
  if (!items)
    throw new errors.ValidationError(
      'The body is neither a delivery status notification (RFC 3464) nor a complaint (RFC 5965)'
    );
  const original = part('text/rfc822-headers', 'message/rfc822');
  const smtpMessageId = original
    ? (originalHeaders(contentOf(original)).get('message-id') ?? '')
    : '';
  // The report's own Message-ID, else a digest of its bytes: what makes a replay a replay.
  const eventId =
    (email.messageId ?? '').trim().replace(/^<|>$/g, '').slice(0, 200) ||
    crypto.createHash('sha256').update(raw).digest('hex');
  const several = items.length > 1;
  return items.map((item) => ({
    source: 'report',
    eventId: several ? `${eventId}:${item.recipient.toLowerCase()}` : eventId,
    kind: item.kind,
    smtpMessageId,
    recipient: item.recipient || null,
    detail: item.detail,
  }));
};
