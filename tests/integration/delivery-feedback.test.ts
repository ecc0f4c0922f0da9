import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { bootStrapi, type TestApp } from '../helpers/strapi';
import { createAdmin, createApiToken, type AdminSession } from '../helpers/actors';
import { enqueueTest, messageRow, worker } from '../helpers/outbox';
import { seedUser } from '../helpers/users';

const USER_UID = 'plugin::users-permissions.user';
const EVENT_UID = 'plugin::user-communication.delivery-event';
const NOW = '2026-10-01T06:00:00.000Z';
const daysBefore = (days: number) => new Date(Date.parse(NOW) - days * 86_400_000).toISOString();

interface ReceivedEvent {
  event: string;
  message: { id: number };
  [key: string]: unknown;
}

/** A webhook subscriber on loopback: what Strapi's webhook runner posts to it. */
const startReceiver = async () => {
  const received: ReceivedEvent[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      received.push(JSON.parse(body) as ReceivedEvent);
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    received,
    async waitFor(predicate: (event: ReceivedEvent) => boolean, timeoutMs = 10000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = received.find(predicate);
        if (found) return found;
        if (Date.now() > deadline)
          throw new Error(`no matching webhook call; got ${JSON.stringify(received)}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};

describe('delivery feedback: bounces, complaints and what they change', () => {
  let app: TestApp;
  let admin: AdminSession;

  const feedback = () => app.strapi.plugin('user-communication').service('delivery-feedback');
  const reminders = () => app.strapi.plugin('user-communication').service('reminders');
  const user = (id: number) => app.strapi.db.query(USER_UID).findOne({ where: { id } });
  const smtpIdOf = async (id: number) => (await messageRow(app, id)).smtpMessageId as string;

  /** A message to the user, delivered by the worker. */
  const sentTo = async (target: { id: number; email: string }) => {
    const queued = await enqueueTest(app, {
      type: 'activation',
      userId: target.id,
      recipient: target.email,
    });
    await worker(app).tick();
    return queued.id;
  };

  beforeAll(async () => {
    app = await bootStrapi();
    admin = await createAdmin(app);
  });

  afterAll(async () => {
    await app?.stop();
  });

  beforeEach(() => app.mail.clear());
  afterEach(() => app.clock.reset());

  it('sends each message with its own Message-ID, the one reports name', async () => {
    const target = await seedUser(app, { createdAt: daysBefore(1) });
    const id = await sentTo(target);
    const smtpId = await smtpIdOf(id);
    expect(smtpId).toMatch(/^uc\.[0-9a-f]{32}@localhost$/);
    const [mail] = app.mail.to(target.email);
    expect(mail.raw).toContain(`Message-ID: <${smtpId}>`);
  });

  it('an SMTP 5xx to RCPT TO marks the address undeliverable at once; a 4xx only retries', async () => {
    const refused = await seedUser(app, { createdAt: daysBefore(1) });
    const busy = await seedUser(app, { createdAt: daysBefore(1) });
    app.mail.refuseRecipient(refused.email, {
      code: 550,
      message: '5.1.1 <mailbox unknown>',
    });
    app.mail.refuseRecipient(busy.email, { code: 452, message: '4.2.2 Mailbox full' });

    const refusedMessage = await sentTo(refused);
    const busyMessage = await sentTo(busy);

    expect(await messageRow(app, refusedMessage)).toMatchObject({ status: 'dead' });
    expect(await user(refused.id)).toMatchObject({
      emailStatus: 'undeliverable',
      emailStatusReason: expect.stringMatching(/^Hard bounce: .*550/),
    });
    expect(
      await app.strapi.db.query(EVENT_UID).findMany({ where: { messageId: refusedMessage } })
    ).toEqual([expect.objectContaining({ source: 'smtp', kind: 'hard-bounce' })]);

    expect(await messageRow(app, busyMessage)).toMatchObject({ status: 'failed' });
    expect(await user(busy.id)).toMatchObject({ emailStatus: 'ok', softBounceCount: 0 });
  });

  it('a later hard bounce is tied to its message and user, and a replay counts once', async () => {
    const target = await seedUser(app, { createdAt: daysBefore(1) });
    const id = await sentTo(target);
    const report = {
      source: 'report' as const,
      eventId: 'dsn-1',
      kind: 'hard-bounce' as const,
      smtpMessageId: `<${await smtpIdOf(id)}>`,
      detail: 'smtp; 550 5.1.1 user unknown',
    };
    expect(await feedback().record(report)).toBe('recorded');
    expect(await feedback().record(report)).toBe('duplicate');

    expect(await messageRow(app, id)).toMatchObject({
      status: 'bounced',
      lastError: 'Hard bounce: smtp; 550 5.1.1 user unknown',
    });
    expect(await user(target.id)).toMatchObject({ emailStatus: 'undeliverable' });
    expect(await app.strapi.db.query(EVENT_UID).count({ where: { messageId: id } })).toBe(1);

    // The message log says why.
    const detail = await app
      .http()
      .get(`/user-communication/messages/${id}`)
      .set('Authorization', admin.auth);
    expect(detail.body).toMatchObject({
      status: 'bounced',
      lastError: 'Hard bounce: smtp; 550 5.1.1 user unknown',
      reports: [
        {
          source: 'report',
          kind: 'hard-bounce',
          detail: 'smtp; 550 5.1.1 user unknown',
          occurredAt: expect.any(String),
        },
      ],
    });
  });

  it("a hard bounce cancels the user's reminders still waiting, not their account mail", async () => {
    const target = await seedUser(app, { createdAt: daysBefore(1) });
    const id = await sentTo(target);
    await worker(app).stop();
    try {
      const waiting = (type: string) =>
        enqueueTest(app, { type, userId: target.id, recipient: target.email });
      const reminder = await waiting('no-login-reminder');
      const reset = await waiting('password-reset');
      await feedback().record({
        source: 'report',
        eventId: 'dsn-cancels',
        kind: 'hard-bounce',
        smtpMessageId: await smtpIdOf(id),
      });
      expect(await messageRow(app, reminder.id)).toMatchObject({ status: 'cancelled' });
      expect(await messageRow(app, reset.id)).toMatchObject({ status: 'queued' });
    } finally {
      worker(app).start();
    }
  });

  it('a report for a message it did not send changes nothing', async () => {
    const before = await app.strapi.db.query(EVENT_UID).count();
    expect(
      await feedback().record({
        source: 'report',
        eventId: 'dsn-unknown',
        kind: 'hard-bounce',
        smtpMessageId: '<not-ours@elsewhere.example>',
      })
    ).toBe('unknown-message');
    expect(await app.strapi.db.query(EVENT_UID).count()).toBe(before);
  });

  it('soft bounces suppress only at the configured count (3), and a delivery starts it again', async () => {
    const target = await seedUser(app, { createdAt: daysBefore(1) });
    const soft = async (eventId: string) =>
      feedback().record({
        source: 'report',
        eventId,
        kind: 'soft-bounce',
        smtpMessageId: await smtpIdOf(await sentTo(target)),
        detail: '4.2.2 mailbox full',
      });
    await soft('soft-1');
    await soft('soft-2');
    expect(await user(target.id)).toMatchObject({ emailStatus: 'ok', softBounceCount: 2 });
    await feedback().record({
      source: 'report',
      eventId: 'delivered-1',
      kind: 'delivered',
      smtpMessageId: await smtpIdOf(await sentTo(target)),
    });
    expect(await user(target.id)).toMatchObject({ emailStatus: 'ok', softBounceCount: 0 });
    await soft('soft-3');
    await soft('soft-4');
    await soft('soft-5');
    expect(await user(target.id)).toMatchObject({
      emailStatus: 'undeliverable',
      softBounceCount: 3,
    });
  });

  it('a complaint marks the address complained; correcting the address makes it ok again, and an old report no longer touches it', async () => {
    const target = await seedUser(app, { createdAt: daysBefore(1) });
    const id = await sentTo(target);
    await feedback().record({
      source: 'report',
      eventId: 'arf-1',
      kind: 'complaint',
      smtpMessageId: await smtpIdOf(id),
    });
    expect(await messageRow(app, id)).toMatchObject({ status: 'complained' });
    expect(await user(target.id)).toMatchObject({ emailStatus: 'complained' });

    await app.strapi.db
      .query(USER_UID)
      .update({ where: { id: target.id }, data: { email: `fixed-${target.email}` } });
    expect(await user(target.id)).toMatchObject({
      emailStatus: 'ok',
      emailStatusReason: null,
      softBounceCount: 0,
    });

    await feedback().record({
      source: 'report',
      eventId: 'dsn-late',
      kind: 'hard-bounce',
      smtpMessageId: await smtpIdOf(id),
    });
    expect(await user(target.id)).toMatchObject({ emailStatus: 'ok' });
  });

  it('correcting the address in the Content Manager answers the user deliverable again, and resending reaches the new address', async () => {
    const target = await seedUser(app, { createdAt: daysBefore(1) });
    app.mail.refuseRecipient(target.email, { code: 550, message: '5.1.1 no such user' });
    await sentTo(target);
    const { documentId } = await user(target.id);
    const corrected = `fixed-${target.email}`;
    const edited = await app
      .http()
      .put(`/content-manager/collection-types/${USER_UID}/${documentId}`)
      .set('Authorization', admin.auth)
      .send({ email: corrected });
    expect(edited.status).toBe(200);
    expect(edited.body.data ?? edited.body).toMatchObject({
      email: corrected,
      emailStatus: 'ok',
      emailStatusReason: null,
      emailStatusChangedAt: expect.any(String),
    });
    // An address that never bounced has no status to start over.
    const other = await seedUser(app, { createdAt: daysBefore(1) });
    const { documentId: otherId } = await user(other.id);
    await app
      .http()
      .put(`/content-manager/collection-types/${USER_UID}/${otherId}`)
      .set('Authorization', admin.auth)
      .send({ email: `new-${other.email}` })
      .expect(200);
    expect(await user(other.id)).toMatchObject({ emailStatus: 'ok', emailStatusChangedAt: null });
    const resent = await app
      .http()
      .post('/user-communication/activation/resend')
      .set('Authorization', admin.auth)
      .send({ userIds: [documentId] });
    expect(resent.body.results).toEqual([expect.objectContaining({ status: 'queued' })]);
    await worker(app).tick();
    expect(app.mail.to(corrected)).toHaveLength(1);
  });

  it('keeps the delivery state out of the content API, filters included', async () => {
    const target = await seedUser(app, { createdAt: daysBefore(1) });
    await app.strapi
      .plugin('user-communication')
      .service('user-state')
      .trusted(() =>
        app.strapi.db.query(USER_UID).update({
          where: { id: target.id },
          data: { emailStatus: 'complained', emailStatusReason: 'Marked as spam: mx.example.net' },
        })
      );
    const token = await createApiToken(app);
    const list = await app
      .http()
      .get('/api/users')
      .query({ 'filters[emailStatus]': 'complained' })
      .set('Authorization', `Bearer ${token}`);
    expect(list.status).toBe(400);
    const one = await app
      .http()
      .get(`/api/users/${target.id}`)
      .set('Authorization', `Bearer ${token}`);
    expect(one.status).toBe(200);
    for (const field of [
      'emailStatus',
      'emailStatusReason',
      'emailStatusChangedAt',
      'softBounceCount',
      'reminderOptOut',
      'reminderOptOutAt',
    ]) {
      expect(one.body).not.toHaveProperty(field);
    }
  });

  it('no-login reminders skip undeliverable, complained and unsubscribed addresses', async () => {
    await app.strapi.db.query(USER_UID).deleteMany({ where: {} });
    await app.strapi.db.query('plugin::user-communication.reminder-run').deleteMany({ where: {} });
    await app
      .http()
      .put('/user-communication/settings')
      .set('Authorization', admin.auth)
      .send({ noLoginReminder: { enabled: true, intervalDays: 30, hourUtc: 6 } })
      .expect(200);
    const seed = () =>
      seedUser(app, {
        createdAt: daysBefore(100),
        lastLoginAt: daysBefore(40),
        activatedAt: daysBefore(100),
      });
    const ok = await seed();
    const suppressed = await Promise.all([seed(), seed(), seed()]);
    const states = [
      { emailStatus: 'undeliverable' },
      { emailStatus: 'complained' },
      { reminderOptOut: true },
    ];
    for (const [index, data] of states.entries()) {
      await app.strapi
        .plugin('user-communication')
        .service('user-state')
        .trusted(() =>
          app.strapi.db.query(USER_UID).update({ where: { id: suppressed[index].id }, data })
        );
    }
    app.clock.set(NOW);
    const outcome = await reminders().run('manual');
    expect(outcome).toMatchObject({ reminded: 1 });
    await worker(app).tick();
    expect(app.mail.to(ok.email)).toHaveLength(1);
    for (const other of suppressed) expect(app.mail.to(other.email)).toHaveLength(0);
  });

  it('registers its events with Settings → Webhooks and posts them with ids, not tokens or bodies', async () => {
    const receiver = await startReceiver();
    try {
      const created = await app
        .http()
        .post('/admin/webhooks')
        .set('Authorization', admin.auth)
        .send({
          name: 'communication',
          url: receiver.url,
          headers: {},
          events: [
            'user-communication.message.sent',
            'user-communication.message.dead',
            'user-communication.message.bounced',
            'user-communication.user.activated',
            'user-communication.user.password-changed',
            'user-communication.user.reminded',
            'user-communication.user.unsubscribed',
          ],
        });
      expect(created.status).toBe(201);

      const target = await seedUser(app, { createdAt: daysBefore(1) });
      const id = await sentTo(target);
      const sent = await receiver.waitFor((event) => event.event.endsWith('message.sent'));
      expect(sent).toMatchObject({
        event: 'user-communication.message.sent',
        message: { id, type: 'activation', userId: target.id, status: 'sent' },
      });

      await feedback().record({
        source: 'report',
        eventId: 'dsn-webhook',
        kind: 'hard-bounce',
        smtpMessageId: await smtpIdOf(id),
      });
      const bounced = await receiver.waitFor((event) => event.event.endsWith('message.bounced'));
      expect(bounced).toMatchObject({
        message: { id, status: 'bounced' },
        kind: 'hard-bounce',
      });

      await app.strapi.plugin('user-communication').service('user-state').recordLogin(target.id);
      const activated = await receiver.waitFor((event) => event.event.endsWith('user.activated'));
      const row = await user(target.id);
      expect(activated).toMatchObject({ user: { id: target.id, documentId: row.documentId } });

      const refused = await seedUser(app, { createdAt: daysBefore(1) });
      app.mail.refuseRecipient(refused.email, { code: 550, message: '5.1.1 unknown' });
      const deadId = await sentTo(refused);
      expect(
        await receiver.waitFor(
          (event) => event.event.endsWith('message.dead') && event.message.id === deadId
        )
      ).toMatchObject({ message: { id: deadId, status: 'dead' } });
      expect(
        await receiver.waitFor(
          (event) => event.event.endsWith('message.bounced') && event.message.id === deadId
        )
      ).toMatchObject({ kind: 'hard-bounce' });

      await app
        .http()
        .put(`/content-manager/collection-types/${USER_UID}/${row.documentId}`)
        .set('Authorization', admin.auth)
        .send({ password: 'Changed-In-The-Form-Passw0rd' })
        .expect(200);
      expect(
        await receiver.waitFor((event) => event.event.endsWith('user.password-changed'))
      ).toMatchObject({ user: { id: target.id, documentId: row.documentId } });

      const serialized = JSON.stringify(receiver.received);
      expect(serialized).not.toContain('Changed-In-The-Form-Passw0rd');
      expect(serialized).not.toContain(target.email);
      expect(serialized).not.toMatch(/html|text|token/i);
    } finally {
      await receiver.close();
    }
  });
});
