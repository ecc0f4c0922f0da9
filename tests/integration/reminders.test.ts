import { inIsolation, ISOLATIONS, snapshotIsolation } from '../helpers/database';
import { bootStrapi, type TestApp } from '../helpers/strapi';
import { createAdmin, createAdminRole, type AdminSession } from '../helpers/actors';
import { activationApi, tokenFromMail } from '../helpers/activation';
import { seedUser, seedUsersBulk } from '../helpers/users';

const USER_UID = 'plugin::users-permissions.user';
const NOW = '2026-10-01T06:00:00.000Z';
const daysBefore = (days: number, from = NOW) =>
  new Date(Date.parse(from) - days * 86_400_000).toISOString();

describe('no-login reminders', () => {
  let app: TestApp;
  let admin: AdminSession;

  const reminders = () => app.strapi.plugin('user-communication').service('reminders');
  const deliver = () => app.strapi.plugin('user-communication').service('delivery-worker').tick();
  const remindersTo = (email: string) =>
    app.mail.to(email).filter((mail) => /miss you/i.test(mail.subject));
  const settings = (noLoginReminder: Record<string, unknown>) =>
    app
      .http()
      .put('/user-communication/settings')
      .set('Authorization', admin.auth)
      .send({ noLoginReminder });
  const runAt = async (iso: string) => {
    app.clock.set(iso);
    const outcome = await reminders().run('schedule');
    await deliver();
    return outcome;
  };

  beforeAll(async () => {
    app = await bootStrapi();
    admin = await createAdmin(app);
  });

  afterAll(async () => {
    await app?.stop();
  });

  beforeEach(async () => {
    // A run kicks delivery in the background ("Run now" returns before it ends): it finishes
    // before the users go, or recording a sent reminder on one of them deadlocks with the delete
    // on MySQL.
    await deliver();
    // Each test starts from its own users only.
    await app.strapi.db.query(USER_UID).deleteMany({ where: {} });
    await app.strapi.db.query('plugin::user-communication.reminder-run').deleteMany({ where: {} });
    app.mail.clear();
    await settings({ enabled: true, intervalDays: 30, hourUtc: 6 });
  });

  afterEach(() => app.clock.reset());

  it('reminds at 30 days, not 29, once per cycle, and restarts the count at a login', async () => {
    const at29 = await seedUser(app, {
      createdAt: daysBefore(100),
      lastLoginAt: daysBefore(29),
      activatedAt: daysBefore(100),
    });
    const at30 = await seedUser(app, {
      createdAt: daysBefore(100),
      lastLoginAt: daysBefore(30),
      activatedAt: daysBefore(100),
    });

    expect((await runAt(NOW)).status).toBe('done');
    expect(remindersTo(at29.email)).toHaveLength(0);
    expect(remindersTo(at30.email)).toHaveLength(1);
    const mail = remindersTo(at30.email)[0];
    expect(mail.text).toContain('30 days');
    expect(mail.links).toContain('https://learn.example.com');

    await runAt(daysBefore(-1));
    expect(remindersTo(at30.email)).toHaveLength(1);
    expect(remindersTo(at29.email)).toHaveLength(1);

    await runAt(daysBefore(-30));
    expect(remindersTo(at30.email)).toHaveLength(2);

    // at29 logs in 10 days after its reminder: the next one comes 30 days after that login.
    await app.strapi.db
      .query(USER_UID)
      .update({ where: { id: at29.id }, data: { lastLoginAt: new Date(daysBefore(-11)) } });
    await runAt(daysBefore(-40));
    expect(remindersTo(at29.email)).toHaveLength(1);
    await runAt(daysBefore(-41));
    expect(remindersTo(at29.email)).toHaveLength(2);
  });

  it('counts only what it queued: a repeated cycle of a user without a link is skipped by its key, not counted', async () => {
    await settings({ intervalDays: 2 });
    const seed = (lastLoginAt: string) =>
      seedUser(app, {
        createdAt: '2026-01-01T06:00:00Z',
        lastLoginAt,
        activatedAt: '2026-01-01T06:00:00Z',
      });
    const user = await seed('2026-03-01T06:00:00Z');
    const others = [await seed('2026-03-04T06:00:00Z'), await seed('2026-03-04T07:00:00Z')];
    // Day 4 of an interval of 2 since the first user's login: cycle 2.
    expect(await runAt('2026-03-05T06:00:00.000Z')).toMatchObject({ reminded: 1 });
    expect(remindersTo(user.email)).toHaveLength(1);

    // Day 7 of an interval of 3: due again, and cycle 2 again, so its key is taken; the others
    // (day 4 of 3, cycle 1) are reminded. One statement writes two rows and skips one.
    await settings({ intervalDays: 3 });
    expect(await runAt('2026-03-08T08:00:00.000Z')).toMatchObject({ reminded: 2 });
    expect(remindersTo(user.email)).toHaveLength(1);
    for (const other of others) expect(remindersTo(other.email)).toHaveLength(1);
    const [run] = (await reminders().listRuns()).results;
    expect(run).toMatchObject({ runDate: '2026-03-08', reminded: 2 });
  });

  it('is retroactive: turned on later, it reminds users created long ago once', async () => {
    await settings({ enabled: false });
    const old31 = await seedUser(app, { createdAt: daysBefore(31) });
    const old90 = await seedUser(app, { createdAt: daysBefore(90) });
    expect((await runAt(NOW)).status).toBe('disabled');
    expect(app.mail.messages).toHaveLength(0);

    await settings({ enabled: true });
    await runAt(daysBefore(-1));
    expect(remindersTo(old31.email)).toHaveLength(1);
    expect(remindersTo(old90.email)).toHaveLength(1);
    await runAt(daysBefore(-2));
    expect(app.mail.messages).toHaveLength(2);
  });

  it('gives users who never activated a working fresh activation link, and nothing to blocked users or users without e-mail', async () => {
    const pending = await seedUser(app, { createdAt: daysBefore(45) });
    const blocked = await seedUser(app, { createdAt: daysBefore(45), blocked: true });
    await seedUser(app, { createdAt: daysBefore(45), email: null });
    await runAt(NOW);
    expect(app.mail.messages).toHaveLength(1);
    expect(remindersTo(blocked.email)).toHaveLength(0);
    const mail = remindersTo(pending.email)[0];
    const token = tokenFromMail(mail);
    const verified = await activationApi(app).verify({ token });
    expect(verified.status).toBe(200);
    expect(verified.body.email).toBe(pending.email);
  });

  it('renders a reminder when it is sent: queued with its variables only, sent with the template as it is then, and kept as sent', async () => {
    const pending = await seedUser(app, { createdAt: daysBefore(45) });
    const worker = app.strapi.plugin('user-communication').service('delivery-worker');
    // Held, so that the run's kick does not send it before the template is edited.
    await worker.stop();
    app.clock.set(NOW);
    await reminders().run('schedule');
    const message = () =>
      app.strapi.db
        .query('plugin::user-communication.message')
        .findOne({ where: { userId: pending.id, type: 'no-login-reminder' } });
    const queued = await message();
    expect(queued).toMatchObject({ status: 'queued', text: null, html: null });
    expect(queued.subject).toMatch(/miss you/i);
    // The activation link's token is sealed; the variables hold its slot.
    expect(queued.sealedToken).toEqual(expect.any(String));
    expect(JSON.parse(queued.variables).link).toMatch(/#token=uc-hidden-link-[\w-]{22}$/);

    // While it waits, the log shows it as it would be sent now, token masked.
    const api = (method: 'get' | 'put' | 'delete', url: string) =>
      app.http()[method](`/user-communication${url}`).set('Authorization', admin.auth);
    const waiting = await api('get', `/messages/${queued.id}`);
    expect(waiting.status).toBe(200);
    expect(waiting.body.text).toContain('45 days');
    expect(waiting.body.text).toContain('#token=[hidden]');
    expect(waiting.body.html).toContain('/unsubscribe/[hidden]');

    // An edit made after the run reaches the reminder, which has not been rendered yet.
    const original = (await api('get', '/templates/no-login-reminder/en')).body;
    const edited = await api('put', '/templates/no-login-reminder/en').send({
      subject: 'Come back to {{ platformName }}',
      html: original.html.replace('Your courses are waiting for you.', 'Edited after the run.'),
      text: original.text.replace('Your courses are waiting for you', 'Edited after the run'),
    });
    expect(edited.status).toBe(200);
    try {
      await deliver();
      const mail = await app.mail.waitFor((m) => m.to.includes(pending.email));
      expect(mail.subject).toBe('Come back to Learning platform');
      expect(mail.text).toContain('Edited after the run');
      expect(mail.html).toContain('Edited after the run.');
      expect((await activationApi(app).verify({ token: tokenFromMail(mail) })).status).toBe(200);
      expect(mail.html).toMatch(/\/unsubscribe\/[\w.-]+/);

      // The row keeps what was sent, its token still out of it.
      const sent = await message();
      expect(sent).toMatchObject({ status: 'sent', subject: 'Come back to Learning platform' });
      expect(sent.text).toContain('Edited after the run');
      expect(sent.html).toContain('Edited after the run.');
      expect(sent.text).not.toContain(tokenFromMail(mail));
      expect(sent.sealedToken).toBeNull();
      const log = await api('get', `/messages/${queued.id}`);
      expect(log.body.subject).toBe('Come back to Learning platform');
      expect(log.body.text).toContain('#token=[hidden]');
    } finally {
      await api('delete', '/templates/no-login-reminder/en');
      worker.start();
    }
  });

  it('records the reminder on the user when it is sent; while it waits, its user is left out of the preview and of the next run', async () => {
    const user = await seedUser(app, {
      createdAt: daysBefore(100),
      lastLoginAt: daysBefore(40),
      activatedAt: daysBefore(100),
    });
    const worker = app.strapi.plugin('user-communication').service('delivery-worker');
    const lastRemindedAt = async () =>
      (await app.strapi.db.query(USER_UID).findOne({ where: { id: user.id } })).lastRemindedAt;
    const preview = async () =>
      (
        await app
          .http()
          .get('/user-communication/reminders/preview')
          .set('Authorization', admin.auth)
      ).body.count;
    await worker.stop();
    try {
      app.clock.set(NOW);
      expect(await preview()).toBe(1);
      expect(await reminders().run('schedule')).toMatchObject({ status: 'done', reminded: 1 });
      expect(await lastRemindedAt()).toBeNull();
      expect(await preview()).toBe(0);
      // The next morning, the relay still down: no second reminder is queued.
      app.clock.set(daysBefore(-1));
      expect(await reminders().run('schedule')).toMatchObject({ status: 'done', reminded: 0 });
      // Given up on, it still counts for its interval, as a sent one would.
      const messages = app.strapi.db.query('plugin::user-communication.message');
      const where = { userId: user.id, type: 'no-login-reminder' };
      await messages.update({ where, data: { status: 'dead' } });
      expect(await preview()).toBe(0);
      await messages.update({ where, data: { status: 'queued' } });

      app.clock.set(daysBefore(-2));
      await deliver();
      expect(remindersTo(user.email)).toHaveLength(1);
      expect(new Date(await lastRemindedAt()).toISOString()).toBe(daysBefore(-2));
      expect(await preview()).toBe(0);
    } finally {
      worker.start();
    }
  });

  it('sends a subject rendered longer than the log column whole, and records the message as sent with its subject cut', async () => {
    const user = await seedUser(app, {
      createdAt: daysBefore(100),
      lastLoginAt: daysBefore(40),
      activatedAt: daysBefore(100),
    });
    const worker = app.strapi.plugin('user-communication').service('delivery-worker');
    await worker.stop();
    app.clock.set(NOW);
    await reminders().run('schedule');
    const api = (method: 'get' | 'put' | 'delete', url: string) =>
      app.http()[method](`/user-communication${url}`).set('Authorization', admin.auth);
    const original = (await api('get', '/templates/no-login-reminder/en')).body;
    // Within the template's 255 characters; over them once the link is in.
    const subject = `${'Long '.repeat(40)}{{ unsubscribeLink }}`;
    const saved = await api('put', '/templates/no-login-reminder/en').send({
      subject,
      html: original.html,
      text: original.text,
    });
    expect(saved.body).toMatchObject({ subject });
    try {
      await deliver();
      const mail = await app.mail.waitFor((m) => m.to.includes(user.email));
      expect(mail.subject.length).toBeGreaterThan(255);
      const row = await app.strapi.db
        .query('plugin::user-communication.message')
        .findOne({ where: { userId: user.id, type: 'no-login-reminder' } });
      expect(row.status).toBe('sent');
      expect(row.subject).toHaveLength(255);
      expect(row.html).toEqual(expect.any(String));
    } finally {
      await api('delete', '/templates/no-login-reminder/en');
      worker.start();
    }
  });

  it('greets each user of a page by name or address, with the subject of their own locale', async () => {
    // Logged in once but never marked activated (an account from before activatedAt existed).
    const loggedIn = await seedUser(app, {
      username: 'Ann Learner',
      locale: 'da',
      createdAt: daysBefore(100),
      lastLoginAt: daysBefore(40),
    });
    const activated = await seedUser(app, {
      username: 'Bob Learner',
      locale: 'fr',
      createdAt: daysBefore(100),
      activatedAt: daysBefore(100),
    });
    const neither = await seedUser(app, { username: 'Cy Learner', createdAt: daysBefore(100) });
    // Not delivered: sending renders the subject again and stores that one.
    app.clock.set(NOW);
    expect(await reminders().run('schedule')).toMatchObject({ status: 'done', reminded: 3 });
    const queued = async (userId: number) => {
      const row = await app.strapi.db
        .query('plugin::user-communication.message')
        .findOne({ where: { userId, type: 'no-login-reminder' } });
      return { ...row, variables: JSON.parse(row.variables) };
    };
    expect(await queued(loggedIn.id)).toMatchObject({
      locale: 'da',
      subject: 'Vi savner dig på Learning platform',
      variables: { username: 'Ann Learner', daysSinceLastLogin: 40 },
    });
    // No French templates: the default locale's, as every other message falls back.
    expect(await queued(activated.id)).toMatchObject({
      locale: 'en',
      subject: 'We miss you on Learning platform',
      variables: { username: 'Bob Learner', daysSinceLastLogin: 100 },
    });
    expect(await queued(neither.id)).toMatchObject({
      variables: { username: neither.email, daysSinceLastLogin: 100 },
    });
  });

  it("stores only a reminder's own variables and fills in the platform's when it is sent; one queued with them all keeps its own", async () => {
    const user = await seedUser(app, {
      username: 'Dee Learner',
      createdAt: daysBefore(100),
      lastLoginAt: daysBefore(40),
    });
    const plugin = app.strapi.plugin('user-communication');
    app.clock.set(NOW);
    expect(await reminders().run('schedule')).toMatchObject({ reminded: 1 });
    const queued = await app.strapi.db
      .query('plugin::user-communication.message')
      .findOne({ where: { userId: user.id, type: 'no-login-reminder' } });
    expect(JSON.parse(queued.variables)).toEqual({
      username: 'Dee Learner',
      daysSinceLastLogin: 40,
    });

    // As an earlier version queued reminders: every variable in the row.
    await plugin.service('outbox').enqueueMany([
      {
        type: 'no-login-reminder',
        userId: user.id,
        recipient: 'earlier@example.com',
        locale: 'en',
        subject: 'We miss you on Earlier platform',
        variables: {
          username: 'Earlier Learner',
          email: 'earlier@example.com',
          platformName: 'Earlier platform',
          platformUrl: 'https://earlier.example.com',
          link: 'https://earlier.example.com/start',
          daysSinceLastLogin: 70,
        },
        dedupeKey: 'test:queued-by-an-earlier-version',
      },
    ]);
    await deliver();
    const sent = await app.mail.waitFor((mail) => mail.to.includes(user.email));
    expect(sent.subject).toBe('We miss you on Learning platform');
    expect(sent.text).toContain('40 days since you last visited Learning platform');
    expect(sent.links).toContain('https://learn.example.com');
    const earlier = await app.mail.waitFor((mail) => mail.to.includes('earlier@example.com'));
    expect(earlier.text).toContain('Hello Earlier Learner');
    expect(earlier.text).toContain('70 days since you last visited Earlier platform');
    expect(earlier.links).toContain('https://earlier.example.com/start');
  });

  it('logs a subject cut in the middle of an emoji without the half character, and queues the rest of the page', async () => {
    // The subject's 255th and 256th UTF-16 units are one emoji: the log's cut falls inside it.
    const username = `${'b'.repeat(14)}\u{1F600}cc`;
    const user = await seedUser(app, {
      username,
      createdAt: daysBefore(100),
      lastLoginAt: daysBefore(40),
      activatedAt: daysBefore(100),
    });
    const other = await seedUser(app, {
      createdAt: daysBefore(100),
      lastLoginAt: daysBefore(40),
      activatedAt: daysBefore(100),
    });
    const api = (method: 'get' | 'put' | 'delete', url: string) =>
      app.http()[method](`/user-communication${url}`).set('Authorization', admin.auth);
    const original = (await api('get', '/templates/no-login-reminder/en')).body;
    await api('put', '/templates/no-login-reminder/en').send({
      subject: `${'a'.repeat(240)}{{ username }}`,
      html: original.html,
      text: original.text,
    });
    try {
      expect(await runAt(NOW)).toMatchObject({ status: 'done', reminded: 2 });
      const row = await app.strapi.db
        .query('plugin::user-communication.message')
        .findOne({ where: { userId: user.id, type: 'no-login-reminder' } });
      expect(row.subject).toBe(`${'a'.repeat(240)}${'b'.repeat(14)}`);
      expect(app.mail.to(user.email).map((mail) => mail.subject)).toEqual([
        `${'a'.repeat(240)}${username}`,
      ]);
      expect(app.mail.to(other.email)).toHaveLength(1);
    } finally {
      await api('delete', '/templates/no-login-reminder/en');
    }
  });

  it('with activation switched off, reminds with the platform link and issues no activation link', async () => {
    const pending = await seedUser(app, { createdAt: daysBefore(45) });
    const off = await app
      .http()
      .put('/user-communication/settings')
      .set('Authorization', admin.auth)
      .send({ activation: { enabled: false } });
    expect(off.status).toBe(200);
    try {
      await runAt(NOW);
      const [mail] = remindersTo(pending.email);
      expect(mail.text).toContain('https://learn.example.com');
      expect(mail.text).not.toMatch(/token=/);
      expect(
        await app.strapi.db
          .query('plugin::user-communication.token')
          .count({ where: { userId: pending.id } })
      ).toBe(0);
    } finally {
      await app
        .http()
        .put('/user-communication/settings')
        .set('Authorization', admin.auth)
        .send({ activation: { enabled: true } });
    }
  });

  it('resumes a run killed halfway without reminding anyone twice', async () => {
    const path = 'plugin::user-communication.reminders.pageSize';
    app.strapi.config.set(path, 5);
    const worker = app.strapi.plugin('user-communication').service('delivery-worker');
    try {
      const users = [];
      for (let i = 0; i < 12; i += 1)
        users.push(await seedUser(app, { createdAt: daysBefore(40) }));
      app.clock.set(NOW);
      // What a run killed after its first page leaves: that page committed, the lease held by a
      // dead instance. The worker waits meanwhile: a reminder it sent could not be unqueued.
      await worker.stop();
      await reminders().run('schedule');
      const [run] = await app.strapi.db
        .query('plugin::user-communication.reminder-run')
        .findMany({ where: { runDate: '2026-10-01' } });
      expect(run.status).toBe('done');
      await app.strapi.db.query('plugin::user-communication.reminder-run').update({
        where: { id: run.id },
        data: {
          status: 'running',
          owner: 'dead-instance',
          cursor: users[4].id,
          leaseUntil: new Date(Date.parse(NOW) + 60_000),
          reminded: 5,
        },
      });
      await app.strapi.db
        .connection('up_users')
        .whereIn(
          'id',
          users.slice(5).map((user) => user.id)
        )
        .update({ last_reminded_at: null });
      await app.strapi.db
        .connection('uc_messages')
        .whereIn(
          'user_id',
          users.slice(5).map((user) => user.id)
        )
        .delete();

      // Within the dead instance's lease nobody else works; after it, the rest are reminded.
      expect((await reminders().run('schedule')).status).toBe('busy');
      app.clock.set(new Date(Date.parse(NOW) + 10 * 60_000).toISOString());
      const resumed = await reminders().run('schedule');
      expect(resumed).toMatchObject({ status: 'done', reminded: 7 });
      await deliver();
      for (const user of users) expect(remindersTo(user.email)).toHaveLength(1);
    } finally {
      worker.start();
      app.strapi.config.set(path, 1000);
    }
  });

  /**
   * Twelve users due who get links (never activated), in pages of five, and the outbox's writes
   * of their pages spied on: each page's reminders are written, then `failure`, for the second
   * page (its first user is the sixth), may answer an error to throw, which rolls the page back.
   */
  const twelveWithSecondPage = async (failure: () => Error | undefined) => {
    const users: Array<Awaited<ReturnType<typeof seedUser>>> = [];
    for (let i = 0; i < 12; i += 1) users.push(await seedUser(app, { createdAt: daysBefore(40) }));
    const outbox = app.strapi.plugin('user-communication').service('outbox');
    const enqueueMany = outbox.enqueueMany;
    const writes = { calls: 0 };
    const spy = jest.spyOn(outbox, 'enqueueMany').mockImplementation(async (...args: unknown[]) => {
      writes.calls += 1;
      const queued = await enqueueMany(...args);
      const messages = args[0] as Array<{ userId: number }>;
      const error = messages.some((message) => message.userId === users[5].id)
        ? failure()
        : undefined;
      if (error) throw error;
      return queued;
    });
    app.strapi.config.set('plugin::user-communication.reminders.pageSize', 5);
    const restore = () => {
      spy.mockRestore();
      app.strapi.config.set('plugin::user-communication.reminders.pageSize', 1000);
    };
    return { users, writes, spy, restore };
  };

  // On MariaDB with innodb_snapshot_isolation pages go one after another (reminders.ts
  // pagesOverlap); CI's MariaDB has it off, so there the app's connections also turn it on.
  describe.each(ISOLATIONS)('its cursor (%s)', (isolation) => {
    inIsolation(() => app, isolation);

    it('moves only past pages written in order: after a page that fails, the next run reminds the rest, everyone once', async () => {
      await movesItsCursorInOrder();
    });
  });

  const movesItsCursorInOrder = async () => {
    const { users, writes, spy, restore } = await twelveWithSecondPage(
      () => new Error('the database went away')
    );
    try {
      app.clock.set(NOW);
      await expect(reminders().run('schedule')).rejects.toThrow('the database went away');
      // The third page was in flight meanwhile and was written (where pages overlap).
      const overlapped = !(await snapshotIsolation(app.strapi));
      expect(writes.calls).toBe(overlapped ? 3 : 2);
      const written = overlapped ? [...users.slice(0, 5), ...users.slice(10)] : users.slice(0, 5);
      const queuedFor = async () =>
        (
          (await app.strapi.db.query('plugin::user-communication.message').findMany({
            where: { type: 'no-login-reminder', userId: { $in: users.map((user) => user.id) } },
            select: ['userId'],
          })) as Array<{ userId: number }>
        ).map((message) => message.userId);
      expect((await queuedFor()).sort((a, b) => a - b)).toEqual(written.map((user) => user.id));
      const [run] = await app.strapi.db
        .query('plugin::user-communication.reminder-run')
        .findMany({ where: { runDate: '2026-10-01' } });
      expect(run).toMatchObject({
        status: 'running',
        cursor: users[4].id,
        reminded: written.length,
      });

      // The next run reads from the failed page on: the third page's users, whose reminders
      // wait to be sent, are left out.
      spy.mockRestore();
      expect(await reminders().run('schedule')).toMatchObject({
        status: 'done',
        reminded: 12 - written.length,
      });
      await deliver();
      for (const user of users) expect(remindersTo(user.email)).toHaveLength(1);
    } finally {
      restore();
    }
  };

  it('writes a page that lost a race in the database again, whole: each user reminded once, with one live link, and counted once', async () => {
    const warn = jest.spyOn(app.strapi.log, 'warn');
    let lost = false;
    // The second page loses a race after its reminders and links were written: the database
    // rolls its transaction back, as it does a deadlock's victim.
    const { users, restore } = await twelveWithSecondPage(() => {
      if (lost) return undefined;
      lost = true;
      return Object.assign(new Error('Deadlock found when trying to get lock'), {
        code: app.strapi.db.dialect.client === 'postgres' ? '40P01' : 'ER_LOCK_DEADLOCK',
      });
    });
    try {
      app.clock.set(NOW);
      expect(await reminders().run('schedule')).toMatchObject({ status: 'done', reminded: 12 });
      expect(lost).toBe(true);
      expect(
        warn.mock.calls.filter(([message]) => /written again/.test(String(message)))
      ).toHaveLength(1);
      const [run] = await app.strapi.db
        .query('plugin::user-communication.reminder-run')
        .findMany({ where: { runDate: '2026-10-01' } });
      expect(run).toMatchObject({ status: 'done', reminded: 12 });
      const ids = users.map((user) => user.id);
      const live = (await app.strapi.db.query('plugin::user-communication.token').findMany({
        where: { userId: { $in: ids }, purpose: 'activation', usedAt: null, supersededAt: null },
        select: ['userId'],
      })) as Array<{ userId: number }>;
      expect(live.map((token) => token.userId).sort((a, b) => a - b)).toEqual(ids);
      await deliver();
      for (const user of users) expect(remindersTo(user.email)).toHaveLength(1);
    } finally {
      restore();
      warn.mockRestore();
    }
  });

  it("handles full pages of 1,000 users, beyond SQLite's 500-term insert limit", async () => {
    const emails = await seedUsersBulk(app, 1200, {
      createdAt: daysBefore(100),
      lastLoginAt: daysBefore(45),
    });
    app.clock.set(NOW);
    const outcome = await reminders().run('schedule');
    expect(outcome).toMatchObject({ status: 'done', reminded: 1200 });
    expect(
      await app.strapi.db
        .query('plugin::user-communication.message')
        .count({ where: { recipient: { $in: emails } } })
    ).toBe(1200);
  });

  // SQLite has one connection: its transactions take turns.
  const onServers = (process.env.DATABASE_CLIENT ?? 'sqlite') === 'sqlite' ? it.skip : it;

  onServers(
    "issues two pages of links at once, each superseding only its own users' links: no deadlock when both insert at the same moment",
    async () => {
      // Where MariaDB checks writes against snapshots, pages never overlap (reminders.ts
      // pagesOverlap), and two such transactions conflict whatever rows they update.
      if (await snapshotIsolation(app.strapi)) return;
      const tokens = app.strapi.plugin('user-communication').service('tokens');
      const emails = await seedUsersBulk(app, 20, { createdAt: daysBefore(40), activated: false });
      const ids = (
        (await app.strapi.db.query(USER_UID).findMany({
          where: { email: { $in: emails } },
          select: ['id'],
          orderBy: { id: 'asc' },
        })) as Array<{ id: number }>
      ).map((user) => user.id);
      // Each page's token insert waits until the other has superseded its users' links too (or
      // for 5 s), the moment two pages in flight met on MySQL: an UPDATE over the token's user
      // index locked the gaps beside its users, and each page's insert then waited for the
      // other's gap lock.
      let arrived = 0;
      let release: () => void = () => undefined;
      let bothThere = Promise.resolve();
      const nextRound = () => {
        arrived = 0;
        bothThere = new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 5000);
          release = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      };
      const queryBuilder = app.strapi.db.queryBuilder.bind(app.strapi.db);
      const spy = jest.spyOn(app.strapi.db, 'queryBuilder').mockImplementation((uid) => {
        const builder = queryBuilder(uid);
        if (uid !== 'plugin::user-communication.token') return builder;
        const insert = builder.insert.bind(builder);
        builder.insert = (data: unknown) => {
          const inserting = insert(data as never);
          const execute = inserting.execute.bind(inserting);
          inserting.execute = (async (...args: unknown[]) => {
            arrived += 1;
            if (arrived === 2) release();
            await bothThere;
            return execute(...(args as []));
          }) as typeof inserting.execute;
          return inserting;
        };
        return builder;
      });
      const page = (userIds: number[]) =>
        app.strapi.db.transaction(() => tokens.issueMany(userIds, 'activation', { days: 14 }));
      try {
        // The second round supersedes the links of the first.
        for (let round = 0; round < 2; round += 1) {
          nextRound();
          const outcomes = await Promise.allSettled([page(ids.slice(0, 10)), page(ids.slice(10))]);
          expect(
            outcomes.map((outcome) =>
              outcome.status === 'fulfilled' ? 'written' : String(outcome.reason)
            )
          ).toEqual(['written', 'written']);
        }
      } finally {
        spy.mockRestore();
      }
      const live = (await app.strapi.db.query('plugin::user-communication.token').findMany({
        where: { userId: { $in: ids }, purpose: 'activation', usedAt: null, supersededAt: null },
        select: ['userId'],
      })) as Array<{ userId: number }>;
      expect(live.map((token) => token.userId).sort((a, b) => a - b)).toEqual(ids);
    }
  );

  it('writes pages of users who get activation links side by side: no page lost to a deadlock, one live link each', async () => {
    // On MySQL the links a page superseded were found by an UPDATE over the token's user
    // index, which locked the gaps beside its users, and two pages' new links for neighbouring
    // users then deadlocked (each waiting to insert into a gap the other held).
    const path = 'plugin::user-communication.reminders.pageSize';
    app.strapi.config.set(path, 500);
    const warn = jest.spyOn(app.strapi.log, 'warn');
    // The reminders are marked sent below; one the worker claimed meanwhile would wait instead.
    const worker = app.strapi.plugin('user-communication').service('delivery-worker');
    await worker.stop();
    try {
      const emails = await seedUsersBulk(app, 3000, {
        createdAt: daysBefore(40),
        activated: false,
      });
      const users = (await app.strapi.db
        .query(USER_UID)
        .findMany({ where: { email: { $in: emails } }, select: ['id'] })) as Array<{ id: number }>;
      const userId = { $in: users.map((user) => user.id) };
      // The second cycle supersedes the links the first one mailed.
      for (const at of [NOW, daysBefore(-30)]) {
        app.clock.set(at);
        expect(await reminders().run('schedule')).toMatchObject({ status: 'done', reminded: 3000 });
        // As if delivered: the next cycle is due.
        await app.strapi.db
          .query('plugin::user-communication.message')
          .updateMany({ where: { userId }, data: { status: 'sent' } });
      }
      const live = (await app.strapi.db.query('plugin::user-communication.token').findMany({
        where: { userId, purpose: 'activation', usedAt: null, supersededAt: null },
        select: ['userId'],
      })) as Array<{ userId: number }>;
      expect(live).toHaveLength(3000);
      expect(new Set(live.map((token) => token.userId)).size).toBe(3000);
      expect(
        await app.strapi.db.query('plugin::user-communication.token').count({
          where: { userId, purpose: 'activation', supersededAt: { $notNull: true } },
        })
      ).toBe(3000);
      expect(warn.mock.calls.filter(([message]) => /written again/.test(String(message)))).toEqual(
        []
      );
    } finally {
      warn.mockRestore();
      worker.start();
      app.strapi.config.set(path, 1000);
    }
  });

  it('previews who would be reminded, and shows past runs', async () => {
    await seedUser(app, { createdAt: daysBefore(60) });
    await seedUser(app, { createdAt: daysBefore(10) });
    app.clock.set(NOW);
    const preview = await app
      .http()
      .get('/user-communication/reminders/preview')
      .set('Authorization', admin.auth);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ enabled: true, intervalDays: 30, count: 1 });
    expect(preview.body.sample).toHaveLength(1);
    expect(preview.body.sample[0]).toMatchObject({ activated: false });
    expect(JSON.stringify(preview.body)).not.toMatch(/password|digest/);

    const run = await app
      .http()
      .post('/user-communication/reminders/run')
      .set('Authorization', admin.auth);
    expect(run.status).toBe(200);
    expect(run.body).toMatchObject({ status: 'done', reminded: 1 });
    const runs = await app
      .http()
      .get('/user-communication/reminders/runs')
      .set('Authorization', admin.auth);
    expect(runs.body.results[0]).toMatchObject({
      runDate: '2026-10-01',
      status: 'done',
      reminded: 1,
      trigger: 'manual',
    });

    const reader = await createAdmin(app, {
      roleIds: [await createAdminRole(app, ['plugin::user-communication.settings.read'])],
    });
    expect(
      (await app.http().post('/user-communication/reminders/run').set('Authorization', reader.auth))
        .status
    ).toBe(403);
  });

  it('schedules the job at the configured hour (UTC) and reschedules it when the hour changes', async () => {
    const schedule = app.strapi.plugin('user-communication').service('reminder-schedule');
    expect(schedule.rule()).toBe('0 0 6 * * *');
    await settings({ hourUtc: 9 });
    expect(schedule.rule()).toBe('0 0 9 * * *');
    const job = app.strapi.cron.jobs.find(
      (candidate) => candidate.name === 'userCommunicationNoLoginReminder'
    ) as unknown as {
      options: { tz: string };
      job: { nextRun(): Date };
    };
    expect(job.options.tz).toBe('Etc/UTC');
    expect(job.job.nextRun().getUTCHours()).toBe(9);
  });
});
