import { bootStrapi, type TestApp } from '../helpers/strapi';
import { inIsolation, ISOLATIONS } from '../helpers/database';
import {
  authenticatedRoleId,
  createAdmin,
  createApiToken,
  findUser,
  newUserInput,
  USER_PASSWORD,
  type AdminSession,
} from '../helpers/actors';
import {
  activationApi,
  activationMailTo,
  settleAndCount,
  tokenFromMail,
  USER_UID,
} from '../helpers/activation';

const CM_USERS = `/content-manager/collection-types/${USER_UID}`;
const NEW_PASSWORD = 'Chosen-Passw0rd!';

describe('activation', () => {
  let app: TestApp;
  let admin: AdminSession;
  let roleId: number;
  let api: ReturnType<typeof activationApi>;

  beforeAll(async () => {
    app = await bootStrapi();
    admin = await createAdmin(app);
    roleId = await authenticatedRoleId(app);
    api = activationApi(app);
  });

  afterAll(async () => {
    await app?.stop();
  });

  afterEach(() => app.clock.reset());

  const createInContentManager = async (input = newUserInput('cm')) => {
    const response = await app
      .http()
      .post(CM_USERS)
      .set('Authorization', admin.auth)
      .send({ username: input.username, email: input.email, role: roleId });
    expect(response.status).toBe(201);
    return { ...input, documentId: (response.body.data ?? response.body).documentId as string };
  };

  const setActivation = (activation: Record<string, unknown>) =>
    app
      .http()
      .put('/user-communication/settings')
      .set('Authorization', admin.auth)
      .send({ activation });

  describe('on creation', () => {
    it('lets an admin create a user with only e-mail, username and role, who activates by choosing a password', async () => {
      const input = await createInContentManager();
      const stored = await findUser(app, input.email);
      expect(stored).toMatchObject({
        origin: 'manual',
        confirmed: false,
        activatedAt: null,
        password: null,
      });

      const mail = await activationMailTo(app, input.email);
      expect(await settleAndCount(app, input.email)).toBe(1);
      const token = tokenFromMail(mail);
      expect(mail.links.find((link) => link.includes('#token='))).toMatch(
        /^http:\/\/localhost:1337\/user-communication\/activate#token=/
      );

      const verified = await api.verify({ token });
      expect(verified.status).toBe(200);
      expect(verified.body).toEqual({
        email: input.email,
        username: input.username,
        expiresAt: expect.any(String),
        hasPassword: false,
      });

      // Cannot log in before activating.
      expect(
        (
          await app
            .http()
            .post('/api/auth/local')
            .send({ identifier: input.email, password: USER_PASSWORD })
        ).status
      ).toBe(400);

      const completed = await api.complete({
        token,
        password: NEW_PASSWORD,
        passwordConfirmation: NEW_PASSWORD,
      });
      expect(completed.status).toBe(200);
      expect(completed.body).toEqual({ activated: true });
      expect(JSON.stringify(completed.body)).not.toMatch(/jwt/i);

      const activated = await findUser(app, input.email);
      expect(activated.confirmed).toBe(true);
      expect(activated.activatedAt).not.toBeNull();
      expect(activated.password).toMatch(/^\$2[aby]\$/);

      const login = await app
        .http()
        .post('/api/auth/local')
        .send({ identifier: input.email, password: NEW_PASSWORD });
      expect(login.status).toBe(200);
    });

    it('sends one activation e-mail to users created with an API token without a password', async () => {
      const token = await createApiToken(app);
      const input = newUserInput('api');
      const response = await app
        .http()
        .post('/api/users')
        .set('Authorization', `Bearer ${token}`)
        .send({ username: input.username, email: input.email, role: roleId });
      expect(response.status).toBe(201);
      await activationMailTo(app, input.email);
      expect(await settleAndCount(app, input.email)).toBe(1);
      expect((await findUser(app, input.email)).origin).toBe('integration');
    });

    it('sends one e-mail to self-registered users, also when users-permissions e-mail confirmation is on', async () => {
      const store = app.strapi.store({
        type: 'plugin',
        name: 'users-permissions',
        key: 'advanced',
      });
      const advanced = (await store.get({})) as Record<string, unknown>;
      await store.set({ value: { ...advanced, email_confirmation: true } });
      try {
        const input = newUserInput('self');
        expect((await app.http().post('/api/auth/local/register').send(input)).status).toBe(200);
        const mail = await activationMailTo(app, input.email);
        expect(await settleAndCount(app, input.email)).toBe(1);
        const verified = await api.verify({ token: tokenFromMail(mail) });
        expect(verified.body.hasPassword).toBe(true);
        // A user with a password only confirms.
        expect((await api.complete({ token: tokenFromMail(mail) })).status).toBe(200);
        expect((await findUser(app, input.email)).confirmed).toBe(true);
        expect(
          (
            await app
              .http()
              .post('/api/auth/local')
              .send({ identifier: input.email, password: USER_PASSWORD })
          ).status
        ).toBe(200);
      } finally {
        await store.set({ value: advanced });
      }
    });

    it('sends nothing to Excel-imported and SSO users', async () => {
      const state = app.strapi.plugin('user-communication').service('user-state');
      const excel = newUserInput('excel');
      await state.trusted(
        () => app.strapi.documents(USER_UID).create({ data: { ...excel, role: roleId } }),
        'excel'
      );
      const sso = newUserInput('sso');
      await app.strapi
        .documents(USER_UID)
        .create({ data: { ...sso, provider: 'github', role: roleId } });
      expect((await findUser(app, excel.email)).origin).toBe('excel');
      expect((await findUser(app, sso.email)).origin).toBe('sso');
      expect(await settleAndCount(app, excel.email)).toBe(0);
      expect(await settleAndCount(app, sso.email)).toBe(0);
    });

    it('sends nothing while activation is off', async () => {
      await setActivation({ enabled: false });
      try {
        const input = await createInContentManager(newUserInput('off'));
        expect(await settleAndCount(app, input.email)).toBe(0);
      } finally {
        await setActivation({ enabled: true });
      }
    });
  });

  describe('the link', () => {
    it('works until the configured lifetime ends, to the second', async () => {
      app.clock.set('2026-06-01T08:00:00Z');
      const input = await createInContentManager();
      const token = tokenFromMail(await activationMailTo(app, input.email));

      app.clock.set('2026-06-14T23:59:00Z');
      expect((await api.verify({ token })).status).toBe(200);
      app.clock.set('2026-06-15T08:00:00Z');
      expect((await api.verify({ token })).status).toBe(200);
      app.clock.set('2026-06-15T08:00:01Z');
      const expired = await api.verify({ token });
      expect(expired.status).toBe(400);
      expect(expired.body.error.name).toBe('ActivationLinkExpired');
      // An old link must not tell its holder the account's (perhaps changed) address.
      expect(JSON.stringify(expired.body)).not.toContain(input.email);
      expect(
        (await api.complete({ token, password: NEW_PASSWORD, passwordConfirmation: NEW_PASSWORD }))
          .body.error.name
      ).toBe('ActivationLinkExpired');
    });

    it('follows the configured lifetime', async () => {
      await setActivation({ linkLifetimeDays: 2 });
      try {
        app.clock.set('2026-07-01T00:00:00Z');
        const input = await createInContentManager();
        const token = tokenFromMail(await activationMailTo(app, input.email));
        app.clock.set('2026-07-03T00:00:01Z');
        expect((await api.verify({ token })).body.error.name).toBe('ActivationLinkExpired');
      } finally {
        await setActivation({ linkLifetimeDays: 14 });
      }
    });

    it('stops working once used, and after a resend', async () => {
      const input = await createInContentManager();
      const first = tokenFromMail(await activationMailTo(app, input.email));
      app.mail.clear();
      const resent = await app
        .http()
        .post('/user-communication/activation/resend')
        .set('Authorization', admin.auth)
        .send({ userIds: [input.documentId] });
      expect(resent.body.results).toEqual([{ id: input.documentId, status: 'queued' }]);
      const second = tokenFromMail(await activationMailTo(app, input.email));
      expect(second).not.toBe(first);
      expect((await api.verify({ token: first })).body.error.name).toBe('ActivationLinkExpired');

      expect(
        (
          await api.complete({
            token: second,
            password: NEW_PASSWORD,
            passwordConfirmation: NEW_PASSWORD,
          })
        ).status
      ).toBe(200);
      const reused = await api.complete({
        token: second,
        password: 'Another-Passw0rd!',
        passwordConfirmation: 'Another-Passw0rd!',
      });
      expect(reused.status).toBe(400);
      expect(reused.body.error.name).toBe('ActivationLinkUsed');
      expect(
        (
          await app
            .http()
            .post('/api/auth/local')
            .send({ identifier: input.email, password: NEW_PASSWORD })
        ).status
      ).toBe(200);
    });

    describe.each(ISOLATIONS)('of concurrent completions (%s)', (isolation) => {
      inIsolation(() => app, isolation);

      it('lets exactly one of two concurrent completions win', async () => {
        const input = await createInContentManager();
        const token = tokenFromMail(await activationMailTo(app, input.email));
        const attempts = await Promise.all(
          ['First-Passw0rd!', 'Second-Passw0rd!', 'Third-Passw0rd!'].map((password) =>
            api.complete({ token, password, passwordConfirmation: password })
          )
        );
        expect(attempts.filter((response) => response.status === 200)).toHaveLength(1);
        expect(
          attempts.filter((response) => response.body?.error?.name === 'ActivationLinkUsed')
        ).toHaveLength(2);
      });
    });

    it('is never consumed by opening it', async () => {
      const input = await createInContentManager();
      const token = tokenFromMail(await activationMailTo(app, input.email));
      for (let i = 0; i < 3; i += 1) expect((await api.verify({ token })).status).toBe(200);
      const page = await app.http().get('/user-communication/activate');
      expect(page.status).toBe(200);
      expect(
        (await api.complete({ token, password: NEW_PASSWORD, passwordConfirmation: NEW_PASSWORD }))
          .status
      ).toBe(200);
    });

    it.each([
      ['a missing token', {}, 'ValidationError'],
      ['an operator object (CVE-2019-18818)', { token: { $gt: 0 } }, 'ValidationError'],
      ['an array', { token: ['x'] }, 'ValidationError'],
      ['a wrong shape', { token: 'abc' }, 'ActivationLinkInvalid'],
      ['an unknown token', { token: 'A'.repeat(43) }, 'ActivationLinkInvalid'],
    ])('rejects %s with a 400', async (_label, body, name) => {
      const response = await api.verify(body);
      expect(response.status).toBe(400);
      expect(response.body.error.name).toBe(name);
      expect(JSON.stringify(response.body)).not.toMatch(/stack|at .*\.js/);
    });

    it('applies the password rules, naming the rule', async () => {
      const input = await createInContentManager();
      const token = tokenFromMail(await activationMailTo(app, input.email));
      const short = await api.complete({ token, password: 'short', passwordConfirmation: 'short' });
      expect(short.status).toBe(400);
      expect(short.body.error.message).toContain('at least 8 characters');
      const mismatch = await api.complete({
        token,
        password: NEW_PASSWORD,
        passwordConfirmation: 'Different-1!',
      });
      expect(mismatch.body.error.message).toContain('passwordConfirmation does not match');
      const long = 'é'.repeat(40);
      expect(
        (await api.complete({ token, password: long, passwordConfirmation: long })).body.error
          .message
      ).toContain('72 bytes');
      expect((await api.complete({ token })).body.error.message).toContain('password is required');
      // None of these used the link.
      expect((await api.verify({ token })).status).toBe(200);
    });
  });

  describe('renewal and resend', () => {
    it('answers the same for any address and sends only to users who may activate', async () => {
      const pending = await createInContentManager();
      await activationMailTo(app, pending.email);
      app.mail.clear();
      const unknown = await api.renew({ email: 'nobody-here@example.com' });
      const known = await api.renew({ email: pending.email });
      expect(known.status).toBe(200);
      expect(unknown.body).toEqual(known.body);
      expect(await settleAndCount(app, pending.email)).toBe(1);
    });

    it('resends only to users who have never logged in, and says why for the rest', async () => {
      const neverLoggedIn = await createInContentManager();
      const loggedIn = newUserInput('active');
      await app.http().post('/api/auth/local/register').send(loggedIn);
      await app
        .http()
        .post('/api/auth/local')
        .send({ identifier: loggedIn.email, password: USER_PASSWORD });
      const blocked = await createInContentManager();
      await app.strapi.db
        .query(USER_UID)
        .update({ where: { email: blocked.email }, data: { blocked: true } });
      const sso = newUserInput('sso2');
      await app.strapi
        .documents(USER_UID)
        .create({ data: { ...sso, provider: 'google', role: roleId } });
      const excel = newUserInput('excel2');
      await app.strapi
        .plugin('user-communication')
        .service('user-state')
        .trusted(
          () => app.strapi.documents(USER_UID).create({ data: { ...excel, role: roleId } }),
          'excel'
        );
      await app.strapi.plugin('user-communication').service('delivery-worker').tick();
      app.mail.clear();

      const ids = {
        neverLoggedIn: neverLoggedIn.documentId,
        loggedIn: (await findUser(app, loggedIn.email)).documentId,
        blocked: blocked.documentId,
        sso: (await findUser(app, sso.email)).documentId,
        excel: (await findUser(app, excel.email)).documentId,
      };
      const response = await app
        .http()
        .post('/user-communication/activation/resend')
        .set('Authorization', admin.auth)
        .send({ userIds: [...Object.values(ids), 'no-such-document'] });
      expect(response.status).toBe(200);
      expect(response.body.results).toEqual([
        { id: ids.neverLoggedIn, status: 'queued' },
        { id: ids.loggedIn, status: 'skipped', reason: 'has-logged-in' },
        { id: ids.blocked, status: 'skipped', reason: 'blocked' },
        { id: ids.sso, status: 'skipped', reason: 'sso' },
        { id: ids.excel, status: 'queued' },
        { id: 'no-such-document', status: 'skipped', reason: 'not-found' },
      ]);
      expect(await settleAndCount(app, neverLoggedIn.email)).toBe(1);
      expect(await settleAndCount(app, excel.email)).toBe(1);
      for (const email of [loggedIn.email, blocked.email, sso.email])
        expect(await settleAndCount(app, email)).toBe(0);
    });

    it('validates the resend body and requires the permission', async () => {
      const bad = await app
        .http()
        .post('/user-communication/activation/resend')
        .set('Authorization', admin.auth)
        .send({ userIds: [] });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toContain('userIds');
    });
  });

  describe('rate limits (kept in the database)', () => {
    it('answers 429 once an address has used up its requests, and resets with the window', async () => {
      const path = 'plugin::user-communication.rateLimits.perIp';
      const previous = app.strapi.config.get(path);
      app.strapi.config.set(path, { max: 3, windowSeconds: 60 });
      app.clock.set('2026-09-01T10:00:00Z');
      try {
        for (let i = 0; i < 3; i += 1)
          expect((await api.verify({ token: 'A'.repeat(43) })).status).toBe(400);
        const limited = await api.verify({ token: 'A'.repeat(43) });
        expect(limited.status).toBe(429);
        expect(limited.body.error.message).toContain('Too many requests');
        app.clock.advance({ seconds: 61 });
        expect((await api.verify({ token: 'A'.repeat(43) })).status).toBe(400);
      } finally {
        app.strapi.config.set(path, previous);
      }
    });

    it('stops sending renewals to one address after its limit, still answering the same', async () => {
      const pending = await createInContentManager();
      await activationMailTo(app, pending.email);
      app.mail.clear();
      app.clock.set('2026-09-02T10:00:00Z');
      const answers = [];
      for (let i = 0; i < 7; i += 1) answers.push((await api.renew({ email: pending.email })).body);
      expect(new Set(answers.map((answer) => JSON.stringify(answer))).size).toBe(1);
      expect(await settleAndCount(app, pending.email)).toBe(5);
    });
  });

  describe('the built-in page', () => {
    it('is served by Strapi with no-referrer and no caching', async () => {
      const page = await app.http().get('/user-communication/activate');
      expect(page.status).toBe(200);
      expect(page.headers['content-type']).toContain('text/html');
      expect(page.headers['referrer-policy']).toBe('no-referrer');
      expect(page.headers['cache-control']).toBe('no-store');
      expect(page.text).toContain('/user-communication/assets/account.js');
      expect((await app.http().get('/user-communication/assets/account.js')).status).toBe(200);
    });
  });

  describe('secrets', () => {
    it('never writes a token to the log', async () => {
      const lines: string[] = [];
      const log = app.strapi.log as unknown as Record<string, (...args: unknown[]) => unknown>;
      const originals = new Map<string, (...args: unknown[]) => unknown>();
      for (const level of ['error', 'warn', 'info', 'http', 'debug', 'verbose']) {
        originals.set(level, log[level]);
        log[level] = (...args: unknown[]) => {
          lines.push(
            args.map((arg) => (typeof arg === 'string' ? arg : JSON.stringify(arg))).join(' ')
          );
          return originals.get(level)?.apply(app.strapi.log, args);
        };
      }
      try {
        const input = await createInContentManager();
        const token = tokenFromMail(await activationMailTo(app, input.email));
        await api.verify({ token });
        await api.complete({ token, password: 'short', passwordConfirmation: 'short' });
        await api.complete({ token, password: NEW_PASSWORD, passwordConfirmation: NEW_PASSWORD });
        await api.complete({ token, password: NEW_PASSWORD, passwordConfirmation: NEW_PASSWORD });
        await app.http().get('/user-communication/activate');
        expect(lines.length).toBeGreaterThan(0);
        expect(lines.join('\n')).not.toContain(token);
      } finally {
        for (const [level, original] of originals) log[level] = original;
      }
    });

    it('never exposes tokens or digests through users, filters or populate', async () => {
      const input = await createInContentManager();
      await activationMailTo(app, input.email);
      for (const type of ['token', 'message', 'rate-limit', 'template', 'setting']) {
        for (const path of [
          `collection-types/plugin::user-communication.${type}`,
          `collection-types/plugin%3A%3Auser-communication.${type}?filters[digest][$notNull]=true`,
        ]) {
          const cm = await app
            .http()
            .get(`/content-manager/${path}`)
            .set('Authorization', admin.auth);
          expect(cm.status).toBe(404);
        }
      }
      const token = await createApiToken(app);
      for (const query of [
        'populate=*',
        'filters[digest][$notNull]=true',
        'filters[password][$notNull]=true',
      ]) {
        const response = await app
          .http()
          .get(`/api/users?${query}`)
          .set('Authorization', `Bearer ${token}`);
        expect(JSON.stringify(response.body)).not.toMatch(/[0-9a-f]{64}|"password":|\$2[aby]\$/);
      }
      const rows = await app.strapi.db.query('plugin::user-communication.token').findMany({});
      const digests: string[] = rows.map((row: { digest: string }) => row.digest);
      const everything = JSON.stringify(
        (await app.http().get('/user-communication/messages').set('Authorization', admin.auth)).body
      );
      for (const digest of digests) expect(everything).not.toContain(digest);
    });
  });
});
