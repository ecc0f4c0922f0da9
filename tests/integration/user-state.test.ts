import { bootStrapi, type TestApp } from '../helpers/strapi';
import {
  authenticatedRoleId,
  createAdmin,
  createApiToken,
  findUser,
  newUserInput,
  USER_PASSWORD,
  type AdminSession,
} from '../helpers/actors';

const USER_UID = 'plugin::users-permissions.user';
const CM_USERS = `/content-manager/collection-types/${USER_UID}`;

describe('user state: origin and last login', () => {
  let app: TestApp;
  let admin: AdminSession;
  let roleId: number;

  beforeAll(async () => {
    app = await bootStrapi();
    admin = await createAdmin(app);
    roleId = await authenticatedRoleId(app);
  });

  afterAll(async () => {
    await app?.stop();
  });

  it('adds origin, lastLoginAt, activatedAt and mustChangePassword to the user', () => {
    const { attributes } = app.strapi.contentType(USER_UID);
    expect(attributes.origin).toMatchObject({
      type: 'enumeration',
      enum: ['manual', 'integration', 'excel', 'sso', 'self-registration', 'scim'],
    });
    expect(attributes.lastLoginAt).toMatchObject({ type: 'datetime' });
    expect(attributes.activatedAt).toMatchObject({ type: 'datetime' });
    expect(attributes.mustChangePassword).toMatchObject({ type: 'boolean', default: false });
  });

  it('marks users created by an admin in the Content Manager as manual, whatever the form says', async () => {
    const input = newUserInput('cm');
    const response = await app
      .http()
      .post(CM_USERS)
      .set('Authorization', admin.auth)
      .send({
        ...input,
        role: roleId,
        origin: 'excel',
        lastLoginAt: '2020-01-01T00:00:00.000Z',
        mustChangePassword: true,
      });
    expect(response.status).toBe(201);
    const user = await findUser(app, input.email);
    expect(user).toMatchObject({ origin: 'manual', lastLoginAt: null, mustChangePassword: false });
  });

  it('marks users created with an API token over the content API as integration', async () => {
    const token = await createApiToken(app);
    const input = newUserInput('api');
    const response = await app
      .http()
      .post('/api/users')
      .set('Authorization', `Bearer ${token}`)
      .send({ ...input, role: roleId, origin: 'sso' });
    expect(response.status).toBe(201);
    expect((await findUser(app, input.email)).origin).toBe('integration');
  });

  it('marks self-registered users as self-registration', async () => {
    const input = newUserInput('self');
    const response = await app.http().post('/api/auth/local/register').send(input);
    expect(response.status).toBe(200);
    expect((await findUser(app, input.email)).origin).toBe('self-registration');
  });

  it('rejects a client trying to pick its own origin at registration', async () => {
    const response = await app
      .http()
      .post('/api/auth/local/register')
      .send({ ...newUserInput('sneaky'), origin: 'excel' });
    expect(response.status).toBe(400);
  });

  it('marks users created through a users-permissions provider as sso and active', async () => {
    const registry = app.strapi.plugin('users-permissions').service('providers-registry');
    const email = `${newUserInput('sso').username}@example.com`;
    registry.add('fakeidp', {
      enabled: true,
      icon: '',
      grantConfig: {
        enabled: true,
        key: 'k',
        secret: 's',
        callback: '/api/auth/fakeidp/callback',
        scope: [],
      },
      async authCallback() {
        return { username: email.split('@')[0], email };
      },
    });
    const grantStore = app.strapi.store({
      type: 'plugin',
      name: 'users-permissions',
      key: 'grant',
    });
    const grant = ((await grantStore.get({})) ?? {}) as Record<string, unknown>;
    await grantStore.set({
      value: {
        ...grant,
        fakeidp: {
          enabled: true,
          key: 'k',
          secret: 's',
          callback: '/api/auth/fakeidp/callback',
          scope: [],
        },
      },
    });
    app.clock.set('2026-03-01T08:00:00.000Z');
    try {
      await app.strapi
        .plugin('users-permissions')
        .service('providers')
        .connect('fakeidp', { access_token: 'opaque' });
    } finally {
      app.clock.reset();
    }
    const user = await findUser(app, email);
    expect(user.origin).toBe('sso');
    expect(new Date(user.activatedAt).toISOString()).toBe('2026-03-01T08:00:00.000Z');
  });

  it('records lastLoginAt from the plugin clock on every successful local login', async () => {
    const input = newUserInput('login');
    await app.http().post('/api/auth/local/register').send(input);
    expect((await findUser(app, input.email)).lastLoginAt).toBeNull();

    app.clock.set('2026-05-04T06:30:00.000Z');
    try {
      const first = await app
        .http()
        .post('/api/auth/local')
        .send({ identifier: input.email, password: USER_PASSWORD });
      expect(first.status).toBe(200);
      expect(new Date((await findUser(app, input.email)).lastLoginAt).toISOString()).toBe(
        '2026-05-04T06:30:00.000Z'
      );

      app.clock.advance({ days: 3 });
      await app
        .http()
        .post('/api/auth/local')
        .send({ identifier: input.username, password: USER_PASSWORD });
      expect(new Date((await findUser(app, input.email)).lastLoginAt).toISOString()).toBe(
        '2026-05-07T06:30:00.000Z'
      );
    } finally {
      app.clock.reset();
    }
  });

  it('a first login between a reset reading the user and setting the password: activated once, announced once', async () => {
    const input = newUserInput('login-race');
    await app.http().post('/api/auth/local/register').send(input);
    const stale = await findUser(app, input.email);
    expect(stale.activatedAt).toBeNull();
    const plugin = app.strapi.plugin('user-communication');
    const announced = jest.spyOn(plugin.service('events'), 'users');
    try {
      await plugin.service('user-state').recordLogin(stale.id);
      const activatedAt = (await findUser(app, input.email)).activatedAt;
      // The reset's transaction, with the user as it read it before the login.
      await app.strapi.db.transaction(() =>
        plugin.service('passwords').apply(stale, `${USER_PASSWORD}x`, {
          mustChange: false,
          notify: false,
          provesMailbox: true,
        })
      );
      const activations = announced.mock.calls.filter(
        ([event]) => event === 'user-communication.user.activated'
      );
      expect(activations).toHaveLength(1);
      expect(activations[0][1]).toEqual([{ id: stale.id, detail: { via: 'login' } }]);
      expect((await findUser(app, input.email)).activatedAt).toEqual(activatedAt);
    } finally {
      announced.mockRestore();
    }
  });

  it('leaves lastLoginAt alone on a failed login', async () => {
    const input = newUserInput('failed');
    await app.http().post('/api/auth/local/register').send(input);
    const response = await app
      .http()
      .post('/api/auth/local')
      .send({ identifier: input.email, password: 'wrong-password' });
    expect(response.status).toBe(400);
    expect((await findUser(app, input.email)).lastLoginAt).toBeNull();
  });

  it('does not let an admin edit the server-derived fields through the Content Manager', async () => {
    const input = newUserInput('edit');
    const created = await app
      .http()
      .post(CM_USERS)
      .set('Authorization', admin.auth)
      .send({ ...input, role: roleId });
    const documentId = (created.body.data ?? created.body).documentId as string;
    const response = await app
      .http()
      .put(`${CM_USERS}/${documentId}`)
      .set('Authorization', admin.auth)
      .send({
        origin: 'excel',
        lastLoginAt: '2020-01-01T00:00:00.000Z',
        blocked: true,
        emailStatus: 'complained',
        softBounceCount: 7,
        reminderOptOut: true,
      });
    expect(response.status).toBe(200);
    expect(await findUser(app, input.email)).toMatchObject({
      origin: 'manual',
      lastLoginAt: null,
      blocked: true,
      emailStatus: 'ok',
      softBounceCount: 0,
      reminderOptOut: false,
    });
  });

  it('shows the fields read-only in the Content Manager edit view', async () => {
    const response = await app
      .http()
      .get(`/content-manager/content-types/${USER_UID}/configuration`)
      .set('Authorization', admin.auth);
    expect(response.status).toBe(200);
    const { metadatas } = response.body.data.contentType;
    for (const field of ['origin', 'lastLoginAt', 'activatedAt', 'mustChangePassword']) {
      expect(metadatas[field].edit).toMatchObject({ editable: false, visible: true });
    }
  });

  it('lets the admin filter the user list by origin and last login', async () => {
    const byOrigin = await app
      .http()
      .get(CM_USERS)
      .query({ 'filters[$and][0][origin][$eq]': 'self-registration', pageSize: 100 })
      .set('Authorization', admin.auth);
    expect(byOrigin.status).toBe(200);
    expect(byOrigin.body.results.length).toBeGreaterThan(0);
    expect(
      byOrigin.body.results.every((user: { origin: string }) => user.origin === 'self-registration')
    ).toBe(true);

    const neverLoggedIn = await app
      .http()
      .get(CM_USERS)
      .query({ 'filters[$and][0][lastLoginAt][$null]': 'true', pageSize: 100 })
      .set('Authorization', admin.auth);
    expect(neverLoggedIn.status).toBe(200);
    expect(
      neverLoggedIn.body.results.every(
        (user: { lastLoginAt: string | null }) => user.lastLoginAt === null
      )
    ).toBe(true);
  });
});
