import { SMTPServer, type SMTPServerAddress } from 'smtp-server';
import { simpleParser } from 'mailparser';
import type { AddressInfo } from 'node:net';

export interface ReceivedMail {
  /** The name the sending client gave in EHLO (tells instances apart). */
  client: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  links: string[];
  raw: string;
  receivedAt: Date;
}

/** An SMTP response the sink gives instead of accepting the next message(s). */
export interface ScriptedFailure {
  code: number;
  message: string;
}

const LINK = /https?:\/\/[^\s"'<>)]+/g;

const uniqueLinks = (text: string, html: string) =>
  Array.from(new Set([...(text.match(LINK) ?? []), ...(html.match(LINK) ?? [])]));

/**
 * A real SMTP server on loopback. The app's nodemailer provider delivers to it over TCP,
 * exactly as it would to a relay, and tests read what arrived.
 */
export class MailSink {
  readonly messages: ReceivedMail[] = [];
  private readonly failures: ScriptedFailure[] = [];
  private waiters: Array<() => void> = [];
  private server: SMTPServer | null = null;
  port = 0;
  readonly connectionErrors: Error[] = [];
  /**
   * Delay before each reply, to keep messages in flight (crash tests); since a connection sends
   * one message at a time, it is also a relay's rate per connection (benchmarks).
   */
  delayMs = 0;
  /** A relay's overall limit (benchmarks): replies at most this many per second, all connections together. */
  maxPerSecond = 0;
  private nextSlot = 0;
  /**
   * Replies are held until this many distinct clients (EHLO names) have sent a message: a barrier
   * that makes several instances share a queue without depending on which one polls first.
   */
  holdUntilClients = 0;
  private heldReplies: Array<() => void> = [];
  /** Addresses refused at RCPT TO with this reply: 5xx is a hard bounce, 4xx a "try later". */
  readonly refusedRecipients = new Map<string, ScriptedFailure>();

  /** `parse: false` only counts recipients (benchmarks: parsing MIME would dominate the figures). */
  constructor(private readonly options: { parse?: boolean } = {}) {}

  private createServer(): SMTPServer {
    return new SMTPServer({
      authOptional: true,
      // Pooled client connections must not hold a test's teardown for the default 30 s.
      closeTimeout: 200,
      // No DNS on this network: a reverse lookup per connection would dominate every figure.
      disableReverseLookup: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onRcptTo: (address, _session, callback) => {
        const refusal = this.refusedRecipients.get(address.address.toLowerCase());
        if (!refusal) return callback();
        callback(Object.assign(new Error(refusal.message), { responseCode: refusal.code }));
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const failure = this.failures.shift();
          if (failure) {
            const error = Object.assign(new Error(failure.message), { responseCode: failure.code });
            callback(error);
            return;
          }
          const raw = Buffer.concat(chunks).toString('utf8');
          const to = session.envelope.rcptTo.map((rcpt) => rcpt.address);
          const reply = (error?: Error) => this.reply(() => callback(error));
          if (this.options.parse === false) {
            this.messages.push({
              client: session.hostNameAppearsAs,
              from: '',
              to,
              subject: '',
              text: '',
              html: '',
              links: [],
              raw: '',
              receivedAt: new Date(),
            });
            reply();
            this.notify();
            return;
          }
          simpleParser(raw)
            .then((parsed) => {
              const text = parsed.text ?? '';
              const html = typeof parsed.html === 'string' ? parsed.html : '';
              this.messages.push({
                client: session.hostNameAppearsAs,
                from: (session.envelope.mailFrom as SMTPServerAddress | false)
                  ? (session.envelope.mailFrom as SMTPServerAddress).address
                  : '',
                to,
                subject: parsed.subject ?? '',
                text,
                html,
                links: uniqueLinks(text, html),
                raw,
                receivedAt: new Date(),
              });
              reply();
              this.notify();
            })
            .catch((error: Error) => reply(error));
        });
      },
    });
  }

  /** How long until this reply may go under the overall limit (it then takes the next slot). */
  private waitForSlot(): number {
    if (this.maxPerSecond <= 0) return 0;
    const now = performance.now();
    const slot = Math.max(now, this.nextSlot);
    this.nextSlot = slot + 1000 / this.maxPerSecond;
    return slot - now;
  }

  private reply(send: () => void): void {
    const delayed = () => {
      const wait = Math.max(this.delayMs, this.waitForSlot());
      if (wait > 0) setTimeout(send, wait);
      else send();
    };
    const clients = new Set(this.messages.map((mail) => mail.client)).size;
    if (clients < this.holdUntilClients) {
      this.heldReplies.push(delayed);
      return;
    }
    for (const held of this.heldReplies.splice(0)) held();
    delayed();
  }

  /** Listens on loopback; pass the previous port to bring a stopped server back at the same address. */
  async start(port = 0): Promise<number> {
    const server = this.createServer();
    // A client that dies mid-dialogue (a killed instance) resets its socket; smtp-server
    // reports that as an 'error' event, which must not bring the test process down.
    server.on('error', (error: Error) => this.connectionErrors.push(error));
    // Small replies on loopback otherwise wait out Nagle + delayed ACK (~40 ms each).
    server.server.on('connection', (socket: import('node:net').Socket) => socket.setNoDelay(true));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.port = (server.server.address() as AddressInfo).port;
    return this.port;
  }

  /** Stops accepting connections, as an SMTP outage would. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** The next `count` messages are refused with this SMTP reply (e.g. 451 or 550). */
  failNext(failure: ScriptedFailure, count = 1): void {
    for (let i = 0; i < count; i += 1) this.failures.push(failure);
  }

  /** Refuses this address at RCPT TO from now on (e.g. 550 5.1.1 or 452 4.2.2). */
  refuseRecipient(address: string, failure: ScriptedFailure): void {
    this.refusedRecipients.set(address.toLowerCase(), failure);
  }

  clear(): void {
    this.messages.length = 0;
    this.refusedRecipients.clear();
  }

  to(address: string): ReceivedMail[] {
    return this.messages.filter(
      (mail) => mail.to.includes(address.toLowerCase()) || mail.to.includes(address)
    );
  }

  /** Waits until a message matching `predicate` has arrived. */
  async waitFor(
    predicate: (mail: ReceivedMail) => boolean,
    timeoutMs = 10000
  ): Promise<ReceivedMail> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.find(predicate);
      if (found) return found;
      const remaining = deadline - Date.now();
      if (remaining <= 0) {
        throw new Error(
          `No matching e-mail within ${timeoutMs} ms; received: ${JSON.stringify(this.messages.map((m) => ({ to: m.to, subject: m.subject })))}`
        );
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(remaining, 250));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  private notify(): void {
    const waiters = this.waiters;
    this.waiters = [];
    waiters.forEach((wake) => wake());
  }
}
