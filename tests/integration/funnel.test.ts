import { DAY_MS } from '@shared/contracts/account-status';
import { DROP_STEPS, FUNNEL_STEPS, type FunnelAnswer } from '@shared/contracts/funnel';
import { bootStrapi, type TestApp } from '../helpers/strapi';
import { createAdmin, createAdminRole, type AdminSession } from '../helpers/actors';
import { countQueries } from '../helpers/account-status';
import { activationMessage, funnelFromDatabase } from '../helpers/funnel';
import { seedUser } from '../helpers/users';

const USER_UID = 'plugin::users-permissions.user';
const NOW = '2026-03-01T12:00:00.000Z';
const now = Date.parse(NOW);
const daysAgo = (days: number) => new Date(now - days * DAY_MS).toISOString();
const PERIOD = { from: daysAgo(30), to: NOW };

describe('activation funnel', () => {
  let app: TestApp;
  let admin: AdminSession;

  const setUser = (id: number, data: Record<string, unknown>) =>
    app.strapi
      .plugin('user-communication')
      .service('user-state')
      .trusted(() => app.strapi.db.query(USER_UID).update({ where: { id }, data }));

  /** A user created `age` days ago, of `origin`, who got as far as `reached`. */
  const seedJourney = async (
    origin: string,
    age: number,
    reached:
      | 'created'
      | 'queued'
      | 'dead'
      | 'bounced'
      | 'delivered'
      | 'complained'
      | 'activated'
      | 'logged-in'
  ) => {
    const user = await seedUser(app, { createdAt: daysAgo(age) });
    await setUser(user.id, { origin });
    const sentAt = daysAgo(age - 0.1);
    switch (reached) {
      case 'created':
        break;
      case 'queued':
      case 'dead':
        await activationMessage(app, user.id, reached, null);
        break;
      case 'bounced':
      case 'complained':
        await activationMessage(app, user.id, reached, sentAt);
        break;
      default:
        // A first message that bounced, then one that went through.
        await activationMessage(app, user.id, 'bounced', sentAt);
        await activationMessage(app, user.id, 'sent', sentAt);
    }
    if (reached === 'activated' || reached === 'logged-in')
      await setUser(user.id, { activatedAt: daysAgo(age - 0.5) });
    if (reached === 'logged-in') await setUser(user.id, { lastLoginAt: daysAgo(age - 1) });
    return user.id;
  };

  beforeAll(async () => {
    app = await bootStrapi();
    app.clock.set(NOW);
    admin = await createAdmin(app);
    const journeys = [
      'created',
      'queued',
      'dead',
      'bounced',
      'delivered',
      'complained',
      'activated',
      'logged-in',
    ] as const;
    for (const [index, reached] of journeys.entries()) {
      await seedJourney('manual', 2 + index, reached);
      await seedJourney('excel', 10 + index, reached);
    }
    await seedJourney('integration', 5, 'logged-in');
    await seedJourney('integration', 6, 'activated');
    // SSO users get no activation e-mail: they stop at created.
    const sso = await seedJourney('sso', 4, 'created');
    await setUser(sso, { activatedAt: daysAgo(4), lastLoginAt: daysAgo(3) });
    // Outside the period: counted by neither the default nor a period that leaves them out.
    await seedJourney('manual', 45, 'logged-in');
    await seedJourney('excel', 60, 'delivered');
  });

  afterAll(async () => {
    app?.clock.reset();
    await app?.stop();
  });

  const get = (path: string, query: Record<string, string | number>) =>
    app.http().get(path).query(query).set('Authorization', admin.auth);

  const expectFigures = async (
    body: FunnelAnswer,
    period: { from: string; to: string; origin?: string }
  ) => {
    const truth = await funnelFromDatabase(app, period);
    const byOrigin = Object.fromEntries(
      body.byOrigin.map(({ origin, counts }) => [String(origin), counts])
    );
    expect(byOrigin).toEqual(
      Object.fromEntries([...truth.byOrigin].map(([origin, counts]) => [String(origin), counts]))
    );
    for (const step of FUNNEL_STEPS)
      expect({ step, count: body.total[step] }).toEqual({
        step,
        count: truth.reached[step].length,
      });
    return truth;
  };

  it('counts every step per origin as a direct count of the tables does', async () => {
    const response = await get('/user-communication/funnel', PERIOD);
    expect(response.status).toBe(200);
    const truth = await expectFigures(response.body, PERIOD);
    expect(response.body.total).toEqual({
      created: 19,
      'mail-sent': 12,
      delivered: 10,
      activated: 6,
      'first-login': 3,
    });
    expect(truth.byOrigin.get('sso')).toEqual({
      created: 1,
      'mail-sent': 0,
      delivered: 0,
      activated: 0,
      'first-login': 0,
    });
  });

  it('takes the last 30 days by default', async () => {
    const response = await get('/user-communication/funnel', {});
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ from: PERIOD.from, to: PERIOD.to });
    await expectFigures(response.body, PERIOD);
  });

  it('counts the users of one origin, over a chosen period', async () => {
    const period = { from: daysAgo(90), to: daysAgo(8), origin: 'excel' };
    const response = await get('/user-communication/funnel', period);
    expect(response.status).toBe(200);
    expect(response.body.byOrigin.map(({ origin }: { origin: string }) => origin)).toEqual([
      'excel',
    ]);
    await expectFigures(response.body, period);
  });

  it('counts in a fixed number of statements, whatever the number of users', async () => {
    const { queries } = await countQueries(app, () => get('/user-communication/funnel', PERIOD));
    expect(queries.filter((sql) => /up_users/.test(sql) && !/admin_/.test(sql))).toHaveLength(
      FUNNEL_STEPS.length
    );
  });

  it.each(DROP_STEPS)('lists the users behind the drop at %s, page by page', async (step) => {
    const truth = await funnelFromDatabase(app, PERIOD);
    const before = FUNNEL_STEPS[FUNNEL_STEPS.indexOf(step) - 1];
    const want = truth.reached[before].filter((id) => !truth.reached[step].includes(id));
    const listed: number[] = [];
    for (let page = 1; ; page += 1) {
      const response = await get('/user-communication/funnel/users', {
        ...PERIOD,
        step,
        page,
        pageSize: 2,
      });
      expect(response.status).toBe(200);
      expect(response.body.pagination.total).toBe(want.length);
      listed.push(...response.body.results.map(({ id }: { id: number }) => id));
      if (page >= response.body.pagination.pageCount) break;
    }
    expect(listed.sort((a, b) => a - b)).toEqual(want.sort((a, b) => a - b));
  });

  it('lists each user with their address and account status', async () => {
    const response = await get('/user-communication/funnel/users', {
      ...PERIOD,
      step: 'first-login',
    });
    expect(response.status).toBe(200);
    for (const user of response.body.results) {
      expect(user).toEqual({
        id: expect.any(Number),
        documentId: expect.any(String),
        email: expect.stringContaining('@'),
        username: expect.any(String),
        origin: expect.any(String),
        createdAt: expect.any(String),
        status: { status: 'never-logged-in' },
      });
    }
  });

  it('narrows the list to one account status', async () => {
    const all = await get('/user-communication/funnel/users', { ...PERIOD, pageSize: 100 });
    const sso = await get('/user-communication/funnel/users', { ...PERIOD, status: 'sso' });
    expect(sso.status).toBe(200);
    const want = all.body.results
      .filter(({ status }: { status: { status: string } }) => status.status === 'sso')
      .map(({ id }: { id: number }) => id);
    expect(sso.body.results.map(({ id }: { id: number }) => id)).toEqual(want);
    expect(want).toHaveLength(1);
  });

  it.each([
    ['/user-communication/funnel', { from: 'yesterday' }, /from must be an ISO 8601 date/],
    ['/user-communication/funnel', { from: NOW, to: daysAgo(1) }, /from must not be after to/],
    ['/user-communication/funnel', { origin: 'fax' }, /origin must be one of/],
    ['/user-communication/funnel', { page: 2 }, /Unknown parameter\(s\): page/],
    ['/user-communication/funnel/users', { step: 'created' }, /step must be one of/],
    ['/user-communication/funnel/users', { status: 'asleep' }, /status must be one of/],
    ['/user-communication/funnel/users', { pageSize: 500 }, /pageSize must be between 1 and 100/],
  ])('answers 400 to %s with %j', async (path, query, message) => {
    const response = await get(path, query);
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(message);
  });

  it('answers 403 without funnel.read, and lists no users to an admin who may not read them', async () => {
    const none = await createAdmin(app, { roleIds: [await createAdminRole(app)] });
    const figures = await app
      .http()
      .get('/user-communication/funnel')
      .set('Authorization', none.auth);
    expect(figures.status).toBe(403);

    const funnelOnly = await createAdmin(app, {
      roleIds: [await createAdminRole(app, ['plugin::user-communication.funnel.read'])],
    });
    const allowed = await app
      .http()
      .get('/user-communication/funnel')
      .set('Authorization', funnelOnly.auth);
    expect(allowed.status).toBe(200);
    const users = await app
      .http()
      .get('/user-communication/funnel/users')
      .set('Authorization', funnelOnly.auth);
    expect(users.status).toBe(403);
  });
});
