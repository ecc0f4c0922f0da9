import { X509Certificate } from 'node:crypto';
import {
  hasValidSignature,
  parseSnsMessage,
  sesFeedback,
  snsCertificateUrl,
  snsUrl,
  stringToSign,
  type SnsMessage,
} from '@server/feedback/sns';
import { snsHostsFor } from '@server/config/feedback';
import { selfSignedCertificate, sesNotification, signSns } from '../../helpers/feedback-signers';

const { pem, privateKey } = selfSignedCertificate();
const certificate = new X509Certificate(pem);
const ours = 'uc.0123456789abcdef0123456789abcdef@learn.example.com';

const notification = (message: unknown, extra: Record<string, string> = {}) => ({
  Type: 'Notification',
  MessageId: 'sns-1',
  TopicArn: 'arn:aws:sns:eu-west-1:123456789012:ses-feedback',
  Message: JSON.stringify(message),
  Timestamp: '2026-12-01T08:00:00.000Z',
  SigningCertURL: 'https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-abc.pem',
  ...extra,
});

const parse = (fields: Record<string, string>) =>
  parseSnsMessage(Buffer.from(JSON.stringify(fields)));

describe('Amazon SNS messages', () => {
  it('signs the fields of its type in order, Subject only when present', () => {
    const message = parse(signSns(notification({}, { Subject: 'Hi' }), privateKey));
    expect(stringToSign(message)).toBe(
      `Message\n{}\nMessageId\nsns-1\nSubject\nHi\nTimestamp\n2026-12-01T08:00:00.000Z\nTopicArn\narn:aws:sns:eu-west-1:123456789012:ses-feedback\nType\nNotification\n`
    );
  });

  it.each(['1', '2'] as const)(
    'verifies SignatureVersion %s and refuses any changed field',
    (version) => {
      const signed = signSns(notification({ notificationType: 'Bounce' }), privateKey, version);
      expect(hasValidSignature(parse(signed), certificate)).toBe(true);
      const tampered = { ...signed, Message: signed.Message.replace('Bounce', 'Delivery') };
      expect(hasValidSignature(parse(tampered), certificate)).toBe(false);
      expect(
        hasValidSignature(
          { ...parse(signed), SignatureVersion: '3' } as unknown as SnsMessage,
          certificate
        )
      ).toBe(false);
      const other = selfSignedCertificate();
      expect(
        hasValidSignature(parse(signSns(notification({}), other.privateKey, version)), certificate)
      ).toBe(false);
    }
  );

  it('takes certificate URLs on SNS hosts over https only; http only on loopback, and only when listed', () => {
    const hosts = snsHostsFor('arn:aws:sns:eu-west-1:123456789012:bounces');
    const url = (value: string) => snsUrl(value, hosts)?.href ?? null;
    expect(url('https://sns.eu-west-1.amazonaws.com/cert.pem')).not.toBeNull();
    expect(
      snsUrl(
        'https://sns.cn-north-1.amazonaws.com.cn/cert.pem',
        snsHostsFor('arn:aws-cn:sns:cn-north-1:123456789012:bounces')
      )
    ).not.toBeNull();
    // Another region than the topic's, or an S3 bucket named "sns" (valid *.s3 certificates).
    expect(url('https://sns.us-east-1.amazonaws.com/cert.pem')).toBeNull();
    expect(url('https://sns.s3.amazonaws.com/SimpleNotificationService-ab12.pem')).toBeNull();
    expect(url('https://sns.s3-accelerate.amazonaws.com/cert.pem')).toBeNull();
    expect(url('http://sns.eu-west-1.amazonaws.com/cert.pem')).toBeNull();
    expect(url('https://sns.eu-west-1.amazonaws.com.evil.example/cert.pem')).toBeNull();
    expect(url('https://evil.example/sns.eu-west-1.amazonaws.com/cert.pem')).toBeNull();
    expect(url('https://x.sns.eu-west-1.amazonaws.com/cert.pem')).toBeNull();
    expect(url('https://user@sns.eu-west-1.amazonaws.com/cert.pem')).toBeNull();
    expect(url('http://127.0.0.1:8080/cert.pem')).toBeNull();
    expect(snsUrl('http://127.0.0.1:8080/cert.pem', ['127.0.0.1:8080'])).not.toBeNull();
    expect(snsUrl('http://10.0.0.1:8080/cert.pem', ['10.0.0.1:8080'])).toBeNull();
  });

  it("takes a signing certificate only at SNS's own certificate path", () => {
    const hosts = snsHostsFor('arn:aws:sns:eu-west-1:123456789012:bounces');
    const base = 'https://sns.eu-west-1.amazonaws.com';
    const url = (path: string) => snsCertificateUrl(`${base}${path}`, hosts)?.href ?? null;
    expect(url('/SimpleNotificationService-9c6465fa7f48f5cacd23014631ec1136.pem')).not.toBeNull();
    expect(url('/cert.pem')).toBeNull();
    expect(url('/SimpleNotificationService-ab12.pem?x=1')).toBeNull();
    expect(url('/x/SimpleNotificationService-ab12.pem')).toBeNull();
    expect(url('/SimpleNotificationService-ab12.pem#x')).toBeNull();
  });

  it('refuses a body that is no SNS message, naming what is missing', () => {
    expect(() => parseSnsMessage(Buffer.from('not json'))).toThrow(/not JSON/);
    expect(() => parse({ Type: 'Notification' })).toThrow(
      /has no MessageId, TopicArn, Message, Timestamp$/
    );
  });

  it('maps SES bounces (Permanent hard, Transient and Undetermined soft), complaints and deliveries, per recipient', () => {
    const kinds = (message: unknown) =>
      sesFeedback(parse(signSns(notification(message), privateKey))).map(
        ({ kind, recipient, eventId, smtpMessageId }) => ({
          kind,
          recipient,
          eventId,
          smtpMessageId,
        })
      );
    expect(kinds(sesNotification('Bounce', ours, ['a@example.org']))).toEqual([
      {
        kind: 'hard-bounce',
        recipient: 'a@example.org',
        eventId: 'sns-1',
        smtpMessageId: `<${ours}>`,
      },
    ]);
    expect(kinds(sesNotification('Bounce', ours, ['a@example.org'], 'Transient'))[0].kind).toBe(
      'soft-bounce'
    );
    expect(kinds(sesNotification('Bounce', ours, ['a@example.org'], 'Undetermined'))[0].kind).toBe(
      'soft-bounce'
    );
    expect(kinds(sesNotification('Complaint', ours, ['a@example.org', 'b@example.org']))).toEqual([
      {
        kind: 'complaint',
        recipient: 'a@example.org',
        eventId: 'sns-1:a@example.org',
        smtpMessageId: `<${ours}>`,
      },
      {
        kind: 'complaint',
        recipient: 'b@example.org',
        eventId: 'sns-1:b@example.org',
        smtpMessageId: `<${ours}>`,
      },
    ]);
    expect(kinds(sesNotification('Delivery', ours, ['a@example.org']))[0].kind).toBe('delivered');
    const published = {
      ...sesNotification('Bounce', ours, ['a@example.org']),
      notificationType: undefined,
      eventType: 'Bounce',
    };
    expect(kinds(published)[0].kind).toBe('hard-bounce');
    expect(kinds({ eventType: 'Open', mail: {} })).toEqual([]);
  });
});
