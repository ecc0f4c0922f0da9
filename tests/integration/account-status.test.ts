import { ACCOUNT_STATUSES, DAY_MS, type AccountStatus } from '@shared/contracts/account-status';
import { bootStrapi, type TestApp } from '../helpers/strapi';
import { createAdmin, createAdminRole, type AdminSession } from '../helpers/actors';
import { countQueries, statusesFromDatabase } from '../helpers/account-status';
import { seedUser } from '../helpers/users';

const USER_UID = 'plugin::users-permissions.user';
const CM_USERS = `/content-manager/collection-types/${USER_UID}`;
const NOW = '2026-03-01T12:00:00.000Z';
const now = Date.parse(NOW);
const daysAgo = (days: number) => new Date(now - days * DAY_MS).toISOString();

/** The list's query string as the admin writes it (qs, indexed `$and`). */
const listFilters = (filters: Array<[string, string]>, extra = '') =>
  filters
    .map(
      ([field, value], index) =>
        `filters[$and][${index}][${field}][$eq]=${encodeURIComponent(value)}`
    )
    .join('&') + extra;

describe('account status', () => {
  let app: TestApp;
  let admin: AdminSession;
  const expected = new Map<number, { status: AccountStatus; days?: number }>();

  const tokens = () => app.strapi.plugin('user-communication').service('tokens');
  const setUser = (id: number, data: Record<string, unknown>) =>
    app.strapi
      .plugin('user-communication')
      .service('user-state')
      .trusted(() => app.strapi.db.query(USER_UID).update({ where: { id }, data }));

  const seed = async (
    status: AccountStatus,
    options: Parameters<typeof seedUser>[1],
    then?: (id: number) => Promise<unknown>,
    days?: number
  ) => {
    const user = await seedUser(app, options);
    await then?.(user.id);
    expected.set(user.id, days === undefined ? { status } : { status, days });
    return user.id;
  };

  beforeAll(async () => {
    app = await bootStrapi();
    app.clock.set(NOW);
    admin = await createAdmin(app);
    const created = daysAgo(60);
    await seed('blocked', { createdAt: created, blocked: true, lastLoginAt: daysAgo(1) });
    await seed('undeliverable', { createdAt: created }, (id) =>
      setUser(id, { emailStatus: 'undeliverable' })
    );
    await seed('undeliverable', { createdAt: created, lastLoginAt: daysAgo(2) }, (id) =>
      setUser(id, { emailStatus: 'complained' })
    );
    await seed('sso', { createdAt: created, activatedAt: created }, (id) =>
      setUser(id, { origin: 'sso' })
    );
    await seed('sso', { createdAt: created, lastLoginAt: daysAgo(90) }, (id) =>
      setUser(id, { origin: 'scim', provider: 'oidc' })
    );
    await seed('invited', { createdAt: created }, (id) =>
      tokens().issue(id, 'activation', { days: 14 })
    );
    // Activated, never logged in, and sent a new link by an admin: the link is waiting.
    await seed('invited', { createdAt: created, activatedAt: daysAgo(30) }, (id) =>
      tokens().issue(id, 'activation', { days: 14 })
    );
    await seed('link-expired', { createdAt: created }, (id) =>
      tokens().issue(id, 'activation', { days: -1 })
    );
    // The link was revoked (an address change) and none was sent since.
    await seed('link-expired', { createdAt: created }, async (id) => {
      await tokens().issue(id, 'activation', { days: 14 });
      await tokens().revoke(id);
    });
    await seed('never-logged-in', { createdAt: created });
    await seed('never-logged-in', { createdAt: created, activatedAt: daysAgo(3) }, (id) =>
      tokens().issue(id, 'activation', { days: -10 })
    );
    await seed('inactive', { createdAt: created, lastLoginAt: daysAgo(30) }, undefined, 30);
    await seed('inactive', { createdAt: created, lastLoginAt: daysAgo(45.5) }, undefined, 45);
    await seed('active', { createdAt: created, lastLoginAt: daysAgo(29) });
    await seed('active', { createdAt: created, lastLoginAt: daysAgo(0.1) }, (id) =>
      setUser(id, { blocked: null, emailStatus: null })
    );
  });

  afterAll(async () => {
    app?.clock.reset();
    await app?.stop();
  });

  const statusOf = (ids: number[]) =>
    app
      .http()
      .get('/user-communication/users/status')
      .query({ ids: ids.join(',') })
      .set('Authorization', admin.auth);

  it('seeds a user in every status', () => {
    const seeded = new Set([...expected.values()].map(({ status }) => status));
    expect([...seeded].sort()).toEqual([...ACCOUNT_STATUSES].sort());
  });

  it("answers each user's status, as the rule gives it from a direct read of the tables", async () => {
    const ids = [...expected.keys()];
    const response = await statusOf(ids);
    expect(response.status).toBe(200);
    const fromDatabase = await statusesFromDatabase(app, { now, inactiveAfterDays: 30 });
    for (const id of ids) {
      expect({ id, ...response.body[String(id)] }).toEqual({ id, ...expected.get(id) });
      expect(response.body[String(id)]).toEqual(fromDatabase.get(id));
    }
  });

  it('leaves out ids of users that do not exist', async () => {
    const [id] = expected.keys();
    const response = await statusOf([id, 999999]);
    expect(response.status).toBe(200);
    expect(Object.keys(response.body)).toEqual([String(id)]);
  });

  it('reads a page of users in one statement, whatever its size', async () => {
    const ids = [...expected.keys()];
    const small = await countQueries(app, () => statusOf(ids.slice(0, 2)));
    const large = await countQueries(app, () => statusOf(ids));
    const userReads = (queries: string[]) =>
      queries.filter((sql) => /up_users/.test(sql) && !/admin_/.test(sql));
    expect(userReads(small.queries)).toHaveLength(1);
    expect(userReads(large.queries)).toHaveLength(1);
    expect(large.queries.length).toBe(small.queries.length);
  });

  it('counts inactivity from the no-login reminder interval in the settings', async () => {
    const settings = app.strapi.plugin('user-communication').service('settings');
    await settings.update({ noLoginReminder: { intervalDays: 60 } });
    try {
      const inactive = [...expected].filter(([, { status }]) => status === 'inactive');
      const response = await statusOf(inactive.map(([id]) => id));
      for (const [id] of inactive) expect(response.body[String(id)]).toEqual({ status: 'active' });
    } finally {
      await settings.update({ noLoginReminder: { intervalDays: 30 } });
    }
  });

  it.each(ACCOUNT_STATUSES)(
    "filters the Content Manager's list of users by status %s",
    async (status) => {
      const response = await app
        .http()
        .get(CM_USERS)
        .query(listFilters([['accountStatus', status]], '&pageSize=100'))
        .set('Authorization', admin.auth);
      expect(response.status).toBe(200);
      const fromDatabase = await statusesFromDatabase(app, { now, inactiveAfterDays: 30 });
      const want = [...fromDatabase]
        .filter(([, of]) => of.status === status)
        .map(([id]) => id)
        .sort((a, b) => a - b);
      const got = (response.body.results as Array<{ id: number }>)
        .map(({ id }) => id)
        .sort((a, b) => a - b);
      expect(got).toEqual(want);
      expect(response.body.pagination.total).toBe(want.length);
    }
  );

  it("keeps the list's other filters next to the status filter", async () => {
    const response = await app
      .http()
      .get(CM_USERS)
      .query(
        listFilters([
          ['accountStatus', 'undeliverable'],
          ['emailStatus', 'complained'],
        ])
      )
      .set('Authorization', admin.auth);
    expect(response.status).toBe(200);
    expect(response.body.pagination.total).toBe(1);
  });

  it('refuses an unknown status in the list filter with a 400', async () => {
    const response = await app
      .http()
      .get(CM_USERS)
      .query(listFilters([['accountStatus', 'sleeping']]))
      .set('Authorization', admin.auth);
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(/accountStatus must be one of/);
  });

  it.each([
    [{}, /ids is required/],
    [{ ids: 'abc' }, /ids must be user ids separated by commas/],
    [{ ids: '1,,2' }, /ids must be user ids separated by commas/],
    [{ ids: Array.from({ length: 101 }, (_, index) => index + 1).join(',') }, /at most 100/],
    [{ ids: '1', sort: 'id' }, /Unknown parameter\(s\): sort/],
  ])('answers 400 to the query %j', async (query, message) => {
    const response = await app
      .http()
      .get('/user-communication/users/status')
      .query(query)
      .set('Authorization', admin.auth);
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(message);
  });

  it('answers 403 to an admin who may not read users in the Content Manager', async () => {
    const other = await createAdmin(app, { roleIds: [await createAdminRole(app)] });
    const response = await app
      .http()
      .get('/user-communication/users/status')
      .query({ ids: '1' })
      .set('Authorization', other.auth);
    expect(response.status).toBe(403);
  });

  it('answers only for the users an admin may read, when their read right has conditions', async () => {
    const roleId = await createAdminRole(app);
    await app.strapi.service('admin::role').assignPermissions(roleId, [
      {
        action: 'plugin::content-manager.explorer.read',
        subject: USER_UID,
        properties: { fields: ['username', 'email'] },
        // "Is creator": the seeded users were written by the Query Engine, without a creator.
        conditions: ['admin::is-creator'],
      },
    ]);
    const limited = await createAdmin(app, { roleIds: [roleId] });
    const ids = [...expected.keys()];
    const response = await app
      .http()
      .get('/user-communication/users/status')
      .query({ ids: ids.join(',') })
      .set('Authorization', limited.auth);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({});
  });
});
