import crypto from 'node:crypto';
import { inIsolation, ISOLATIONS } from '../helpers/database';
import { linkKeyFrom } from '@server/utils/link-secrets';
import { signUnsubscribe, unsubscribeKeyFrom } from '@server/utils/unsubscribe-link';
import { bootStrapi, type TestApp } from '../helpers/strapi';
import {
  authenticatedRoleId,
  createAdmin,
  newUserInput,
  type AdminSession,
} from '../helpers/actors';
import { headerOf, verifyDkim } from '../helpers/dkim';
import { settle, worker } from '../helpers/outbox';
import {
  CHANGED_SUBJECT,
  RESET_SUBJECT,
  createActiveUser,
  mailTo,
  resetTokenFrom,
} from '../helpers/passwords';
import type { ReceivedMail } from '../helpers/smtp';
import { seedUser } from '../helpers/users';

const USER_UID = 'plugin::users-permissions.user';
const UNSUBSCRIBED = 'user-communication.user.unsubscribed';
const NOW = '2026-10-01T06:00:00.000Z';
const daysBefore = (days: number) => new Date(Date.parse(NOW) - days * 86_400_000).toISOString();
const LINK =
  /^http:\/\/localhost:1337\/api\/user-communication\/unsubscribe\/[\w-]+\.[\w-]{16}\.[\w-]{43}$/;
const DONE = 'You will no longer receive';
const INVALID = 'This unsubscribe link is not valid';

const dkim = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const DKIM_ENV = {
  DKIM_DOMAIN: 'example.com',
  DKIM_SELECTOR: 'uc-test',
  DKIM_PRIVATE_KEY: dkim.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
};

interface Reminded {
  user: { id: number; email: string; documentId: string };
  mail: ReceivedMail;
  /** The List-Unsubscribe URL. */
  link: string;
  /** Its path, for supertest. */
  path: string;
}

describe('one-click unsubscribe from no-login reminders (RFC 8058)', () => {
  let app: TestApp;
  let admin: AdminSession;
  let emit: jest.SpyInstance;

  const userRow = (id: number) =>
    app.strapi.db
      .query(USER_UID)
      .findOne({ where: { id }, select: ['reminderOptOut', 'reminderOptOutAt', 'email'] });
  const unsubscribedEvents = (userId: number) =>
    emit.mock.calls.filter(
      ([event, payload]) =>
        event === UNSUBSCRIBED && (payload as { user: { id: number } }).user.id === userId
    );
  const listUnsubscribe = (mail: ReceivedMail) =>
    headerOf(mail.raw, 'List-Unsubscribe')?.replace(/^<|>$/g, '') ?? null;

  /** Runs the day's reminders (again) and delivers them. */
  const runReminders = async () => {
    app.clock.set(NOW);
    const outcome = await app.strapi
      .plugin('user-communication')
      .service('reminders')
      .run('manual');
    await worker(app).tick();
    return outcome;
  };

  /** A user due for a reminder, reminded, with the link of the reminder's List-Unsubscribe. */
  const reminded = async (): Promise<Reminded> => {
    const seeded = await seedUser(app, { createdAt: daysBefore(45), activatedAt: daysBefore(45) });
    await runReminders();
    const [mail] = app.mail.to(seeded.email);
    const link = listUnsubscribe(mail) as string;
    const { documentId } = await app.strapi.db
      .query(USER_UID)
      .findOne({ where: { id: seeded.id }, select: ['documentId'] });
    return { user: { ...seeded, documentId }, mail, link, path: new URL(link).pathname };
  };

  const oneClick = (path: string) =>
    app.http().post(path).type('form').send('List-Unsubscribe=One-Click');

  beforeAll(async () => {
    app = await bootStrapi({ env: DKIM_ENV });
    admin = await createAdmin(app);
    const settings = await app
      .http()
      .put('/user-communication/settings')
      .set('Authorization', admin.auth)
      .send({ noLoginReminder: { enabled: true, intervalDays: 30, hourUtc: 6 } });
    expect(settings.status).toBe(200);
    emit = jest.spyOn(app.strapi.eventHub, 'emit');
  });

  afterAll(async () => {
    await app?.stop();
    for (const name of Object.keys(DKIM_ENV)) delete process.env[name];
  });

  beforeEach(() => app.mail.clear());
  afterEach(() => app.clock.reset());

  describe('links nobody was given', () => {
    const variants = (victim: Reminded, other: Reminded): Array<[string, string]> => {
      const [user, address, mac] = victim.path.split('/').at(-1)!.split('.');
      const base = victim.path.slice(0, victim.path.lastIndexOf('/') + 1);
      const flipped = `${mac.slice(0, -1)}${mac.endsWith('A') ? 'B' : 'A'}`;
      const foreignKey = unsubscribeKeyFrom(linkKeyFrom('another deployment, another secret'));
      const [otherUser] = other.path.split('/').at(-1)!.split('.');
      return [
        ['a changed signature', `${base}${user}.${address}.${flipped}`],
        [
          "another user's link turned into this user's",
          `${base}${user}.${address}.${other.path.split('.').at(-1)}`,
        ],
        ["this user's signature on another user", `${base}${otherUser}.${address}.${mac}`],
        ['a truncated link', victim.path.slice(0, -5)],
        ['only the user part', `${base}${user}`],
        [
          "another deployment's key",
          `${base}${signUnsubscribe(foreignKey, { documentId: victim.user.documentId, email: victim.user.email })}`,
        ],
        ['a documentId in clear', `${base}${victim.user.documentId}`],
        ['an over-long token', `${base}${user}.${address}.${mac}${'A'.repeat(500)}`],
      ];
    };

    it('a tampered, truncated, swapped or foreign link answers 400 on GET and POST and changes nothing', async () => {
      const victim = await reminded();
      const other = await reminded();
      for (const [label, path] of variants(victim, other)) {
        const shown = await app.http().get(path);
        const posted = await oneClick(path);
        expect({ label, get: shown.status, post: posted.status }).toEqual({
          label,
          get: 400,
          post: 400,
        });
        expect(posted.text).toContain(INVALID);
        expect(posted.headers['content-type']).toMatch(/^text\/html/);
      }
      expect(await userRow(victim.user.id)).toMatchObject({ reminderOptOut: false });
      expect(await userRow(other.user.id)).toMatchObject({ reminderOptOut: false });
      expect(unsubscribedEvents(victim.user.id)).toHaveLength(0);
    });

    it("a deleted user's link, or one sent to an address since changed, answers as a tampered one", async () => {
      const moved = await reminded();
      const gone = await reminded();
      const tampered = await oneClick(`${moved.path.slice(0, -1)}x`);
      await app.strapi.db
        .query(USER_UID)
        .update({ where: { id: moved.user.id }, data: { email: `moved-${moved.user.email}` } });
      await app.strapi.db.query(USER_UID).delete({ where: { id: gone.user.id } });

      for (const path of [moved.path, gone.path]) {
        const answer = await oneClick(path);
        expect(answer.status).toBe(400);
        expect(answer.text).toBe(tampered.text);
        expect((await app.http().get(path)).text).toBe(tampered.text);
      }
      expect(await userRow(moved.user.id)).toMatchObject({ reminderOptOut: false });
      expect(unsubscribedEvents(moved.user.id)).toHaveLength(0);
    });

    it('wrong links count toward the client address limit; working ones do not', async () => {
      const { path } = await reminded();
      const setting = 'plugin::user-communication.rateLimits.perIp';
      const previous = app.strapi.config.get(setting);
      app.strapi.config.set(setting, { max: 2, windowSeconds: 600 });
      try {
        const good = [];
        for (let i = 0; i < 3; i += 1) good.push((await app.http().get(path)).status);
        expect(good).toEqual([200, 200, 200]);
        const wrong = [];
        for (let i = 0; i < 3; i += 1) wrong.push((await oneClick(`${path}x`)).status);
        expect(wrong).toEqual([400, 400, 429]);
      } finally {
        app.strapi.config.set(setting, previous);
      }
    });

    it('a POST body other than List-Unsubscribe=One-Click is refused with 400 and changes nothing', async () => {
      const { user, path } = await reminded();
      const answer = await app.http().post(path).type('form').send('List-Unsubscribe=Everything');
      expect(answer.status).toBe(400);
      expect(answer.body.error.message).toMatch(/List-Unsubscribe/);
      expect(await userRow(user.id)).toMatchObject({ reminderOptOut: false });
    });
  });

  it('a no-login reminder carries List-Unsubscribe (its user’s signed link) and List-Unsubscribe-Post, and its footer links to the same URL', async () => {
    const first = await reminded();
    const second = await reminded();
    expect(first.link).toMatch(LINK);
    expect(headerOf(first.mail.raw, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    expect(first.mail.links).toContain(first.link);
    expect(first.mail.text).toContain(`Don't want these reminders? Unsubscribe: ${first.link}`);
    expect(second.link).not.toBe(first.link);

    // The message log shows that there was a link, not the link.
    const [row] = await app.strapi.db
      .query('plugin::user-communication.message')
      .findMany({ where: { userId: first.user.id, type: 'no-login-reminder' } });
    const logged = await app
      .http()
      .get(`/user-communication/messages/${row.id}`)
      .set('Authorization', admin.auth);
    expect(logged.status).toBe(200);
    const token = first.path.split('/').at(-1) as string;
    expect(JSON.stringify(logged.body)).not.toContain(token);
    expect(logged.body.text).toContain('/unsubscribe/[hidden]');
  });

  it('activation, password-reset, password-changed and test mail carry neither header', async () => {
    const input = newUserInput('unsub');
    const created = await app
      .http()
      .post('/content-manager/collection-types/plugin::users-permissions.user')
      .set('Authorization', admin.auth)
      .send({ username: input.username, email: input.email, role: await authenticatedRoleId(app) });
    expect(created.status).toBe(201);
    await settle(app);
    const activation = await app.mail.waitFor((mail) => mail.to.includes(input.email));

    const user = await createActiveUser(app);
    await app.http().post('/api/auth/forgot-password').send({ email: user.email });
    await settle(app);
    const reset = await mailTo(app, user.email, RESET_SUBJECT);
    const changed = await app
      .http()
      .post('/api/auth/reset-password')
      .send({
        code: resetTokenFrom(reset),
        password: 'Another-Passw0rd!',
        passwordConfirmation: 'Another-Passw0rd!',
      });
    expect(changed.status).toBe(200);
    await settle(app);
    const notice = await mailTo(app, user.email, CHANGED_SUBJECT);

    const test = await app
      .http()
      .post('/user-communication/templates/no-login-reminder/en/test-send')
      .set('Authorization', admin.auth);
    expect(test.status).toBe(202);
    await settle(app);
    const sample = await app.mail.waitFor((mail) => mail.to.includes(admin.email));

    for (const mail of [activation, reset, notice, sample]) {
      expect({
        subject: mail.subject,
        unsubscribe: headerOf(mail.raw, 'List-Unsubscribe'),
      }).toEqual({ subject: mail.subject, unsubscribe: null });
      expect(headerOf(mail.raw, 'List-Unsubscribe-Post')).toBeNull();
    }
  });

  it('a GET shows a confirm button and changes nothing (a mail scanner follows links)', async () => {
    const { user, path } = await reminded();
    for (let i = 0; i < 2; i += 1) {
      const page = await app.http().get(path);
      expect(page.status).toBe(200);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.headers['content-security-policy']).toContain("default-src 'none'");
      expect(page.headers['referrer-policy']).toBe('no-referrer');
      expect(page.headers['cache-control']).toBe('no-store');
      expect(page.text).toContain(`<form method="post" action="${path}">`);
      expect(page.text).toMatch(/<button type="submit"[^>]*>Unsubscribe<\/button>/);
      expect(page.text).not.toContain('<script');
    }
    expect(await userRow(user.id)).toMatchObject({ reminderOptOut: false, reminderOptOutAt: null });
    expect(unsubscribedEvents(user.id)).toHaveLength(0);
  });

  it('a one-click POST unsubscribes the user once (one event), and the next run skips them', async () => {
    const { user, path } = await reminded();
    const control = await reminded();
    app.clock.set(daysBefore(-1));
    const first = await oneClick(path);
    expect(first.status).toBe(200);
    expect(first.text).toContain(DONE);
    const row = await userRow(user.id);
    expect(row.reminderOptOut).toBe(true);
    expect(new Date(row.reminderOptOutAt).toISOString()).toBe(daysBefore(-1));
    expect(unsubscribedEvents(user.id)).toEqual([
      [
        UNSUBSCRIBED,
        expect.objectContaining({ user: { id: user.id, documentId: user.documentId } }),
      ],
    ]);

    const again = await oneClick(path);
    expect(again.status).toBe(200);
    expect(again.text).toContain('already unsubscribed');
    expect(new Date((await userRow(user.id)).reminderOptOutAt).toISOString()).toBe(daysBefore(-1));
    expect((await app.http().get(path)).text).toContain('already unsubscribed');
    expect(unsubscribedEvents(user.id)).toHaveLength(1);

    // A cycle later the control user is reminded again; the unsubscribed one is not.
    app.mail.clear();
    app.clock.set(daysBefore(-31));
    await app.strapi.plugin('user-communication').service('reminders').run('manual');
    await worker(app).tick();
    expect(app.mail.to(control.user.email)).toHaveLength(1);
    expect(app.mail.to(user.email)).toHaveLength(0);
  });

  describe.each(ISOLATIONS)('concurrent one-click POSTs (%s)', (isolation) => {
    inIsolation(() => app, isolation);

    it('ten concurrent one-click POSTs (a provider retrying, the user clicking) opt out once, with one event', async () => {
      const { user, path } = await reminded();
      const answers = await Promise.all(Array.from({ length: 10 }, () => oneClick(path)));
      expect(answers.map((answer) => answer.status)).toEqual(Array(10).fill(200));
      expect(answers.filter((answer) => answer.text.includes(DONE))).toHaveLength(1);
      expect(unsubscribedEvents(user.id)).toHaveLength(1);
    });
  });

  it("a multipart one-click POST, as some mailbox providers send it, and the confirm page's form post both work", async () => {
    const multipart = await reminded();
    const answer = await app.http().post(multipart.path).field('List-Unsubscribe', 'One-Click');
    expect(answer.status).toBe(200);
    expect(await userRow(multipart.user.id)).toMatchObject({ reminderOptOut: true });

    const form = await reminded();
    const empty = await app.http().post(form.path).type('form').send('');
    expect(empty.status).toBe(200);
    expect(empty.text).toContain(DONE);
    expect(await userRow(form.user.id)).toMatchObject({ reminderOptOut: true });
  });

  it('with DKIM configured, the reminder is signed and the signature covers both List-Unsubscribe headers', async () => {
    const { mail, path } = await reminded();
    const result = verifyDkim(mail.raw, dkim.publicKey);
    expect(result).toMatchObject({ valid: true, domain: 'example.com', selector: 'uc-test' });
    expect(result.signedHeaders).toEqual(
      expect.arrayContaining(['from', 'subject', 'list-unsubscribe', 'list-unsubscribe-post'])
    );
    // Signed means bound: another link in the header no longer verifies.
    const token = path.split('/').at(-1) as string;
    const other = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    const altered = mail.raw.replace(`unsubscribe/${token}`, `unsubscribe/${other}`);
    expect(verifyDkim(altered, dkim.publicKey).valid).toBe(false);
  });
});
