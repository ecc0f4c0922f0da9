import { bootStrapi, type TestApp } from '../helpers/strapi';
import { createAdmin, createAdminRole, type AdminSession } from '../helpers/actors';

const DEFAULTS = {
  activation: { enabled: true, linkLifetimeDays: 14, locked: false },
  passwordReset: { enabled: true, linkLifetimeMinutes: 60, locked: true },
  noLoginReminder: { enabled: false, intervalDays: 30, hourUtc: 6, locked: false },
};

describe('settings API', () => {
  let app: TestApp;
  let admin: AdminSession;

  beforeAll(async () => {
    app = await bootStrapi();
    admin = await createAdmin(app);
  });

  afterAll(async () => {
    await app?.stop();
  });

  const get = () => app.http().get('/user-communication/settings').set('Authorization', admin.auth);
  const put = (body: unknown, session = admin) =>
    app
      .http()
      .put('/user-communication/settings')
      .set('Authorization', session.auth)
      .send(body as object);

  it('returns the product defaults on a fresh install', async () => {
    const response = await get();
    expect(response.status).toBe(200);
    expect(response.body).toEqual(DEFAULTS);
  });

  it('requires an authenticated admin', async () => {
    const response = await app.http().get('/user-communication/settings');
    expect(response.status).toBe(401);
  });

  it('updates settings and keeps them in the database', async () => {
    const response = await put({
      activation: { enabled: false, linkLifetimeDays: 7 },
      noLoginReminder: { enabled: true, intervalDays: 10, hourUtc: 8 },
    });
    expect(response.status).toBe(200);
    expect(response.body.activation).toEqual({
      enabled: false,
      linkLifetimeDays: 7,
      locked: false,
    });
    expect(response.body.noLoginReminder).toEqual({
      enabled: true,
      intervalDays: 10,
      hourUtc: 8,
      locked: false,
    });

    const rows = await app.strapi.db.query('plugin::user-communication.setting').findMany({});
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      activationEnabled: false,
      activationLinkLifetimeDays: 7,
      noLoginReminderHourUtc: 8,
    });
    expect((await get()).body.activation.linkLifetimeDays).toBe(7);
  });

  it('accepts back the shape it returns, locked flags included', async () => {
    const current = (await get()).body;
    const response = await put(current);
    expect(response.status).toBe(200);
    expect(response.body).toEqual(current);
  });

  it('refuses to turn off a locked communication and saves nothing', async () => {
    const before = (await get()).body;
    const response = await put({
      passwordReset: { enabled: false },
      activation: { linkLifetimeDays: 30 },
    });
    expect(response.status).toBe(400);
    expect(response.body.error.name).toBe('ValidationError');
    expect(response.body.error.message).toContain('passwordReset.enabled');
    expect(JSON.stringify(response.body)).not.toMatch(/at .*\.js:\d+/);
    expect((await get()).body).toEqual(before);
  });

  it.each([
    ['activation.linkLifetimeDays', { activation: { linkLifetimeDays: 0 } }],
    ['activation.linkLifetimeDays', { activation: { linkLifetimeDays: 91 } }],
    ['passwordReset.linkLifetimeMinutes', { passwordReset: { linkLifetimeMinutes: 4 } }],
    ['passwordReset.linkLifetimeMinutes', { passwordReset: { linkLifetimeMinutes: 1441 } }],
    ['noLoginReminder.intervalDays', { noLoginReminder: { intervalDays: 366 } }],
    ['noLoginReminder.hourUtc', { noLoginReminder: { hourUtc: 24 } }],
    ['noLoginReminder.hourUtc', { noLoginReminder: { hourUtc: -1 } }],
    ['noLoginReminder.intervalDays', { noLoginReminder: { intervalDays: 1.5 } }],
    ['activation.linkLifetimeDays', { activation: { linkLifetimeDays: '14' } }],
    ['activation.enabled', { activation: { enabled: 'yes' } }],
  ])('rejects an out-of-range or mistyped %s with a 400 naming it', async (field, body) => {
    const before = (await get()).body;
    const response = await put(body);
    expect(response.status).toBe(400);
    expect(response.body.error.name).toBe('ValidationError');
    expect(response.body.error.message).toContain(field);
    expect((await get()).body).toEqual(before);
  });

  it('rejects unknown fields', async () => {
    const response = await put({ activation: { enabled: true, sendTwice: true } });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain('sendTwice');
  });

  it('forbids admins whose role lacks the permission', async () => {
    const nobody = await createAdmin(app, { roleIds: [await createAdminRole(app)] });
    expect(
      (await app.http().get('/user-communication/settings').set('Authorization', nobody.auth))
        .status
    ).toBe(403);
    expect((await put({ activation: { enabled: true } }, nobody)).status).toBe(403);
  });

  it('lets a role read without updating when granted only settings.read', async () => {
    const reader = await createAdmin(app, {
      roleIds: [await createAdminRole(app, ['plugin::user-communication.settings.read'])],
    });
    expect(
      (await app.http().get('/user-communication/settings').set('Authorization', reader.auth))
        .status
    ).toBe(200);
    expect((await put({ activation: { enabled: true } }, reader)).status).toBe(403);
  });

  it('tells admins who may read the settings where SCIM provisioning connects', async () => {
    const scim = (session: AdminSession) =>
      app.http().get('/user-communication/settings/scim').set('Authorization', session.auth);
    const answer = await scim(admin);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      baseUrl: 'http://localhost:1337/api/user-communication/scim/v2',
      activation: 'sso',
      provider: 'oidc',
    });
    const nobody = await createAdmin(app, { roleIds: [await createAdminRole(app)] });
    expect((await scim(nobody)).status).toBe(403);
  });

  it('registers its RBAC actions so roles can be granted them', async () => {
    const actions = app.strapi.service('admin::permission').actionProvider.values() as Array<{
      actionId: string;
    }>;
    const ids = actions.map((action) => action.actionId);
    expect(ids).toEqual(
      expect.arrayContaining([
        'plugin::user-communication.settings.read',
        'plugin::user-communication.settings.update',
      ])
    );
  });
});
