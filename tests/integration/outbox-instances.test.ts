import { bootStrapi, type TestApp } from '../helpers/strapi';
import { enqueueTest, messageCount, waitForStatus, worker } from '../helpers/outbox';
import { startInstance } from '../helpers/instances';

const MESSAGE_UID = 'plugin::user-communication.message';

const receivedPerRecipient = (app: TestApp) => {
  const counts = new Map<string, number>();
  for (const mail of app.mail.messages)
    for (const to of mail.to) counts.set(to, (counts.get(to) ?? 0) + 1);
  return counts;
};

const waitUntil = async (predicate: () => Promise<boolean>, timeoutMs: number) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

describe('outbox with several Strapi instances on one database', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await bootStrapi({ parseMail: false, env: { SMTP_CLIENT_NAME: 'instance-a' } });
  });

  afterAll(async () => {
    await app?.stop();
  });

  it('delivers every message exactly once when two instances work the same queue', async () => {
    await worker(app).stop();
    const queued = await Promise.all(
      Array.from({ length: 400 }, (_, i) => enqueueTest(app, { recipient: `pair${i}@example.com` }))
    );
    // Neither instance's mail is accepted before the other's arrives, so whichever polls first
    // cannot finish the queue alone.
    app.mail.holdUntilClients = 2;
    const second = await startInstance({ SMTP_CLIENT_NAME: 'instance-b' });
    try {
      worker(app).start();
      await waitUntil(
        async () => (await messageCount(app, { status: 'sent' })) >= queued.length,
        60_000
      );
    } finally {
      app.mail.holdUntilClients = 0;
      await second.stop();
    }
    const counts = receivedPerRecipient(app);
    for (let i = 0; i < queued.length; i += 1) expect(counts.get(`pair${i}@example.com`)).toBe(1);
    // Both instances did part of the work.
    expect(new Set(app.mail.messages.map((mail) => mail.client))).toEqual(
      new Set(['instance-a', 'instance-b'])
    );
    const attempts = await app.strapi.db
      .query(MESSAGE_UID)
      .findMany({ where: { id: { $in: queued.map((q) => q.id) } }, select: ['attempts'] });
    expect(attempts.every((row: { attempts: number }) => row.attempts === 1)).toBe(true);
  });

  it('loses nothing when an instance is killed mid-batch: its claims are taken over after the lease', async () => {
    app.mail.clear();
    await worker(app).stop();
    app.mail.delayMs = 100;
    const queued = await Promise.all(
      Array.from({ length: 120 }, (_, i) =>
        enqueueTest(app, { recipient: `crash${i}@example.com` })
      )
    );

    const doomed = await startInstance();
    await app.mail.waitFor(() => true, 30_000);
    await doomed.kill();
    app.mail.delayMs = 0;

    const stranded = await messageCount(app, { status: 'sending' });
    expect(stranded).toBeGreaterThan(0);

    // The survivor takes the stranded claims once their lease (120 s) has run out.
    app.clock.advance({ minutes: 3 });
    await worker(app).tick();
    for (const { id } of queued) await waitForStatus(app, id, 'sent', 30_000);

    const counts = receivedPerRecipient(app);
    const missing = queued.filter((_, i) => !counts.get(`crash${i}@example.com`));
    const doubled = [...counts.values()].filter((count) => count > 1).length;
    expect(missing).toHaveLength(0);
    // Only a message the dead instance had handed to SMTP without recording it can arrive twice.
    const { batchSize, lanes } = app.strapi.config.get('plugin::user-communication.delivery') as {
      batchSize: number;
      lanes: number;
    };
    expect(doubled).toBeLessThanOrEqual(batchSize * lanes);
    expect([...counts.values()].every((count) => count <= 2)).toBe(true);
    app.clock.reset();
    worker(app).start();
  });
});

describe('delivery.messagesPerMinute with several instances', () => {
  const CAP = 30;
  const BATCH = 25;
  let app: TestApp;

  beforeAll(async () => {
    // The child instance inherits the environment, and so the same cap.
    app = await bootStrapi({
      parseMail: false,
      env: { SMTP_CLIENT_NAME: 'instance-a', UC_DELIVERY_MESSAGES_PER_MINUTE: String(CAP) },
    });
  });

  afterAll(async () => {
    await app?.stop();
  });

  it('holds across instances: one minute sends the cap, over it by at most one batch', async () => {
    await worker(app).stop();
    await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        enqueueTest(app, { recipient: `capped${i}@example.com` })
      )
    );
    const second = await startInstance({ SMTP_CLIENT_NAME: 'instance-b' });
    try {
      worker(app).start();
      await waitUntil(async () => app.mail.messages.length >= CAP, 30_000);
      // Several polls of both instances: nothing more goes out within the minute.
      await new Promise((resolve) => setTimeout(resolve, 4000));
    } finally {
      await worker(app).stop();
      await second.stop();
    }
    const sent = app.mail.messages.length;
    expect(sent).toBeGreaterThanOrEqual(CAP);
    // Two instances reading the budget at the same moment may each take a batch of it.
    expect(sent).toBeLessThanOrEqual(CAP + BATCH);
    expect(await messageCount(app, { status: 'queued' })).toBe(100 - sent);
  }, 60_000);
});
