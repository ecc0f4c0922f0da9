import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * A nodemailer transport that writes every message as an `.eml` file instead of
 * talking SMTP. The reference app uses it when no SMTP_HOST is configured, so a fresh
 * `npm run develop` delivers somewhere visible instead of failing (Strapi's default
 * `sendmail` provider tries port 25 of the recipient's MX) or dropping mail.
 */
interface MailMessage {
  getEnvelope(): { from: string | false; to: string[] };
  messageId(): string;
  createReadStream(): NodeJS.ReadableStream;
}

type SendCallback = (error: Error | null, info?: unknown) => void;

export const captureTransport = (directory: string) => ({
  name: 'user-communication-capture',
  version: '1.0.0',
  send(mail: { message: MailMessage }, callback: SendCallback): void {
    const envelope = mail.message.getEnvelope();
    const messageId = mail.message.messageId();
    const chunks: Buffer[] = [];
    const stream = mail.message.createReadStream();
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('error', (error: Error) => callback(error));
    stream.on('end', () => {
      try {
        fs.mkdirSync(directory, { recursive: true });
        const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${crypto.randomBytes(4).toString('hex')}.eml`;
        const file = path.join(directory, name);
        fs.writeFileSync(`${file}.part`, Buffer.concat(chunks));
        fs.renameSync(`${file}.part`, file);
        callback(null, {
          envelope,
          messageId,
          response: `captured ${name}`,
          accepted: envelope.to,
          rejected: [],
        });
      } catch (error) {
        callback(error as Error);
      }
    });
  },
});
