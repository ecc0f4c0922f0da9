import { bootStrapi, type TestApp } from '../helpers/strapi';
import {
  createAdmin,
  createApiToken,
  findUser,
  newUserInput,
  type AdminSession,
} from '../helpers/actors';
import {
  ENTRA_ACCESS_TOKEN_LENGTH,
  OIDC_CLIENT_ID,
  OIDC_CLIENT_SECRET,
  TestIdentityProvider,
} from '../helpers/identity-provider';
import { settle } from '../helpers/outbox';
import { createActiveUser } from '../helpers/passwords';
import { signInAs, signInWithOidc, type SsoAttempt } from '../helpers/sso';

const USER_UID = 'plugin::users-permissions.user';
const LOG_LEVELS = ['error', 'warn', 'info', 'http', 'verbose', 'debug'] as const;

describe('single sign-on with an OpenID Connect provider, over HTTP', () => {
  let idp: TestIdentityProvider;
  let app: TestApp;
  let admin: AdminSession;

  const newEmail = () => newUserInput('sso').email;
  const grantStore = () =>
    app.strapi.store({ type: 'plugin', name: 'users-permissions', key: 'grant' });
  const grantEntry = async () =>
    ((await grantStore().get({})) as Record<string, Record<string, unknown>>).oidc;

  beforeAll(async () => {
    idp = new TestIdentityProvider();
    await idp.start();
    // users-permissions' own rate limits on, as in production: see "behind one address" below.
    app = await bootStrapi({
      // Written as an operator might: the list's case and spaces do not matter.
      env: { ...idp.env(), UP_RATELIMIT_ENABLED: 'true', OIDC_ALLOWED_DOMAINS: ' Example.COM, ' },
    });
    admin = await createAdmin(app);
  });

  afterAll(async () => {
    await app?.stop();
    await idp?.stop();
  });

  afterEach(() => app.clock.reset());

  describe('while the provider is unreachable', () => {
    /**
     * jose fetches the key set again for a key id it has not seen, but not within 30 seconds of
     * its last fetch (its cooldown, by the real clock): the test moves that clock past it, a bit
     * further each time, since a fetch made with the clock moved is dated with it.
     */
    let keyClockOffset = 0;
    const afterKeyCooldown = async <T>(run: () => Promise<T>): Promise<T> => {
      keyClockOffset += 31_000;
      const offset = keyClockOffset;
      const realNow = Date.now.bind(Date);
      const spy = jest.spyOn(Date, 'now').mockImplementation(() => realNow() + offset);
      try {
        return await run();
      } finally {
        spy.mockRestore();
      }
    };

    it('sign-in answers 503 with the reason, and works once the provider is back', async () => {
      // Whatever ran before: the discovery document is read again after a day.
      app.clock.set(app.clock.now().plus({ days: 2 }));
      const port = idp.port;
      await idp.stop();
      try {
        const refused = await app.http().get('/api/connect/oidc');
        expect(refused.status).toBe(503);
        expect(refused.body.error).toMatchObject({
          name: 'IdentityProviderUnavailable',
          message: expect.stringMatching(/could not be reached/),
        });
      } finally {
        await idp.start(port);
      }
      expect((await signInAs(app, idp, newEmail())).result.status).toBe(200);
    });

    it("answers 503, not 400, when the issuer's signing keys cannot be read, and signs in once they can", async () => {
      const email = newEmail();
      // A key id the app has not seen makes it fetch the keys again: the provider is down then.
      await idp.issueNext(idp.claimsFor(email, app.clock.now().toJSDate()), {
        foreignKey: true,
        kid: 'not-seen-yet',
      });
      const port = idp.port;
      const attempt = await afterKeyCooldown(() =>
        signInWithOidc(app, { beforeLogin: () => idp.stop() })
      ).finally(() => idp.start(port));
      expect(attempt.result.status).toBe(503);
      expect(attempt.result.body.error).toMatchObject({
        name: 'IdentityProviderUnavailable',
        message: expect.stringMatching(/signing keys could not be read/),
      });
      expect(await findUser(app, email)).toBeNull();
      expect((await signInAs(app, idp, email)).result.status).toBe(200);
    });

    it('accepts an ID token signed with a key the issuer published after the app read its keys (rotation), without a restart', async () => {
      const kid = await idp.rotateKey();
      const { result } = await afterKeyCooldown(() => signInAs(app, idp, newEmail()));
      const idToken = idp.issuedTokens.at(-2) as string;
      expect(JSON.parse(Buffer.from(idToken.split('.')[0], 'base64url').toString()).kid).toBe(kid);
      expect(result.status).toBe(200);
    });
  });

  describe('signing in', () => {
    it('takes a new user from /api/connect/oidc through the provider to a JWT, as an active sso account without an activation e-mail', async () => {
      const email = newEmail();
      const { authorize, landing, result } = await signInAs(app, idp, email);

      expect(`${authorize.origin}${authorize.pathname}`).toBe(`${idp.issuer}/authorize`);
      expect(Object.fromEntries(authorize.searchParams)).toMatchObject({
        client_id: OIDC_CLIENT_ID,
        response_type: 'code',
        redirect_uri: 'http://localhost:1337/api/connect/oidc/callback',
        scope: 'openid email profile',
        state: expect.stringMatching(/^[0-9a-f]{40}$/),
        nonce: expect.stringMatching(/^[\w-]{22}$/),
      });
      expect(landing.toString()).toBe('http://localhost:1337/api/auth/oidc/callback');

      expect(result.status).toBe(200);
      expect(result.body.user.email).toBe(email);
      const me = await app
        .http()
        .get('/api/users/me')
        .set('Authorization', `Bearer ${result.body.jwt}`);
      expect(me.status).toBe(200);
      expect(me.body.email).toBe(email);

      const user = await findUser(app, email);
      expect(user).toMatchObject({ provider: 'oidc', origin: 'sso', confirmed: true });
      expect(user.activatedAt).not.toBeNull();
      expect(user.password).toBeNull();
      await settle(app);
      expect(app.mail.to(email)).toHaveLength(0);
    });

    it('keeps the session cookie under the 4,096 bytes browsers store, with an Entra-sized access token', async () => {
      const email = newEmail();
      const { returned, result } = await signInAs(app, idp, email);
      expect(idp.issuedTokens.at(-1)).toHaveLength(ENTRA_ACCESS_TOKEN_LENGTH);
      const cookies = ([] as string[]).concat(returned.headers['set-cookie'] ?? []);
      expect(cookies.length).toBeGreaterThan(0);
      // RFC 6265 §6.1: at least 4,096 bytes per cookie, name, value and attributes together.
      for (const cookie of cookies) expect(Buffer.byteLength(cookie)).toBeLessThan(4096);
      expect(result.status).toBe(200);
    });

    it('moves lastLoginAt on every sign-in, by the plugin clock, and keeps one account', async () => {
      const email = newEmail();
      app.clock.set('2026-03-02T08:00:00.000Z');
      expect((await signInAs(app, idp, email)).result.status).toBe(200);
      expect(new Date((await findUser(app, email)).lastLoginAt).toISOString()).toBe(
        '2026-03-02T08:00:00.000Z'
      );

      app.clock.set('2026-03-09T17:30:00.000Z');
      expect((await signInAs(app, idp, email)).result.status).toBe(200);
      expect(new Date((await findUser(app, email)).lastLoginAt).toISOString()).toBe(
        '2026-03-09T17:30:00.000Z'
      );
      expect(await app.strapi.db.query(USER_UID).count({ where: { email } })).toBe(1);
    });

    it("logs in once per answer of the provider: the session's provider answer is spent", async () => {
      const email = newEmail();
      const { landing, result, browser } = await signInAs(app, idp, email);
      expect(result.status).toBe(200);
      const replay = await browser.get(landing.pathname);
      expect(replay.status).toBe(400);
      expect(replay.body.jwt).toBeUndefined();
    });

    it('refuses the session cookie saved before the login, replayed: one answer of the provider gives one login', async () => {
      const { returned, landing, result } = await signInAs(app, idp, newEmail());
      expect(result.status).toBe(200);
      const saved = ([] as string[])
        .concat(returned.headers['set-cookie'] ?? [])
        .map((cookie) => cookie.split(';')[0])
        .join('; ');
      for (let i = 0; i < 2; i += 1) {
        const replay = await app.http().get(landing.pathname).set('Cookie', saved);
        expect(replay.status).toBe(400);
        expect(replay.body.error.message).toMatch(/already been used/);
        expect(replay.body.jwt).toBeUndefined();
      }
    });

    it("stores the provider's subject at the first sign-in, privately, and refuses a later sign-in whose subject differs", async () => {
      const email = newEmail();
      const first = await signInAs(app, idp, email);
      expect(first.result.status).toBe(200);
      expect(first.result.body.user).not.toHaveProperty('ssoSubject');
      expect((await findUser(app, email)).ssoSubject).toBe(`sub-${email}`);
      const me = await app
        .http()
        .get('/api/users/me')
        .set('Authorization', `Bearer ${first.result.body.jwt}`);
      expect(me.body).not.toHaveProperty('ssoSubject');

      // The provider gave the address to someone else (a new employee, a recycled mailbox).
      const other = await signInAs(app, idp, email, (claims) => ({ ...claims, sub: 'other' }));
      expect(other.result.status).toBe(400);
      expect(other.result.body.error.message).toMatch(/another person at the identity provider/);
      expect(other.result.body.jwt).toBeUndefined();
      expect((await findUser(app, email)).ssoSubject).toBe(`sub-${email}`);
    });

    it('keeps the subject out of reach of the Content Manager: an admin cannot rebind an account', async () => {
      const email = newEmail();
      expect((await signInAs(app, idp, email)).result.status).toBe(200);
      const user = await findUser(app, email);
      const edited = await app
        .http()
        .put(`/content-manager/collection-types/${USER_UID}/${user.documentId}`)
        .set('Authorization', admin.auth)
        .send({ ssoSubject: 'someone-else' });
      expect(edited.status).toBe(200);
      expect((await findUser(app, email)).ssoSubject).toBe(`sub-${email}`);
    });

    it('binds an account that has no subject yet (created before subjects were kept) at its next sign-in', async () => {
      const email = newEmail();
      expect((await signInAs(app, idp, email)).result.status).toBe(200);
      await app.strapi.db.query(USER_UID).update({ where: { email }, data: { ssoSubject: null } });
      expect((await signInAs(app, idp, email)).result.status).toBe(200);
      expect((await findUser(app, email)).ssoSubject).toBe(`sub-${email}`);
    });

    it('lets twelve people behind one address sign in one after another (no per-address cap on success)', async () => {
      const statuses = [];
      for (let i = 0; i < 12; i += 1)
        statuses.push((await signInAs(app, idp, newEmail())).result.status);
      expect(statuses).toEqual(Array(12).fill(200));
    });

    it('matches e-mail addresses without regard to case, as users-permissions stores them', async () => {
      const email = newEmail();
      expect((await signInAs(app, idp, email.toUpperCase())).result.status).toBe(200);
      expect((await signInAs(app, idp, email)).result.status).toBe(200);
      expect(await app.strapi.db.query(USER_UID).count({ where: { email } })).toBe(1);
      // The username is the address's local part, lowercased as the address is.
      expect((await findUser(app, email)).username).toBe(email.split('@')[0]);
    });
  });

  describe('refusals: no JWT and no account', () => {
    const expectRefused = async (attempt: SsoAttempt, email: string, reason: RegExp) => {
      expect(attempt.result.status).toBe(400);
      expect(attempt.result.body.error.message).toMatch(reason);
      expect(attempt.result.body.jwt).toBeUndefined();
      // A reason a person can act on, and nothing of the server's insides.
      expect(JSON.stringify(attempt.result.body)).not.toMatch(/\bat .+:\d+:\d+|stack/);
      expect(await findUser(app, email)).toBeNull();
    };

    it('refuses an ID token signed with a key the provider does not publish (a forgery)', async () => {
      const email = newEmail();
      await idp.issueNext(idp.claimsFor(email, app.clock.now().toJSDate()), { foreignKey: true });
      await expectRefused(await signInWithOidc(app), email, /signature/);
    });

    it('refuses an expired ID token', async () => {
      const email = newEmail();
      const attempt = await signInAs(app, idp, email, (claims) => ({
        ...claims,
        iat: Number(claims.iat) - 3600,
        exp: Number(claims.iat) - 600,
      }));
      await expectRefused(attempt, email, /expired/);
    });

    it('refuses an ID token issued by the provider for another client', async () => {
      const email = newEmail();
      const attempt = await signInAs(app, idp, email, (claims) => ({
        ...claims,
        aud: 'another-application',
      }));
      await expectRefused(attempt, email, /another client/);
    });

    it('refuses an ID token that names another issuer', async () => {
      const email = newEmail();
      const attempt = await signInAs(app, idp, email, (claims) => ({
        ...claims,
        iss: 'https://login.example.net',
      }));
      await expectRefused(attempt, email, /another issuer/);
    });

    it('refuses an e-mail address the provider has not verified', async () => {
      const email = newEmail();
      const attempt = await signInAs(app, idp, email, (claims) => ({
        ...claims,
        email_verified: false,
      }));
      await expectRefused(attempt, email, /not verified/);
    });

    it('refuses a way back whose state is not the one this browser was given', async () => {
      const email = newEmail();
      await idp.issueNext(idp.claimsFor(email, app.clock.now().toJSDate()));
      const attempt = await signInWithOidc(app, {
        alterReturn: (url) => url.searchParams.set('state', 'f'.repeat(40)),
      });
      await expectRefused(attempt, email, /state/);
    });

    it('refuses a way back that arrives in another browser than the one that started (login CSRF)', async () => {
      const email = newEmail();
      await idp.issueNext(idp.claimsFor(email, app.clock.now().toJSDate()));
      await expectRefused(await signInWithOidc(app, { otherBrowser: true }), email, /state/);
    });

    it("refuses an ID token whose nonce is not the one this browser's sign-in sent", async () => {
      const email = newEmail();
      const attempt = await signInAs(app, idp, email, (claims) => ({ ...claims, nonce: 'x' }));
      await expectRefused(attempt, email, /not issued for this sign-in/);
    });

    it('refuses an ID token without a nonce', async () => {
      const email = newEmail();
      const attempt = await signInAs(app, idp, email, (claims) => ({
        ...claims,
        nonce: undefined,
      }));
      await expectRefused(attempt, email, /not issued for this sign-in/);
    });

    it("refuses an authorization code injected into another browser's sign-in", async () => {
      const victim = newEmail();
      // The victim's browser goes to the provider; the attacker takes the code from its way back.
      const start = await app.http().get('/api/connect/oidc');
      const atProvider = await fetch(start.headers.location as string, { redirect: 'manual' });
      const stolen = new URL(atProvider.headers.get('location') as string).searchParams.get('code');
      await idp.issueNext(idp.claimsFor(victim, app.clock.now().toJSDate()));
      const attempt = await signInWithOidc(app, {
        alterReturn: (url) => url.searchParams.set('code', stolen as string),
      });
      await expectRefused(attempt, victim, /not issued for this sign-in/);
    });

    it('refuses an address outside the allowed domains (OIDC_ALLOWED_DOMAINS), and creates no account', async () => {
      for (const email of ['someone@elsewhere.org', 'someone@example.com.evil.org']) {
        const attempt = await signInAs(app, idp, email);
        await expectRefused(attempt, email, /domain elsewhere\.org|domain example\.com\.evil\.org/);
        expect(attempt.result.body.error.message).toMatch(/not allowed to sign in/);
      }
    });

    it('refuses local self-registration with an address of an allowed domain while SSO is on', async () => {
      const register = (email: string) =>
        app
          .http()
          .post('/api/auth/local/register')
          .send({ username: email.split('@')[0], email, password: 'Brand-New-Passw0rd!' });
      const squatter = newEmail();
      const refused = await register(squatter.toUpperCase());
      expect(refused.status).toBe(400);
      expect(refused.body.error.message).toMatch(/sign in with single sign-on/);
      expect(await findUser(app, squatter)).toBeNull();
      const outside = `outside-${Date.now()}@elsewhere.org`;
      expect((await register(outside)).status).toBe(200);
      expect(await findUser(app, outside)).not.toBeNull();
    });

    it('does not hand a password account to whoever signs in with its address: no linking', async () => {
      const local = await createActiveUser(app);
      const attempt = await signInAs(app, idp, local.email);
      expect(attempt.result.status).toBe(400);
      expect(attempt.result.body.error.message).toMatch(/already taken/);
      expect(attempt.result.body.jwt).toBeUndefined();
      const users = await app.strapi.db
        .query(USER_UID)
        .findMany({ where: { email: local.email }, select: ['provider', 'origin'] });
      expect(users).toEqual([{ provider: 'local', origin: null }]);
    });

    it('writes no token and no client secret to the logs', async () => {
      const spies = LOG_LEVELS.map((level) => jest.spyOn(app.strapi.log, level));
      try {
        const good = await signInAs(app, idp, newEmail());
        expect(good.result.status).toBe(200);
        await signInAs(app, idp, newEmail(), (claims) => ({ ...claims, aud: 'other' }));
        const logged = JSON.stringify(spies.flatMap((spy) => spy.mock.calls));
        const code = good.back.searchParams.get('code') as string;
        expect(code).toBeTruthy();
        for (const secret of [...idp.issuedTokens, good.result.body.jwt, OIDC_CLIENT_SECRET, code])
          expect(logged).not.toContain(secret);
      } finally {
        spies.forEach((spy) => spy.mockRestore());
      }
    });
  });

  describe('rate limits on the way back from the provider', () => {
    const PER_IP = 'plugin::user-communication.rateLimits.perIp';
    let previous: unknown;
    beforeEach(() => {
      previous = app.strapi.config.get(PER_IP);
      app.strapi.config.set(PER_IP, { max: 3, windowSeconds: 60 });
    });
    afterEach(() => app.strapi.config.set(PER_IP, previous));

    it('counts a way back that users-permissions turns into a redirect with error=, and answers 429 over the limit', async () => {
      app.clock.set('2026-10-01T10:00:00.000Z');
      const forged = () =>
        app.http().get(`/api/connect/oidc/callback?code=stolen&state=${'f'.repeat(40)}`);
      for (let i = 0; i < 3; i += 1) {
        const refused = await forged();
        expect(refused.status).toBe(302);
        expect(new URL(refused.headers.location as string).searchParams.get('error')).toBe(
          'oauth_error'
        );
      }
      expect((await forged()).status).toBe(429);
    });

    it('counts refused logins at /api/auth/oidc/callback, and answers 429 over the limit', async () => {
      app.clock.set('2026-10-02T10:00:00.000Z');
      const statuses = [];
      for (let i = 0; i < 4; i += 1)
        statuses.push((await app.http().get('/api/auth/oidc/callback')).status);
      expect(statuses).toEqual([400, 400, 400, 429]);
    });

    it('does not count good sign-ins: five people behind one address pass a limit of three', async () => {
      app.clock.set('2026-10-03T10:00:00.000Z');
      const statuses = [];
      for (let i = 0; i < 5; i += 1)
        statuses.push((await signInAs(app, idp, newEmail())).result.status);
      expect(statuses).toEqual(Array(5).fill(200));
    });
  });

  describe('an account the identity provider provisioned over SCIM, then signing in over SSO', () => {
    const SCIM = '/api/user-communication/scim/v2';
    const scimUser = (email: string) => ({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: email,
      externalId: `ext-${email}`,
      active: true,
      emails: [{ primary: true, type: 'work', value: email }],
    });

    it('is the same account: origin scim, no activation e-mail, signs in with the provider, and a deactivation stops the sign-in', async () => {
      const token = await createApiToken(app);
      const email = newEmail();
      const created = await app
        .http()
        .post(`${SCIM}/Users`)
        .set('Authorization', `Bearer ${token}`)
        .set('Content-Type', 'application/scim+json')
        .send(JSON.stringify(scimUser(email)));
      expect(created.status).toBe(201);
      await settle(app);
      expect(app.mail.to(email)).toHaveLength(0);

      app.clock.set('2026-04-01T09:00:00.000Z');
      expect((await signInAs(app, idp, email)).result.status).toBe(200);
      const user = await findUser(app, email);
      expect(user).toMatchObject({ origin: 'scim', provider: 'oidc', blocked: false });
      expect(new Date(user.lastLoginAt).toISOString()).toBe('2026-04-01T09:00:00.000Z');
      expect(await app.strapi.db.query(USER_UID).count({ where: { email } })).toBe(1);

      const deactivated = await app
        .http()
        .patch(`${SCIM}/Users/${created.body.id}`)
        .set('Authorization', `Bearer ${token}`)
        .set('Content-Type', 'application/scim+json')
        .send(
          JSON.stringify({
            schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
            Operations: [{ op: 'Replace', path: 'active', value: 'False' }],
          })
        );
      expect(deactivated.status).toBe(200);
      const refused = (await signInAs(app, idp, email)).result;
      expect(refused.status).toBeGreaterThanOrEqual(400);
      expect(refused.body.jwt).toBeUndefined();
    });
  });

  describe("an SSO account's messages and passwords", () => {
    const ssoUser = async () => {
      const email = newEmail();
      expect((await signInAs(app, idp, email)).result.status).toBe(200);
      return findUser(app, email);
    };

    it('gets the no-login reminder with the platform link, never an activation or reset link', async () => {
      app.clock.set('2026-06-01T06:00:00.000Z');
      const user = await ssoUser();
      const enabled = await app
        .http()
        .put('/user-communication/settings')
        .set('Authorization', admin.auth)
        .send({ noLoginReminder: { enabled: true, intervalDays: 30, hourUtc: 6 } });
      expect(enabled.status).toBe(200);
      try {
        app.clock.set('2026-07-15T06:00:00.000Z');
        await app.strapi.plugin('user-communication').service('reminders').run('manual');
        await settle(app);
        const [reminder, ...others] = app.mail.to(user.email);
        expect(others).toHaveLength(0);
        expect(reminder.subject).toMatch(/miss you/i);
        expect(reminder.links).toContain('https://learn.example.com');
        expect(reminder.text).not.toMatch(/token=|code=/);
        const links = await app.strapi.db
          .query('plugin::user-communication.token')
          .count({ where: { userId: user.id } });
        expect(links).toBe(0);
      } finally {
        await app
          .http()
          .put('/user-communication/settings')
          .set('Authorization', admin.auth)
          .send({ noLoginReminder: { enabled: false } });
      }
    });

    it("refuses an admin's reset e-mail and set-password with the reason", async () => {
      const user = await ssoUser();
      const reset = await app
        .http()
        .post(`/user-communication/users/${user.documentId}/reset-password`)
        .set('Authorization', admin.auth)
        .send({});
      expect(reset.status).toBe(400);
      expect(reset.body.error.message).toMatch(/single sign-on.*identity provider/);
      const set = await app
        .http()
        .post(`/user-communication/users/${user.documentId}/password`)
        .set('Authorization', admin.auth)
        .send({ password: 'Brand-New-Passw0rd!', oneTime: false });
      expect(set.status).toBe(400);
      expect(set.body.error.message).toMatch(/signs in through oidc.*identity provider/);
      await settle(app);
      expect(app.mail.to(user.email)).toHaveLength(0);
    });

    it('answers forgot-password as for anyone, and sends nothing', async () => {
      const user = await ssoUser();
      const forgot = (email: string) =>
        app.http().post('/api/auth/forgot-password').send({ email });
      const [sso, unknown] = await Promise.all([forgot(user.email), forgot(newEmail())]);
      expect({ status: sso.status, body: sso.body }).toEqual({
        status: unknown.status,
        body: unknown.body,
      });
      expect(sso.status).toBe(200);
      await settle(app);
      expect(app.mail.to(user.email)).toHaveLength(0);
    });
  });

  describe('configuration', () => {
    it('keeps the provider settings users-permissions reads equal to the configuration', async () => {
      expect(await grantEntry()).toMatchObject({
        enabled: true,
        key: OIDC_CLIENT_ID,
        secret: OIDC_CLIENT_SECRET,
        scope: 'openid email profile',
        callback: 'http://localhost:1337/api/auth/oidc/callback',
      });
    });

    it("writes users-permissions' provider settings only when they change, not at every sign-in", async () => {
      expect((await signInAs(app, idp, newEmail())).result.status).toBe(200);
      const set = jest.spyOn(app.strapi.store, 'set');
      try {
        expect((await signInAs(app, idp, newEmail())).result.status).toBe(200);
        const grantWrites = set.mock.calls.filter(([params]) => params.key === 'grant');
        expect(grantWrites).toHaveLength(0);
      } finally {
        set.mockRestore();
      }
    });

    it('replaces settings an earlier configuration left in the store before the next sign-in', async () => {
      const stored = (await grantStore().get({})) as Record<string, Record<string, unknown>>;
      await grantStore().set({
        value: {
          ...stored,
          oidc: {
            ...stored.oidc,
            key: 'old-client',
            authorize_url: 'https://old-idp.example.com/authorize',
            access_url: 'https://old-idp.example.com/token',
          },
        },
      });
      const email = newEmail();
      const { authorize, result } = await signInAs(app, idp, email);
      expect(`${authorize.origin}${authorize.pathname}`).toBe(`${idp.issuer}/authorize`);
      expect(authorize.searchParams.get('client_id')).toBe(OIDC_CLIENT_ID);
      expect(result.status).toBe(200);
      expect(await grantEntry()).toMatchObject({
        key: OIDC_CLIENT_ID,
        authorize_url: `${idp.issuer}/authorize`,
        access_url: `${idp.issuer}/token`,
      });
    });
  });
});
