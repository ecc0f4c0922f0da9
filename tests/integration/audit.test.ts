import type { Response } from 'supertest';
import { bootStrapi, type TestApp } from '../helpers/strapi';
import {
  authenticatedRoleId,
  createAdmin,
  createAdminRole,
  type AdminSession,
} from '../helpers/actors';
import { databaseText, tablesHolding } from '../helpers/database-dump';
import { enqueueTest, messageCount, waitForStatus, worker } from '../helpers/outbox';
import { createActiveUser } from '../helpers/passwords';
import { seedUser } from '../helpers/users';

const AUDIT_UID = 'plugin::user-communication.audit-event';
const AUDIT_READ = 'plugin::user-communication.audit.read';
// What Koa reports for a supertest client on loopback, over IPv4 or IPv6.
const LOOPBACK = /^(::ffff:)?127\.0\.0\.1$|^::1$/;

interface Row {
  id: number;
  action: string;
  actorId: number | null;
  actorEmail: string | null;
  userId: number | null;
  details: Record<string, unknown>;
  ip: string | null;
  createdAt: string;
}

describe('audit trail', () => {
  let app: TestApp;
  let admin: AdminSession;

  beforeAll(async () => {
    app = await bootStrapi();
    admin = await createAdmin(app);
  });

  afterAll(async () => {
    await app?.stop();
  });

  afterEach(() => app.clock.reset());

  const api = (method: 'get' | 'post' | 'put' | 'delete', url: string, session = admin) =>
    app.http()[method](`/user-communication${url}`).set('Authorization', session.auth);

  const lastId = async () => {
    const [last] = (await app.strapi.db
      .query(AUDIT_UID)
      .findMany({ select: ['id'], orderBy: { id: 'desc' }, limit: 1 })) as Array<{ id: number }>;
    return last?.id ?? 0;
  };

  /** Runs an exchange and answers its response and the audit rows written meanwhile, oldest first. */
  const recorded = async (exchange: () => Promise<Response>) => {
    const since = await lastId();
    const response = await exchange();
    const rows = (await app.strapi.db.query(AUDIT_UID).findMany({
      where: { id: { $gt: since } },
      orderBy: { id: 'asc' },
    })) as Row[];
    return { response, rows };
  };

  const byAdmin = (session: AdminSession = admin) => ({
    actorId: session.id,
    actorEmail: session.email,
    ip: expect.stringMatching(LOOPBACK),
  });

  /** The exchange answered `status` and wrote exactly one row: this one, by `admin`. */
  const expectOneRow = (
    { response, rows }: { response: Response; rows: Row[] },
    status: number,
    row: Pick<Row, 'action' | 'userId' | 'details'>
  ) => {
    expect(response.status).toBe(status);
    expect(rows).toEqual([expect.objectContaining({ ...row, ...byAdmin() })]);
  };

  describe('each admin action writes its rows', () => {
    it('activation.resend: one row per user asked for, with what happened to each', async () => {
      const pending = await seedUser(app, { createdAt: '2026-01-01T00:00:00Z' });
      const loggedIn = await seedUser(app, {
        createdAt: '2026-01-01T00:00:00Z',
        lastLoginAt: '2026-01-02T00:00:00Z',
      });
      const { response, rows } = await recorded(() =>
        api('post', '/activation/resend').send({
          userIds: [String(pending.id), String(loggedIn.id), 'no-such-user'],
        })
      );
      expect(response.status).toBe(200);
      expect(rows).toEqual([
        expect.objectContaining({
          action: 'activation.resend',
          userId: pending.id,
          details: { status: 'queued' },
          ...byAdmin(),
        }),
        expect.objectContaining({
          action: 'activation.resend',
          userId: loggedIn.id,
          details: { status: 'skipped', reason: 'has-logged-in' },
        }),
        expect.objectContaining({
          action: 'activation.resend',
          userId: null,
          details: { status: 'skipped', reason: 'not-found', key: 'no-such-user' },
        }),
      ]);
    });

    it('users.reset-password: one row naming the user by numeric id, though asked by documentId', async () => {
      const user = await createActiveUser(app);
      const exchange = await recorded(() =>
        api('post', `/users/${user.documentId}/reset-password`).send({})
      );
      expectOneRow(exchange, 202, { action: 'users.reset-password', userId: user.id, details: {} });
    });

    it('users.set-password: oneTime and whether it was generated, never the password', async () => {
      const user = await createActiveUser(app);
      const typed = await recorded(() =>
        api('post', `/users/${user.documentId}/password`).send({
          password: 'Typed-One-Time-Passw0rd',
          oneTime: true,
        })
      );
      expectOneRow(typed, 200, {
        action: 'users.set-password',
        userId: user.id,
        details: { oneTime: true, generated: false },
      });

      const generated = await recorded(() =>
        api('post', `/users/${user.id}/password`).send({ generate: true, oneTime: false })
      );
      const password = generated.response.body.password as string;
      expect(password.length).toBeGreaterThanOrEqual(20);
      expectOneRow(generated, 200, {
        action: 'users.set-password',
        userId: user.id,
        details: { oneTime: false, generated: true },
      });

      const trail = await api('get', `/audit?userId=${user.id}`);
      const dump = await databaseText(app);
      for (const secret of [password, 'Typed-One-Time-Passw0rd']) {
        expect(JSON.stringify(trail.body)).not.toContain(secret);
        expect(tablesHolding(dump, secret)).toEqual([]);
      }
    });

    it('users.set-password: a password typed into the Content Manager form is recorded too', async () => {
      const user = await createActiveUser(app);
      const edited = await recorded(() =>
        app
          .http()
          .put(
            `/content-manager/collection-types/plugin::users-permissions.user/${user.documentId}`
          )
          .set('Authorization', admin.auth)
          .send({ password: 'Typed-In-The-Form-Passw0rd' })
      );
      expectOneRow(edited, 200, {
        action: 'users.set-password',
        userId: user.id,
        details: { oneTime: false, generated: false, via: 'content-manager' },
      });
      // And into the form that creates a user.
      const roleId = await authenticatedRoleId(app);
      const created = await recorded(() =>
        app
          .http()
          .post('/content-manager/collection-types/plugin::users-permissions.user')
          .set('Authorization', admin.auth)
          .send({
            username: `${user.username}-second`,
            email: `second-${user.email}`,
            password: 'Typed-In-The-Form-Passw0rd',
            role: roleId,
          })
      );
      expect(created.response.status).toBe(201);
      expect(created.rows).toEqual([
        expect.objectContaining({
          action: 'users.set-password',
          userId: created.response.body.id,
          details: { oneTime: false, generated: false, via: 'content-manager' },
          ...byAdmin(),
        }),
      ]);
      // Other edits of the user write nothing.
      const renamed = await recorded(() =>
        app
          .http()
          .put(
            `/content-manager/collection-types/plugin::users-permissions.user/${user.documentId}`
          )
          .set('Authorization', admin.auth)
          .send({ username: `${user.username}-renamed` })
      );
      expect(renamed.response.status).toBe(200);
      expect(renamed.rows).toEqual([]);
    });

    it('imports.commit: one row with the import and its counts', async () => {
      const csv = 'email,locale\naudit-import-1@example.com,en\naudit-import-2@example.com,da\n';
      const preview = await api('post', '/imports').attach(
        'file',
        Buffer.from(csv),
        'audit-import.csv'
      );
      expect(preview.status).toBe(200);
      const importId = preview.body.id as number;
      const exchange = await recorded(() => api('post', `/imports/${importId}/commit`).send({}));
      expectOneRow(exchange, 200, {
        action: 'imports.commit',
        userId: null,
        details: {
          importId,
          created: 2,
          updated: 0,
          skipped: 0,
          failed: 0,
          alreadyCommitted: false,
        },
      });
    });

    it('settings.update: one row with each changed field, old → new', async () => {
      const exchange = await recorded(() =>
        api('put', '/settings').send({
          activation: { enabled: true, linkLifetimeDays: 7 },
          noLoginReminder: { hourUtc: 9 },
        })
      );
      expectOneRow(exchange, 200, {
        action: 'settings.update',
        userId: null,
        details: {
          changes: [
            { field: 'activation.linkLifetimeDays', from: 14, to: 7 },
            { field: 'noLoginReminder.hourUtc', from: 6, to: 9 },
          ],
        },
      });
      await api('put', '/settings').send({
        activation: { linkLifetimeDays: 14 },
        noLoginReminder: { hourUtc: 6 },
      });
    });

    it('templates.update: a save and a reset to the default, one row each', async () => {
      const { response, rows } = await recorded(async () => {
        await api('put', '/templates/activation/da').send({
          subject: 'Velkommen {{ username }}',
          html: '<p><a href="{{ link }}">Aktiver</a></p>',
          text: '{{ link }}',
        });
        return api('delete', '/templates/activation/da');
      });
      expect(response.status).toBe(200);
      expect(rows).toEqual([
        expect.objectContaining({
          action: 'templates.update',
          userId: null,
          details: { type: 'activation', locale: 'da', change: 'saved' },
          ...byAdmin(),
        }),
        expect.objectContaining({
          action: 'templates.update',
          details: { type: 'activation', locale: 'da', change: 'reset' },
        }),
      ]);
    });

    it('reminders.run: one row with the outcome', async () => {
      app.clock.set('2026-04-01T12:00:00Z');
      expectOneRow(await recorded(() => api('post', '/reminders/run')), 200, {
        action: 'reminders.run',
        userId: null,
        details: { runDate: '2026-04-01', status: 'disabled', reminded: 0 },
      });
    });

    it('messages.retry: one row with the message, under the user it was for', async () => {
      // The refusal below must meet this test's message, not one the earlier tests queued.
      await worker(app).tick();
      while ((await messageCount(app, { status: { $in: ['queued', 'sending'] } })) > 0)
        await worker(app).tick();
      app.mail.failNext({ code: 550, message: 'Mailbox unavailable' });
      const { id } = await enqueueTest(app, { userId: 4242, recipient: 'audit-dead@example.com' });
      await worker(app).tick();
      await waitForStatus(app, id, 'dead');
      expectOneRow(await recorded(() => api('post', `/messages/${id}/retry`)), 202, {
        action: 'messages.retry',
        userId: 4242,
        details: { messageId: id },
      });
    });

    it('stamps each row with the plugin clock', async () => {
      app.clock.set('2026-05-04T03:02:01Z');
      const user = await createActiveUser(app);
      const { rows } = await recorded(() =>
        api('post', `/users/${user.id}/reset-password`).send({})
      );
      expect(new Date(rows[0].createdAt).toISOString()).toBe('2026-05-04T03:02:01.000Z');
    });
  });

  it('writes nothing for a refused or failed action', async () => {
    const user = await createActiveUser(app);
    const reader = await createAdmin(app, { roleIds: [await createAdminRole(app, [AUDIT_READ])] });
    const { rows } = await recorded(async () => {
      const attempts = [
        api('post', `/users/${user.id}/password`).send({
          password: 'Mistyped-Passw0rd-1',
          passwordConfirmation: 'Mistyped-Passw0rd-2',
        }),
        api('post', '/users/999999/password').send({ generate: true }),
        api('post', '/users/999999/reset-password').send({}),
        api('post', `/users/${user.id}/password`, reader).send({ generate: true }),
        api('post', '/activation/resend').send({ userIds: [] }),
        api('post', '/imports/999999/commit').send({}),
        api('put', '/settings').send({ activation: { linkLifetimeDays: 0 } }),
        api('put', '/templates/activation/en').send({ subject: 'Hi {{ password }}' }),
        api('delete', '/templates/activation/xx-invalid'),
        api('post', '/reminders/run', reader),
        api('post', '/messages/999999/retry'),
      ];
      const statuses: number[] = [];
      for (const attempt of attempts) statuses.push((await attempt).status);
      expect(statuses.every((status) => status >= 400 && status < 500)).toBe(true);
      return api('get', '/audit');
    });
    expect(rows).toEqual([]);
  });

  it('keeps the answer of an action whose row cannot be written, and logs that it was not', async () => {
    const user = await createActiveUser(app);
    const service = app.strapi.plugin('user-communication').service('audit');
    const { record } = service;
    const { error } = app.strapi.log;
    const logged: string[] = [];
    service.record = async () => {
      throw new Error('disk full while writing secret-ish values');
    };
    app.strapi.log.error = ((message: unknown) => logged.push(String(message))) as never;
    try {
      const answer = await api('post', `/users/${user.id}/password`).send({ generate: true });
      // The password is set: the admin must still see it to pass it on.
      expect(answer.status).toBe(200);
      expect(answer.body.password).toEqual(expect.any(String));
    } finally {
      service.record = record;
      app.strapi.log.error = error;
    }
    expect(logged).toEqual([
      `[user-communication] audit row of users.set-password by admin ${admin.id} not written: Error`,
    ]);
  });

  describe('GET /user-communication/audit', () => {
    let first: AdminSession;
    let second: AdminSession;
    let userA: { id: number };
    let userB: { id: number };

    beforeAll(async () => {
      first = await createAdmin(app);
      second = await createAdmin(app);
      userA = await createActiveUser(app);
      userB = await createActiveUser(app);
      const at = async (instant: string, exchange: () => Promise<Response>) => {
        app.clock.set(instant);
        expect((await exchange()).status).toBeLessThan(300);
      };
      await at('2030-01-01T10:00:00Z', () =>
        api('post', `/users/${userA.id}/reset-password`, first).send({})
      );
      await at('2030-01-02T10:00:00Z', () =>
        api('post', `/users/${userA.id}/password`, second).send({ generate: true })
      );
      await at('2030-01-03T10:00:00Z', () =>
        api('post', `/users/${userB.id}/reset-password`, second).send({})
      );
      app.clock.reset();
    });

    const list = async (query: string, session = admin) => {
      const response = await api('get', `/audit?${query}`, session);
      expect(response.status).toBe(200);
      return response.body as {
        results: Row[];
        pagination: { page: number; pageSize: number; total: number; pageCount: number };
      };
    };

    it('answers the contract shape, newest first, paged', async () => {
      const page = await list(`actorId=${second.id}&pageSize=1`);
      expect(page.pagination).toEqual({ page: 1, pageSize: 1, total: 2, pageCount: 2 });
      expect(page.results).toEqual([
        {
          id: expect.any(Number),
          action: 'users.reset-password',
          actorId: second.id,
          actorEmail: second.email,
          userId: userB.id,
          details: {},
          ip: expect.stringMatching(LOOPBACK),
          createdAt: expect.stringMatching(/^2030-01-03T10:00:00(\.000)?Z$/),
        },
      ]);
      const next = await list(`actorId=${second.id}&pageSize=1&page=2`);
      expect(next.results.map((row) => row.action)).toEqual(['users.set-password']);
    });

    it('filters by action, user, admin and date', async () => {
      const actions = (page: { results: Row[] }) => page.results.map((row) => row.action);
      expect(actions(await list(`userId=${userA.id}`))).toEqual([
        'users.set-password',
        'users.reset-password',
      ]);
      expect(actions(await list(`userId=${userA.id}&action=users.reset-password`))).toEqual([
        'users.reset-password',
      ]);
      expect((await list(`actorId=${first.id}`)).results.map((row) => row.userId)).toEqual([
        userA.id,
      ]);
      const range = await list('from=2030-01-02T00:00:00Z&to=2030-01-02T23:59:59Z');
      expect(range.results.map((row) => [row.action, row.userId])).toEqual([
        ['users.set-password', userA.id],
      ]);
      expect((await list('from=2030-01-02T00:00:00Z')).pagination.total).toBe(2);
    });

    it('refuses unknown or malformed parameters with a 400 naming them', async () => {
      for (const [query, named] of [
        ['filters[action][$eq]=x', 'filters'],
        ['sort=ip', 'sort'],
        ['populate=*', 'populate'],
        ['action=users.delete', 'action'],
        ['userId=abc', 'userId'],
        ['actorId=0', 'actorId'],
        ['pageSize=101', 'pageSize'],
        ['from=yesterday', 'from'],
      ] as const) {
        const response = await api('get', `/audit?${query}`);
        expect({ query, status: response.status }).toEqual({ query, status: 400 });
        expect(response.body.error.message).toContain(named);
      }
    });

    it('needs audit.read', async () => {
      const nobody = await createAdmin(app, { roleIds: [await createAdminRole(app)] });
      expect((await api('get', '/audit', nobody)).status).toBe(403);
      const support = await createAdmin(app, {
        roleIds: [await createAdminRole(app, ['plugin::user-communication.messages.read'])],
      });
      expect((await api('get', '/audit', support)).status).toBe(403);
      const auditor = await createAdmin(app, {
        roleIds: [await createAdminRole(app, [AUDIT_READ])],
      });
      expect((await list(`userId=${userA.id}`, auditor)).pagination.total).toBe(2);
    });

    it('offers no way to change or delete a row', async () => {
      const before = (await app.strapi.db.query(AUDIT_UID).findMany({})) as Row[];
      const [row] = before;
      const attempts = [
        api('put', `/audit/${row.id}`).send({ actorEmail: 'someone-else@example.com' }),
        api('delete', `/audit/${row.id}`),
        api('post', '/audit').send({ action: 'settings.update' }),
        api('delete', '/audit'),
        app
          .http()
          .put(`/content-manager/collection-types/${AUDIT_UID}/${row.id}`)
          .set('Authorization', admin.auth)
          .send({ actorEmail: 'someone-else@example.com' }),
        app
          .http()
          .delete(`/content-manager/collection-types/${AUDIT_UID}/${row.id}`)
          .set('Authorization', admin.auth),
        app
          .http()
          .post(`/content-manager/collection-types/${AUDIT_UID}/actions/bulkDelete`)
          .set('Authorization', admin.auth)
          .send({ documentIds: before.map((each) => each.id) }),
        app.http().delete(`/api/user-communication/audit/${row.id}`),
      ];
      for (const attempt of attempts) expect([404, 405]).toContain((await attempt).status);
      expect(await app.strapi.db.query(AUDIT_UID).findMany({})).toEqual(before);
    });
  });
});
