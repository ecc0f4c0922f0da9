import { bootStrapi, type TestApp } from '../helpers/strapi';
import { startInstance } from '../helpers/instances';
import { seedUser, seedUsersBulk } from '../helpers/users';

const NOW = '2026-10-01T06:00:00.000Z';

describe('no-login reminders on two instances', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await bootStrapi({ parseMail: false });
    await app.strapi
      .plugin('user-communication')
      .service('settings')
      .update({ noLoginReminder: { enabled: true, intervalDays: 30 } });
  });

  afterAll(async () => {
    await app?.stop();
  });

  it('reminds every due user exactly once when two processes run the job at the same moment', async () => {
    const users = [];
    for (let i = 0; i < 150; i += 1)
      users.push(
        await seedUser(app, {
          createdAt: '2026-07-01T00:00:00.000Z',
          activatedAt: '2026-07-01T00:00:00.000Z',
        })
      );
    const other = await startInstance();
    try {
      app.clock.set(NOW);
      const outcomes = await Promise.all([
        app.strapi.plugin('user-communication').service('reminders').run('schedule'),
        other.runReminders(NOW),
      ]);
      expect(outcomes.reduce((sum, outcome) => sum + outcome.reminded, 0)).toBe(users.length);
    } finally {
      await other.stop();
    }
    await app.strapi.plugin('user-communication').service('delivery-worker').tick();
    const counts = new Map<string, number>();
    for (const mail of app.mail.messages)
      for (const to of mail.to) counts.set(to, (counts.get(to) ?? 0) + 1);
    for (const user of users) expect(counts.get(user.email)).toBe(1);
    const rows = await app.strapi.db
      .query('plugin::user-communication.message')
      .count({ where: { type: 'no-login-reminder' } });
    expect(rows).toBe(users.length);
  });

  it('finishes a run killed halfway, and nobody gets two', async () => {
    await app.strapi.db.query('plugin::user-communication.reminder-run').deleteMany({ where: {} });
    const emails = await seedUsersBulk(app, 600, {
      createdAt: '2026-07-01T00:00:00.000Z',
      lastLoginAt: '2026-08-01T00:00:00.000Z',
    });
    const at = '2026-10-02T06:00:00.000Z';
    // Small pages so the run is still going when it is killed.
    const doomed = await startInstance({ UC_REMINDERS_PAGE_SIZE: '2' });
    const running = doomed.runReminders(at);
    void running;
    const runs = app.strapi.db.query('plugin::user-communication.reminder-run');
    for (;;) {
      const row = await runs.findOne({ where: { runDate: '2026-10-02' } });
      if (row && row.reminded >= 100) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await doomed.kill();
    const left = await runs.findOne({ where: { runDate: '2026-10-02' } });
    expect(left.status).toBe('running');
    expect(left.reminded).toBeLessThan(600);

    // Another instance takes the run over once the dead one's lease has expired.
    app.clock.set('2026-10-02T06:10:00.000Z');
    const resumed = await app.strapi
      .plugin('user-communication')
      .service('reminders')
      .run('schedule');
    expect(resumed.status).toBe('done');
    expect(left.reminded + resumed.reminded).toBe(600);
    const rows = await app.strapi.db.query('plugin::user-communication.message').findMany({
      where: { recipient: { $in: emails }, type: 'no-login-reminder' },
      select: ['recipient'],
    });
    expect(rows).toHaveLength(600);
    expect(new Set(rows.map((row: { recipient: string }) => row.recipient)).size).toBe(600);
  });
});
