/**
 * Delivery with several instances on one database: 1, 2 and 4 Strapi instances (child processes,
 * as containers behind a load balancer would be) drain one outbox into a loopback relay that
 * accepts a set rate per connection and a set rate overall. Reports the throughput for each
 * instance count against the relay's limit and checks that no message arrives twice; then, with
 * `delivery.messagesPerMinute` set, how many messages all instances together sent in the cap's
 * first minute.
 *
 *   npm run bench -- delivery-instances [N]   (default N = 6000; DATABASE_CLIENT picks the database)
 */
import { bootStrapi, type TestApp } from '../tests/helpers/strapi';
import { startInstance, type InstanceProcess } from '../tests/helpers/instances';

const N = Number(process.argv[3] ?? process.env.BENCH_N ?? 6000);
/** The relay: each connection takes a message every 20 ms (50 msg/s), 600 msg/s in all. */
const PER_CONNECTION_DELAY_MS = 20;
const RELAY_MAX_PER_SECOND = 600;
/** Each instance's SMTP pool (SMTP_MAX_CONNECTIONS, the app's default). */
const CONNECTIONS_PER_INSTANCE = 5;
const CAP_PER_MINUTE = 1200;

const MESSAGE_UID = 'plugin::user-communication.message';

const until = async (condition: () => boolean | Promise<boolean>, timeoutMs: number) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`gave up after ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

/** A fresh database and relay, `count` instances started on them, and N messages queued. */
const scenario = async <T>(
  count: number,
  messages: number,
  env: Record<string, string>,
  measure: (app: TestApp) => Promise<T>
): Promise<T> => {
  const app = await bootStrapi({ parseMail: false, env });
  const instances: InstanceProcess[] = [];
  try {
    // This process only queues: the instances deliver.
    await app.strapi.plugin('user-communication').service('delivery-worker').stop();
    app.mail.delayMs = PER_CONNECTION_DELAY_MS;
    app.mail.maxPerSecond = RELAY_MAX_PER_SECOND;
    for (let i = 0; i < count; i += 1) {
      instances.push(await startInstance({ SMTP_CLIENT_NAME: `instance-${i + 1}` }));
    }
    await app.strapi
      .plugin('user-communication')
      .service('outbox')
      .enqueueMany(
        Array.from({ length: messages }, (_, i) => ({
          type: 'test' as const,
          recipient: `instances${i}@example.com`,
          subject: `Message ${i}`,
          text: 'Hello',
          html: '<p>Hello</p>',
          dedupeKey: `bench:instances:${i}`,
        }))
      );
    return await measure(app);
  } finally {
    await Promise.all(instances.map((instance) => instance.stop()));
    await app.stop();
  }
};

const throughput = (instances: number) =>
  scenario(instances, N, { UC_CRON_ENABLED: 'false' }, async (app) => {
    await until(() => app.mail.messages.length >= N, 300_000);
    await until(
      async () =>
        (await app.strapi.db.query(MESSAGE_UID).count({ where: { status: 'sent' } })) === N,
      30_000
    );
    // Anything sent twice would arrive in the meantime.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const received = app.mail.messages;
    const times = received.map((mail) => mail.receivedAt.getTime());
    const seconds = (Math.max(...times) - Math.min(...times)) / 1000;
    const recipients = new Set(received.flatMap((mail) => mail.to));
    const clients = new Set(received.map((mail) => mail.client));
    return {
      rate: (received.length - 1) / seconds,
      duplicates: received.length - recipients.size,
      clients: clients.size,
    };
  });

/** Messages sent in the first minute under the cap, by all instances together. */
const capped = (instances: number) =>
  scenario(
    instances,
    CAP_PER_MINUTE * 2,
    { UC_CRON_ENABLED: 'false', UC_DELIVERY_MESSAGES_PER_MINUTE: String(CAP_PER_MINUTE) },
    async (app) => {
      await until(() => app.mail.messages.length > 0, 30_000);
      const first = app.mail.messages[0].receivedAt.getTime();
      await new Promise((resolve) => setTimeout(resolve, 60_000 - (Date.now() - first)));
      return app.mail.messages.filter((mail) => mail.receivedAt.getTime() - first < 60_000).length;
    }
  );

const main = async () => {
  const database = process.env.DATABASE_CLIENT ?? 'sqlite';
  const perInstance = CONNECTIONS_PER_INSTANCE * (1000 / PER_CONNECTION_DELAY_MS);
  console.log(
    `delivery with several instances: N = ${N.toLocaleString('en')} messages, database ${database}; relay ${1000 / PER_CONNECTION_DELAY_MS} msg/s per connection, ${RELAY_MAX_PER_SECOND} msg/s in all; ${CONNECTIONS_PER_INSTANCE} connections per instance`
  );
  for (const instances of [1, 2, 4]) {
    const ceiling = Math.min(instances * perInstance, RELAY_MAX_PER_SECOND);
    const result = await throughput(instances);
    console.log(
      `  ${instances} instance(s)  ${result.rate.toFixed(0).padStart(4)} msg/s (ceiling ${ceiling}), ${result.clients} sending, ${result.duplicates} sent twice`
    );
  }
  const instances = 4;
  const sent = await capped(instances);
  const batch = 25;
  console.log(
    `  messagesPerMinute ${CAP_PER_MINUTE}, ${instances} instances: ${sent} sent in the first minute (allowed: the cap plus at most one batch of ${batch} per instance, ${CAP_PER_MINUTE + batch * instances})`
  );
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
