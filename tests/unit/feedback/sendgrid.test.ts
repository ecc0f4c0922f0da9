import crypto from 'node:crypto';
import { sendgridKey } from '@server/config/feedback';
import {
  hasValidSignature,
  parseSendgridEvents,
  sendgridFeedback,
} from '@server/feedback/sendgrid';
import { sendgridKeys } from '../../helpers/feedback-signers';

const keys = sendgridKeys();
const key = sendgridKey(keys.publicKey)!;
const ours = '<uc.0123456789abcdef0123456789abcdef@learn.example.com>';

const event = (fields: Record<string, unknown>) => ({
  email: 'a@example.org',
  timestamp: 1796112000,
  'smtp-id': ours,
  sg_event_id: `sg-${crypto.randomUUID()}`,
  ...fields,
});

describe('SendGrid Event Webhook', () => {
  it('verifies the ECDSA signature over timestamp and raw body; any change refuses it', () => {
    const body = JSON.stringify([event({ event: 'bounce' })]);
    const signature = keys.sign('1796112000', body);
    expect(hasValidSignature(key, signature, '1796112000', Buffer.from(body))).toBe(true);
    expect(hasValidSignature(key, signature, '1796112001', Buffer.from(body))).toBe(false);
    expect(hasValidSignature(key, signature, '1796112000', Buffer.from(`${body} `))).toBe(false);
    expect(hasValidSignature(key, undefined, '1796112000', Buffer.from(body))).toBe(false);
    expect(hasValidSignature(key, 'bm90IGEgc2lnbmF0dXJl', '1796112000', Buffer.from(body))).toBe(
      false
    );
    expect(
      hasValidSignature(
        sendgridKey(sendgridKeys().publicKey)!,
        signature,
        '1796112000',
        Buffer.from(body)
      )
    ).toBe(false);
  });

  it('takes only an ECDSA P-256 key as the verification key', () => {
    const rsa = crypto.generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey;
    expect(sendgridKey(rsa.export({ type: 'spki', format: 'der' }).toString('base64'))).toBeNull();
    expect(sendgridKey('not a key')).toBeNull();
  });

  it('maps bounce (blocked: soft), dropped for bounced or spam-reporting addresses, spam reports and deliveries; ignores deferrals and the rest', () => {
    const kinds = sendgridFeedback([
      event({ event: 'bounce', type: 'bounce', reason: '550 5.1.1 unknown' }),
      event({ event: 'bounce', type: 'blocked' }),
      event({ event: 'dropped', reason: 'Bounced Address' }),
      event({ event: 'dropped', reason: 'Spam Reporting Address' }),
      event({ event: 'dropped', reason: 'Unsubscribed Address' }),
      event({ event: 'deferred', response: '421 try later' }),
      event({ event: 'spamreport', 'smtp-id': undefined, uc_message_id: 'uc.1@learn.example.com' }),
      event({ event: 'delivered', response: '250 OK' }),
      event({ event: 'open' }),
    ]).map(({ kind, smtpMessageId, detail }) => ({ kind, smtpMessageId, detail }));
    expect(kinds).toEqual([
      { kind: 'hard-bounce', smtpMessageId: ours, detail: '550 5.1.1 unknown' },
      { kind: 'soft-bounce', smtpMessageId: ours, detail: null },
      { kind: 'hard-bounce', smtpMessageId: ours, detail: 'Bounced Address' },
      { kind: 'complaint', smtpMessageId: ours, detail: 'Spam Reporting Address' },
      { kind: 'complaint', smtpMessageId: 'uc.1@learn.example.com', detail: null },
      { kind: 'delivered', smtpMessageId: ours, detail: '250 OK' },
    ]);
  });

  it('refuses a body that is not an array of events', () => {
    expect(() => parseSendgridEvents(Buffer.from('{"event":"bounce"}'))).toThrow(
      /array of SendGrid events/
    );
    expect(() => parseSendgridEvents(Buffer.from('[1]'))).toThrow(/array of SendGrid events/);
  });
});
