/**
 * Delivery throughput: the outbox pipeline (enqueue → claim → send through the email
 * plugin → record) against plain pooled nodemailer, both to the same SMTP server on
 * loopback, in one run. The pipeline pays for durability (three writes per message); the
 * target is at least 70% of plain nodemailer's rate.
 *
 *   npm run bench -- delivery [N]        (default N = 5000; DATABASE_CLIENT picks the database)
 */
import nodemailer from 'nodemailer';
import { bootStrapi } from '../tests/helpers/strapi';
import { MailSink } from '../tests/helpers/smtp';
import { noDelaySocket } from '../src/mail/no-delay-socket';

const N = Number(process.argv[3] ?? process.env.BENCH_N ?? 5000);

const rate = (count: number, ms: number) => (count / (ms / 1000)).toFixed(0);

const plainNodemailer = async (): Promise<number> => {
  const sink = new MailSink({ parse: false });
  const port = await sink.start();
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port,
    ignoreTLS: true,
    pool: true,
    maxConnections: 5,
    maxMessages: 100,
    getSocket: noDelaySocket,
  } as nodemailer.TransportOptions);
  const started = performance.now();
  await Promise.all(
    Array.from({ length: N }, (_, i) =>
      transport.sendMail({
        from: 'no-reply@example.com',
        to: `plain${i}@example.com`,
        subject: `Plain ${i}`,
        text: 'Hello',
        html: '<p>Hello</p>',
      })
    )
  );
  const elapsed = performance.now() - started;
  transport.close();
  await sink.stop();
  if (sink.messages.length !== N)
    throw new Error(`plain nodemailer delivered ${sink.messages.length} of ${N}`);
  return elapsed;
};

const pipeline = async (): Promise<{ enqueueMs: number; drainMs: number }> => {
  const app = await bootStrapi({ parseMail: false });
  try {
    const plugin = app.strapi.plugin('user-communication');
    const worker = plugin.service('delivery-worker');
    const outbox = plugin.service('outbox');
    await worker.stop();

    const enqueueStarted = performance.now();
    for (let i = 0; i < N; i += 1) {
      await outbox.enqueue({
        type: 'test',
        recipient: `pipeline${i}@example.com`,
        subject: `Pipeline ${i}`,
        text: 'Hello',
        html: '<p>Hello</p>',
        dedupeKey: `bench:${i}`,
      });
    }
    const enqueueMs = performance.now() - enqueueStarted;

    const drainStarted = performance.now();
    await worker.tick();
    const drainMs = performance.now() - drainStarted;

    const sent = await app.strapi.db
      .query('plugin::user-communication.message')
      .count({ where: { status: 'sent' } });
    if (sent !== N || app.mail.messages.length !== N) {
      throw new Error(
        `pipeline: ${sent} marked sent, ${app.mail.messages.length} received, of ${N}`
      );
    }
    return { enqueueMs, drainMs };
  } finally {
    await app.stop();
  }
};

const main = async () => {
  const database = process.env.DATABASE_CLIENT ?? 'sqlite';
  console.log(
    `delivery benchmark: N = ${N} messages, database ${database}, SMTP server on loopback, pool of 5 connections`
  );
  const plainMs = await plainNodemailer();
  const { enqueueMs, drainMs } = await pipeline();
  const ratio = plainMs / drainMs;
  console.log(
    `  plain pooled nodemailer      ${rate(N, plainMs).padStart(6)} msg/s  (${(plainMs / 1000).toFixed(2)} s)`
  );
  console.log(
    `  outbox pipeline (delivery)   ${rate(N, drainMs).padStart(6)} msg/s  (${(drainMs / 1000).toFixed(2)} s)`
  );
  console.log(
    `  pipeline / plain             ${(ratio * 100).toFixed(0).padStart(6)} %     (target >= 70 %)`
  );
  console.log(
    `  enqueue (one at a time)      ${rate(N, enqueueMs).padStart(6)} msg/s  (${(enqueueMs / 1000).toFixed(2)} s)`
  );
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
