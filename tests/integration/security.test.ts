/**
 * Production trust, played from outside: each attack of the security review as a client, an
 * admin of a narrow role or a reader of a database copy would try it, and what stops it.
 */
import type { ReceivedMail } from '../helpers/smtp';
import { bootStrapi, type TestApp } from '../helpers/strapi';
import {
  authenticatedRoleId,
  createAdmin,
  createAdminRole,
  newUserInput,
  type AdminSession,
} from '../helpers/actors';
import { activationApi, USER_UID } from '../helpers/activation';
import { databaseText, tablesHolding } from '../helpers/database-dump';
import { createActiveUser } from '../helpers/passwords';
import { worker } from '../helpers/outbox';
import { seedUser } from '../helpers/users';

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
    app = await bootStrapi();
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

  const deliver = async () => {
    // Detached work (renewals, reset requests) starts after up to 200 ms of random delay.
    await new Promise((resolve) => setTimeout(resolve, 400));
    await worker(app).tick();
  };

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
      // One message a relay refuses for good, so that it can be retried.
      app.mail.failNext({ code: 550, message: 'mailbox unavailable' });
      await deliver();
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
});
