import { readsJsonTable } from '@server/utils/json-rows-insert';
import { BULK_WRITES, writingInBulk } from '../helpers/database';
import { bootStrapi, type TestApp } from '../helpers/strapi';
import {
  enqueueTest,
  messageCount,
  messageRow,
  outbox,
  waitForStatus,
  worker,
} from '../helpers/outbox';

describe('outbox delivery over real SMTP', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await bootStrapi();
  });

  afterAll(async () => {
    await app?.stop();
  });

  afterEach(() => {
    app.clock.reset();
    app.mail.clear();
  });

  it('delivers an enqueued message once', async () => {
    const { id } = await enqueueTest(app, { recipient: 'once@example.com' });
    await worker(app).tick();
    const row = await waitForStatus(app, id, 'sent');
    expect(row).toMatchObject({ attempts: 1, lastError: null });
    expect(row.sentAt).not.toBeNull();
    await worker(app).tick();
    expect(app.mail.to('once@example.com')).toHaveLength(1);
    expect(app.mail.to('once@example.com')[0]).toMatchObject({ subject: 'Outbox test' });
  });

  it('treats a second enqueue with the same dedupe key as a no-op', async () => {
    const first = await enqueueTest(app, {
      recipient: 'dedupe@example.com',
      dedupeKey: 'no-login-reminder:1:2026-01',
    });
    const second = await enqueueTest(app, {
      recipient: 'dedupe@example.com',
      dedupeKey: 'no-login-reminder:1:2026-01',
    });
    expect(second.id).toBe(first.id);
    expect(await messageCount(app, { dedupeKey: 'no-login-reminder:1:2026-01' })).toBe(1);
    await worker(app).tick();
    await waitForStatus(app, first.id, 'sent');
    expect(app.mail.to('dedupe@example.com')).toHaveLength(1);
  });

  it.each(BULK_WRITES)(
    'queues many messages in one statement %s, as given, skipping and not counting those already queued',
    (way) =>
      writingInBulk(app.strapi, way, async () => {
        if (app.strapi.db.dialect.client === 'mysql') {
          expect(readsJsonTable(app.strapi)).toBe(way === 'as JSON');
        }
        await queuesManyAsGiven();
      })
  );

  const queuesManyAsGiven = async () => {
    // What SQL might read as its own: placeholders, quotes, backslashes, a JSON-looking text.
    const awkward = `What? '?' "??" \\ \\' $1 :name ${'\u{1F600}'} {"a":[1]}`;
    const many = (keys: string[]) =>
      outbox(app).enqueueMany(
        keys.map((key, index) => ({
          type: 'no-login-reminder' as const,
          userId: index % 2 === 0 ? 7 : null,
          recipient: `many-${key}@example.com`,
          locale: index % 2 === 0 ? null : 'da',
          subject: `${awkward} ${key}`,
          variables: { username: awkward, daysSinceLastLogin: 30 + index },
          dedupeKey: `test:many:${key}`,
        }))
      );
    expect(await many(['a', 'b'])).toBe(2);
    expect(await many(['b', 'c'])).toBe(1);
    const rows = await app.strapi.db.query('plugin::user-communication.message').findMany({
      where: { dedupeKey: { $startsWith: 'test:many:' } },
      orderBy: { id: 'asc' },
    });
    expect(rows).toMatchObject([
      { recipient: 'many-a@example.com', subject: `${awkward} a`, userId: 7, locale: null },
      { recipient: 'many-b@example.com', subject: `${awkward} b`, userId: null, locale: 'da' },
      { recipient: 'many-c@example.com', subject: `${awkward} c`, userId: null, locale: 'da' },
    ]);
    expect(JSON.parse(rows[1].variables)).toEqual({ username: awkward, daysSinceLastLogin: 31 });
    for (const row of rows) {
      expect(row).toMatchObject({ status: 'queued', attempts: 0, text: null, html: null });
      expect(new Date(row.nextAttemptAt).getTime()).toBe(new Date(row.createdAt).getTime());
    }
    await app.strapi.db
      .query('plugin::user-communication.message')
      .deleteMany({ where: { dedupeKey: { $startsWith: 'test:many:' } } });
  };

  it("enqueues inside the caller's transaction: a rolled-back change leaves no message", async () => {
    await expect(
      app.strapi.db.transaction(async () => {
        await enqueueTest(app, {
          recipient: 'rolled-back@example.com',
          dedupeKey: 'rollback-test',
        });
        throw new Error('the change that caused the message failed');
      })
    ).rejects.toThrow('the change that caused the message failed');
    expect(await messageCount(app, { dedupeKey: 'rollback-test' })).toBe(0);

    const committed = await app.strapi.db.transaction(() =>
      enqueueTest(app, { recipient: 'committed@example.com', dedupeKey: 'commit-test' })
    );
    expect(await messageCount(app, { dedupeKey: 'commit-test' })).toBe(1);
    await worker(app).tick();
    await waitForStatus(app, committed.id, 'sent');
  });

  it('retries a temporary refusal (451) with backoff and delivers later', async () => {
    app.clock.set('2026-02-01T06:00:00Z');
    app.mail.failNext({ code: 451, message: 'Try again later' }, 2);
    const { id } = await enqueueTest(app, { recipient: 'greylisted@example.com' });

    await worker(app).tick();
    let row = await waitForStatus(app, id, 'failed');
    expect(row.attempts).toBe(1);
    expect(row.lastError).toContain('451');
    const firstRetry = new Date(row.nextAttemptAt).getTime() - Date.parse('2026-02-01T06:00:00Z');
    expect(firstRetry).toBeGreaterThanOrEqual(15_000);
    expect(firstRetry).toBeLessThanOrEqual(30_000);

    await worker(app).tick();
    expect((await messageRow(app, id)).attempts).toBe(1);

    app.clock.advance({ minutes: 1 });
    await worker(app).tick();
    row = await waitForStatus(app, id, 'failed');
    expect(row.attempts).toBe(2);
    const secondRetry = new Date(row.nextAttemptAt).getTime() - Date.parse('2026-02-01T06:01:00Z');
    expect(secondRetry).toBeGreaterThanOrEqual(30_000);

    app.clock.advance({ minutes: 2 });
    await worker(app).tick();
    row = await waitForStatus(app, id, 'sent');
    expect(row.attempts).toBe(3);
    expect(app.mail.to('greylisted@example.com')).toHaveLength(1);
  });

  it('marks a permanent refusal (550) dead without retrying', async () => {
    app.mail.failNext({ code: 550, message: 'No such user' });
    const { id } = await enqueueTest(app, { recipient: 'nobody@example.com' });
    await worker(app).tick();
    const row = await waitForStatus(app, id, 'dead');
    expect(row.attempts).toBe(1);
    expect(row.lastError).toContain('550');
    app.clock.advance({ days: 1 });
    await worker(app).tick();
    expect((await messageRow(app, id)).attempts).toBe(1);
    expect(app.mail.to('nobody@example.com')).toHaveLength(0);
  });

  it('gives up after the attempt limit', async () => {
    const { maxAttempts } = app.strapi.config.get('plugin::user-communication.delivery') as {
      maxAttempts: number;
    };
    app.mail.failNext({ code: 421, message: 'Service not available' }, maxAttempts);
    const { id } = await enqueueTest(app, { recipient: 'flaky@example.com' });
    for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
      await worker(app).tick();
      app.clock.advance({ hours: 2 });
    }
    const row = await waitForStatus(app, id, 'dead');
    expect(row.attempts).toBe(maxAttempts);
  });

  it('loses nothing while the SMTP server is down and delivers when it is back', async () => {
    const port = app.mail.port;
    await app.mail.stop();
    const queued = await Promise.all(
      [1, 2, 3].map((n) => enqueueTest(app, { recipient: `outage${n}@example.com` }))
    );
    await worker(app).tick();
    for (const { id } of queued) {
      const row = await waitForStatus(app, id, 'failed');
      expect(row.lastError).toMatch(/ECONNREFUSED|ECONNECTION|ESOCKET/);
    }

    await app.mail.start(port);
    app.clock.advance({ minutes: 5 });
    await worker(app).tick();
    for (const { id } of queued) await waitForStatus(app, id, 'sent');
    for (const n of [1, 2, 3]) expect(app.mail.to(`outage${n}@example.com`)).toHaveLength(1);
  });

  it('takes over messages a crashed instance left in sending once their lease expires', async () => {
    // Stopped first: a worker still running may deliver the message before it is marked.
    await worker(app).stop();
    const { id } = await enqueueTest(app, { recipient: 'crash@example.com' });
    // What a killed instance leaves behind: claimed, leased, never finished.
    await app.strapi.db.query('plugin::user-communication.message').update({
      where: { id },
      data: {
        status: 'sending',
        claimToken: 'dead-instance',
        attempts: 1,
        leaseUntil: app.clock.now().plus({ seconds: 120 }).toJSDate(),
      },
    });

    await worker(app).tick();
    expect((await messageRow(app, id)).status).toBe('sending');
    expect(app.mail.to('crash@example.com')).toHaveLength(0);

    app.clock.advance({ minutes: 3 });
    await worker(app).tick();
    const row = await waitForStatus(app, id, 'sent');
    expect(row.attempts).toBe(2);
    expect(app.mail.to('crash@example.com')).toHaveLength(1);
    worker(app).start();
  });

  it('never lets two claims take the same message', async () => {
    const queued = await Promise.all(Array.from({ length: 30 }, () => enqueueTest(app)));
    await worker(app).stop();
    const claims = await Promise.all([
      outbox(app).claim(30),
      outbox(app).claim(30),
      outbox(app).claim(30),
    ]);
    const claimedIds = claims.flat().map((row: { id: number }) => row.id);
    expect(new Set(claimedIds).size).toBe(claimedIds.length);
    expect(claimedIds.length).toBeGreaterThanOrEqual(queued.length);
    worker(app).start();
  });

  it('respects the global messages-per-minute cap and drains the rest later', async () => {
    const path = 'plugin::user-communication.delivery.messagesPerMinute';
    await worker(app).stop();
    // Later than every claim made by the tests before, so none of them counts against the cap.
    app.clock.set(app.clock.now().plus({ days: 30 }));
    // Earlier tests leave claims whose leases have now expired: deliver them before capping.
    await worker(app).tick();
    app.clock.advance({ minutes: 2 });
    app.strapi.config.set(path, 10);
    try {
      const queued = await Promise.all(
        Array.from({ length: 25 }, (_, i) =>
          enqueueTest(app, { recipient: `capped${i}@example.com` })
        )
      );
      const ids = queued.map((q) => q.id);
      const sent = () => messageCount(app, { id: { $in: ids }, status: 'sent' });

      await worker(app).tick();
      expect(await sent()).toBe(10);
      await worker(app).tick();
      expect(await sent()).toBe(10);

      app.clock.advance({ seconds: 61 });
      await worker(app).tick();
      expect(await sent()).toBe(20);

      app.clock.advance({ seconds: 61 });
      await worker(app).tick();
      expect(await sent()).toBe(25);
    } finally {
      app.strapi.config.set(path, null);
      worker(app).start();
    }
  });
});
