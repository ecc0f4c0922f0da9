import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/* Keys made in the test, signing as Amazon SNS and SendGrid do; no network, no openssl. */

const der = (tag: number, content: Buffer): Buffer => {
  const length =
    content.length < 0x80
      ? Buffer.from([content.length])
      : (() => {
          const bytes = Buffer.from(content.length.toString(16).padStart(8, '0'), 'hex');
          const trimmed = bytes.subarray(bytes.findIndex((byte) => byte !== 0));
          return Buffer.concat([Buffer.from([0x80 | trimmed.length]), trimmed]);
        })();
  return Buffer.concat([Buffer.from([tag]), length, content]);
};
const sequence = (...items: Buffer[]) => der(0x30, Buffer.concat(items));
const oid = (dotted: string) => {
  const [first, second, ...rest] = dotted.split('.').map(Number);
  const bytes = [first * 40 + second];
  for (const part of rest) {
    const chunk = [part & 0x7f];
    for (let value = part >> 7; value > 0; value >>= 7) chunk.unshift((value & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return der(0x06, Buffer.from(bytes));
};
const utcTime = (date: Date) =>
  der(0x17, Buffer.from(`${date.toISOString().slice(2, 19).replace(/[-T:]/g, '')}Z`));
const commonName = (name: string) =>
  sequence(der(0x31, sequence(oid('2.5.4.3'), der(0x0c, Buffer.from(name)))));

/** A self-signed RSA certificate (X.509 v1, SHA-256), valid from a day ago to a day ahead. */
export const selfSignedCertificate = (name = 'sns.test') => {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const algorithm = sequence(oid('1.2.840.113549.1.1.11'), der(0x05, Buffer.alloc(0)));
  const now = Date.now();
  const tbs = sequence(
    der(0x02, Buffer.from([0x01])),
    algorithm,
    commonName(name),
    sequence(utcTime(new Date(now - 86_400_000)), utcTime(new Date(now + 86_400_000))),
    commonName(name),
    publicKey.export({ type: 'spki', format: 'der' })
  );
  const signature = crypto.sign('sha256', tbs, privateKey);
  const certificate = sequence(
    tbs,
    algorithm,
    der(0x03, Buffer.concat([Buffer.from([0]), signature]))
  );
  const lines = certificate.toString('base64').match(/.{1,64}/g) ?? [];
  const pem = ['-----BEGIN CERTIFICATE-----', ...lines, '-----END CERTIFICATE-----', ''].join('\n');
  return { pem, privateKey };
};

export type SnsFields = Record<string, string>;

const SIGNED = {
  Notification: ['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type'],
  other: ['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type'],
};

/** Signs an SNS message as SNS does (SignatureVersion 1: SHA1withRSA, 2: SHA256withRSA). */
export const signSns = (
  fields: SnsFields,
  privateKey: crypto.KeyObject,
  version: '1' | '2' = '1'
): SnsFields => {
  const names = fields.Type === 'Notification' ? SIGNED.Notification : SIGNED.other;
  const canonical = names
    .filter((name) => name in fields)
    .map((name) => `${name}\n${fields[name]}\n`)
    .join('');
  const signature = crypto
    .sign(version === '1' ? 'sha1' : 'sha256', Buffer.from(canonical), privateKey)
    .toString('base64');
  return { ...fields, SignatureVersion: version, Signature: signature };
};

/** An SES notification (identity notifications' shape) about the message sent with `messageId`. */
export const sesNotification = (
  type: 'Bounce' | 'Complaint' | 'Delivery',
  messageId: string,
  recipients: string[],
  bounceType = 'Permanent'
) => {
  const mail = {
    timestamp: new Date().toISOString(),
    messageId: '0100018f-ses-own-id',
    source: 'no-reply@example.com',
    destination: recipients,
    headers: [{ name: 'Message-ID', value: `<${messageId}>` }],
    commonHeaders: { messageId: `<${messageId}>`, subject: 'Activate your account' },
  };
  const at = new Date().toISOString();
  switch (type) {
    case 'Bounce':
      return {
        notificationType: 'Bounce',
        mail,
        bounce: {
          bounceType,
          bounceSubType: bounceType === 'Permanent' ? 'General' : 'MailboxFull',
          bouncedRecipients: recipients.map((emailAddress) => ({
            emailAddress,
            action: 'failed',
            status: '5.1.1',
            diagnosticCode: 'smtp; 550 5.1.1 user unknown',
          })),
          timestamp: at,
          feedbackId: 'feedback-1',
        },
      };
    case 'Complaint':
      return {
        notificationType: 'Complaint',
        mail,
        complaint: {
          complainedRecipients: recipients.map((emailAddress) => ({ emailAddress })),
          complaintFeedbackType: 'abuse',
          timestamp: at,
        },
      };
    case 'Delivery':
      return {
        notificationType: 'Delivery',
        mail,
        delivery: { recipients, timestamp: at, smtpResponse: '250 2.0.0 OK' },
      };
  }
};

/**
 * Plays Amazon SNS's own hosts on loopback: serves the signing certificate and counts
 * subscription confirmations.
 */
export const startSnsHost = async (pem: string) => {
  const confirmations: string[] = [];
  const server = http.createServer((req, res) => {
    if (req.url?.startsWith('/SimpleNotificationService-')) {
      res.setHeader('Content-Type', 'application/x-pem-file');
      res.end(pem);
      return;
    }
    if (req.url?.startsWith('/?Action=ConfirmSubscription')) {
      confirmations.push(req.url);
      res.end('<ConfirmSubscriptionResponse/>');
      return;
    }
    res.statusCode = 404;
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    host,
    certificateUrl: `http://${host}/SimpleNotificationService-0123456789abcdef.pem`,
    confirmations,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};

/** A SendGrid Signed Event Webhook key pair; the public key as SendGrid shows it (base64 DER). */
export const sendgridKeys = () => {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return {
    publicKey: publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
    sign: (timestamp: string, body: string) =>
      crypto.sign('sha256', Buffer.from(timestamp + body), privateKey).toString('base64'),
  };
};
