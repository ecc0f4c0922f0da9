import { bootStrapi, type TestApp } from '../helpers/strapi';
import { inIsolation, ISOLATIONS } from '../helpers/database';
import {
  authenticatedRoleId,
  createAdmin,
  createAdminRole,
  findUser,
  newUserInput,
  USER_PASSWORD,
  type AdminSession,
} from '../helpers/actors';
import { activationMailTo, tokenFromMail } from '../helpers/activation';
import { seedUser } from '../helpers/users';
import {
  CHANGED_SUBJECT,
  createActiveUser,
  logIn,
  mailTo,
  RESET_SUBJECT,
  resetTokenFrom,
  settledCount,
} from '../helpers/passwords';

const NEW_PASSWORD = 'Brand-New-Passw0rd!';
const ONE_TIME = 'One-Time-Passw0rd!';

describe('passwords', () => {
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

  const forgot = (email: unknown) => app.http().post('/api/auth/forgot-password').send({ email });
  const reset = (code: string, password = NEW_PASSWORD, passwordConfirmation = password) =>
    app.http().post('/api/auth/reset-password').send({ code, password, passwordConfirmation });
  const me = (jwt: string) => app.http().get('/api/users/me').set('Authorization', `Bearer ${jwt}`);
  const adminReset = (id: string | number, session = admin) =>
    app
      .http()
      .post(`/user-communication/users/${id}/reset-password`)
      .set('Authorization', session.auth)
      .send({});
  const adminSet = (id: string | number, body: Record<string, unknown>, session = admin) =>
    app
      .http()
      .post(`/user-communication/users/${id}/password`)
      .set('Authorization', session.auth)
      .send(body);
  const change = (body: Record<string, unknown>) =>
    app.http().post('/api/user-communication/password/change').send(body);

  const requestResetLink = async (email: string) => {
    expect((await forgot(email)).status).toBe(200);
    return resetTokenFrom(await mailTo(app, email, RESET_SUBJECT));
  };

  describe('forgot-password', () => {
    it('answers the same for known, unknown, blocked and unconfirmed addresses; only a known, usable account gets mail', async () => {
      const known = await createActiveUser(app);
      const blocked = await createActiveUser(app, { blocked: true });
      const unconfirmed = await createActiveUser(app, { confirmed: false });
      const answers = await Promise.all(
        [known.email, 'nobody-here@example.com', blocked.email, unconfirmed.email].map(
          async (email) => {
            const response = await forgot(email);
            return { status: response.status, body: response.body };
          }
        )
      );
      for (const answer of answers) expect(answer).toEqual({ status: 200, body: { ok: true } });

      await mailTo(app, known.email, RESET_SUBJECT);
      expect(await settledCount(app, known.email, RESET_SUBJECT)).toBe(1);
      expect(await settledCount(app, blocked.email, RESET_SUBJECT)).toBe(0);
      expect(app.mail.to('nobody-here@example.com')).toHaveLength(0);
      // An unconfirmed user may recover the account: the link proves the mailbox.
      expect(await settledCount(app, unconfirmed.email, RESET_SUBJECT)).toBe(1);
    });

    it('keeps the stock request shape and refuses bad input with a 400 naming the field', async () => {
      const missing = await app.http().post('/api/auth/forgot-password').send({});
      expect(missing.status).toBe(400);
      expect(missing.body.error.message).toMatch(/email is required/);
      const injected = await forgot({ $ne: '' });
      expect(injected.status).toBe(400);
    });

    it('sends a link to the built-in page that works once, within its lifetime', async () => {
      const user = await createActiveUser(app);
      expect((await forgot(user.email)).status).toBe(200);
      const mail = await mailTo(app, user.email, RESET_SUBJECT);
      expect(mail.links.find((link) => link.includes('#token='))).toMatch(
        /^http:\/\/localhost:1337\/user-communication\/reset-password#token=[A-Za-z0-9_-]{43}$/
      );
      expect(mail.text).toMatch(/60 minutes/);
      const code = resetTokenFrom(mail);

      // The page asks first; that does not use the link.
      const verified = await app
        .http()
        .post('/api/user-communication/password-reset/verify')
        .send({ token: code });
      expect(verified.status).toBe(200);
      expect(verified.body).toEqual({ email: user.email });

      app.clock.advance({ minutes: 59 });
      const done = await reset(code);
      expect(done.status).toBe(200);
      expect(done.body).toEqual({ ok: true });

      expect((await logIn(app, user.email, USER_PASSWORD)).status).toBe(400);
      expect((await logIn(app, user.email, NEW_PASSWORD)).status).toBe(200);

      const again = await reset(code, 'Another-Passw0rd!');
      expect(again.status).toBe(400);
      expect(again.body.error.name).toBe('PasswordResetLinkUsed');
    });

    it('refuses a link one second after its lifetime', async () => {
      const user = await createActiveUser(app);
      const code = await requestResetLink(user.email);
      app.clock.advance({ minutes: 60, seconds: 1 });
      const late = await reset(code);
      expect(late.status).toBe(400);
      expect(late.body.error).toMatchObject({
        name: 'PasswordResetLinkExpired',
        message: expect.stringMatching(/expired/),
      });
      expect((await logIn(app, user.email, USER_PASSWORD)).status).toBe(200);
    });

    it('refuses a link replaced by a newer one, and malformed codes', async () => {
      const user = await createActiveUser(app);
      const first = await requestResetLink(user.email);
      app.mail.clear();
      const second = await requestResetLink(user.email);
      expect(second).not.toBe(first);
      const old = await reset(first);
      expect(old.status).toBe(400);
      expect(old.body.error.name).toBe('PasswordResetLinkExpired');
      expect(old.body.error.message).toMatch(/newer/);

      for (const code of ['not-a-token', 'x'.repeat(43)]) {
        const response = await reset(code);
        expect(response.status).toBe(400);
        expect(response.body.error.name).toBe('PasswordResetLinkInvalid');
      }
      const injected = await app
        .http()
        .post('/api/auth/reset-password')
        .send({ code: { $gt: '' }, password: NEW_PASSWORD, passwordConfirmation: NEW_PASSWORD });
      expect(injected.status).toBe(400);
      expect(injected.body.error.name).toBe('ValidationError');
      expect((await reset(second)).status).toBe(200);
    });

    it('applies the password rules before using the link', async () => {
      const user = await createActiveUser(app);
      const code = await requestResetLink(user.email);
      const weak = await reset(code, 'short');
      expect(weak.status).toBe(400);
      expect(weak.body.error).toMatchObject({
        name: 'ValidationError',
        message: 'password must be at least 8 characters',
      });
      const mismatch = await reset(code, NEW_PASSWORD, 'Something-Else-1');
      expect(mismatch.status).toBe(400);
      expect(mismatch.body.error.details.errors[0].path).toEqual(['passwordConfirmation']);
      expect((await reset(code)).status).toBe(200);
    });

    it('ends every session and sends the password-changed notice', async () => {
      const user = await createActiveUser(app);
      const login = await logIn(app, user.email, USER_PASSWORD);
      expect(login.status).toBe(200);
      const { jwt, refreshToken } = login.body as { jwt: string; refreshToken: string };
      expect((await me(jwt)).status).toBe(200);

      const code = await requestResetLink(user.email);
      expect((await reset(code)).status).toBe(200);

      expect((await me(jwt)).status).toBe(401);
      const refreshed = await app.http().post('/api/auth/refresh').send({ refreshToken });
      expect(refreshed.status).toBe(401);
      const notice = await mailTo(app, user.email, CHANGED_SUBJECT);
      expect(notice.text).toMatch(/signed out everywhere/);

      const fresh = await logIn(app, user.email, NEW_PASSWORD);
      expect((await me(fresh.body.jwt)).status).toBe(200);
    });

    describe.each(ISOLATIONS)('of simultaneous resets (%s)', (isolation) => {
      inIsolation(() => app, isolation);

      it('lets exactly one of two simultaneous resets with the same link win', async () => {
        const user = await createActiveUser(app);
        const code = await requestResetLink(user.email);
        const [a, b] = await Promise.all([
          reset(code, 'First-Passw0rd!'),
          reset(code, 'Second-Passw0rd!'),
        ]);
        expect([a.status, b.status].sort()).toEqual([200, 400]);
      });
    });

    it('limits requests per address silently: the same 200 always, and no mail past the limit', async () => {
      const user = await createActiveUser(app);
      const statuses = async (email: string) => {
        const result: number[] = [];
        for (let i = 0; i < 7; i += 1) result.push((await forgot(email)).status);
        return result;
      };
      expect(await statuses(user.email)).toEqual([200, 200, 200, 200, 200, 200, 200]);
      expect(await statuses('nobody-limited@example.com')).toEqual([
        200, 200, 200, 200, 200, 200, 200,
      ]);
      expect(await settledCount(app, user.email, RESET_SUBJECT)).toBe(5);
    });

    it("links to the platform's own page when users-permissions' reset page setting is set", async () => {
      const store = app.strapi.store({ type: 'plugin', name: 'users-permissions' });
      const advanced = (await store.get({ key: 'advanced' })) as Record<string, unknown>;
      await store.set({
        key: 'advanced',
        value: { ...advanced, email_reset_password: 'https://learn.example.com/reset' },
      });
      try {
        const user = await createActiveUser(app);
        expect((await forgot(user.email)).status).toBe(200);
        const mail = await mailTo(app, user.email, RESET_SUBJECT);
        const link = mail.links.find((candidate) =>
          candidate.startsWith('https://learn.example.com/reset')
        );
        expect(link).toMatch(/^https:\/\/learn\.example\.com\/reset\?code=[A-Za-z0-9_-]{43}$/);
        expect((await reset(resetTokenFrom(mail))).status).toBe(200);
      } finally {
        await store.set({ key: 'advanced', value: advanced });
      }
    });

    it('serves the built-in page without a referrer and without caching', async () => {
      const page = await app.http().get('/user-communication/reset-password');
      expect(page.status).toBe(200);
      expect(page.headers['referrer-policy']).toBe('no-referrer');
      expect(page.headers['cache-control']).toBe('no-store');
      expect(page.text).toContain('data-kind="password-reset"');
    });
  });

  describe('admin-triggered reset', () => {
    it('queues the reset e-mail (202) for any user with an address, also one who never logged in', async () => {
      const neverLoggedIn = await seedUser(app, { createdAt: '2026-01-01T00:00:00Z' });
      const { documentId } = await findUser(app, neverLoggedIn.email);
      const response = await adminReset(documentId);
      expect(response.status).toBe(202);
      expect(response.body).toEqual({ queued: true });
      const code = resetTokenFrom(await mailTo(app, neverLoggedIn.email, RESET_SUBJECT));
      expect((await reset(code)).status).toBe(200);
      // Setting a password through the e-mailed link also activates the account.
      const stored = await findUser(app, neverLoggedIn.email);
      expect(stored.activatedAt).not.toBeNull();
      expect(stored.confirmed).toBe(true);
      expect((await logIn(app, neverLoggedIn.email, NEW_PASSWORD)).status).toBe(200);
    });

    it('accepts the numeric id too, and explains what it cannot do', async () => {
      const user = await createActiveUser(app);
      expect((await adminReset(user.id)).status).toBe(202);

      const missing = await adminReset('does-not-exist');
      expect(missing.status).toBe(404);

      const blocked = await createActiveUser(app, { blocked: true });
      const refused = await adminReset(blocked.documentId);
      expect(refused.status).toBe(400);
      expect(refused.body.error.message).toMatch(/blocked/);

      const noMail = await seedUser(app, { createdAt: '2026-01-01T00:00:00Z', email: null });
      const noAddress = await adminReset(noMail.id);
      expect(noAddress.status).toBe(400);
      expect(noAddress.body.error.message).toMatch(/no e-mail address/);
    });
  });

  describe('admin-set password', () => {
    it('sets a permanent password without any e-mail and ends the sessions', async () => {
      const user = await createActiveUser(app);
      const login = await logIn(app, user.email, USER_PASSWORD);
      const response = await adminSet(user.documentId, {
        password: NEW_PASSWORD,
        passwordConfirmation: NEW_PASSWORD,
        oneTime: false,
      });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ ok: true, oneTime: false });
      expect((await me(login.body.jwt)).status).toBe(401);
      expect((await logIn(app, user.email, NEW_PASSWORD)).status).toBe(200);
      expect(await settledCount(app, user.email, /./)).toBe(0);
      const stored = await findUser(app, user.email);
      expect(stored.password).toMatch(/^\$2[aby]\$/);
      expect(stored.mustChangePassword).toBe(false);
    });

    it('refuses weak or mismatched passwords with a 400 naming the rule', async () => {
      const user = await createActiveUser(app);
      const weak = await adminSet(user.documentId, { password: 'short', oneTime: false });
      expect(weak.status).toBe(400);
      expect(weak.body.error).toMatchObject({
        name: 'ValidationError',
        message: 'password must be at least 8 characters',
      });
      const mismatch = await adminSet(user.documentId, {
        password: NEW_PASSWORD,
        passwordConfirmation: 'Other-Passw0rd!',
        oneTime: false,
      });
      expect(mismatch.status).toBe(400);
      expect(mismatch.body.error.details.errors[0].path).toEqual(['passwordConfirmation']);
      const tooLong = await adminSet(user.documentId, { password: 'é'.repeat(40), oneTime: false });
      expect(tooLong.body.error.message).toBe('password must be at most 72 bytes');
      const neither = await adminSet(user.documentId, { oneTime: true });
      expect(neither.status).toBe(400);
      expect(neither.body.error.message).toMatch(/generate/);
      const both = await adminSet(user.documentId, {
        password: NEW_PASSWORD,
        generate: true,
        oneTime: true,
      });
      expect(both.status).toBe(400);
      const unknownField = await adminSet(user.documentId, { password: NEW_PASSWORD, role: 1 });
      expect(unknownField.status).toBe(400);
      expect((await logIn(app, user.email, USER_PASSWORD)).status).toBe(200);
    });

    it('generates a strong password, returned once', async () => {
      const user = await createActiveUser(app);
      const response = await adminSet(user.documentId, { generate: true, oneTime: false });
      expect(response.status).toBe(200);
      const { password } = response.body as { password: string };
      expect(password).toHaveLength(20);
      expect(password).toMatch(/[A-Z]/);
      expect(password).toMatch(/[a-z]/);
      expect(password).toMatch(/[0-9]/);
      expect((await logIn(app, user.email, password)).status).toBe(200);
    });

    it('makes an open activation link stop working', async () => {
      const input = newUserInput('pending');
      const created = await app
        .http()
        .post('/content-manager/collection-types/plugin::users-permissions.user')
        .set('Authorization', admin.auth)
        .send({
          username: input.username,
          email: input.email,
          role: await authenticatedRoleId(app),
        });
      expect(created.status).toBe(201);
      const token = tokenFromMail(await activationMailTo(app, input.email));
      const documentId = (created.body.data ?? created.body).documentId as string;
      expect((await adminSet(documentId, { password: NEW_PASSWORD, oneTime: true })).status).toBe(
        200
      );
      const late = await app
        .http()
        .post('/api/user-communication/activation/complete')
        .send({ token, password: 'Other-Passw0rd!', passwordConfirmation: 'Other-Passw0rd!' });
      expect(late.status).toBe(400);
      expect(late.body.error.name).toBe('ActivationLinkExpired');
    });

    it('refuses SSO users, whose password belongs to the identity provider', async () => {
      const sso = await createActiveUser(app, { provider: 'github' });
      const response = await adminSet(sso.documentId, { password: NEW_PASSWORD, oneTime: false });
      expect(response.status).toBe(400);
      expect(response.body.error.message).toMatch(/identity provider/);
      expect((await adminReset(sso.documentId)).status).toBe(400);
    });
  });

  describe('one-time password', () => {
    const setOneTime = async () => {
      const user = await createActiveUser(app);
      const response = await adminSet(user.documentId, {
        password: ONE_TIME,
        passwordConfirmation: ONE_TIME,
        oneTime: true,
      });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ ok: true, oneTime: true });
      expect((await findUser(app, user.email)).mustChangePassword).toBe(true);
      return user;
    };

    const changeTokenFor = async (email: string) => {
      const login = await logIn(app, email, ONE_TIME);
      expect(login.status).toBe(403);
      expect(login.body.error.name).toBe('PasswordChangeRequired');
      // Keys, not text: the random change token can spell "jwt".
      for (const body of [login.body, login.body.error, login.body.error.details]) {
        expect(body).not.toHaveProperty('jwt');
        expect(body).not.toHaveProperty('refreshToken');
      }
      return login.body.error.details.changeToken as string;
    };

    it('forces a change at the next login, once, then logs in normally', async () => {
      const user = await setOneTime();
      const login = await logIn(app, user.email, ONE_TIME);
      expect(login.body.error.details).toMatchObject({
        changeToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
        changeUrl: expect.stringMatching(/\/user-communication\/reset-password#change=/),
      });
      const changeToken = login.body.error.details.changeToken as string;

      // A wrong password gets the ordinary answer: the flag reveals nothing.
      const wrong = await logIn(app, user.email, 'Wrong-Passw0rd!');
      expect(wrong.status).toBe(400);
      expect(wrong.body.error.message).toBe('Invalid identifier or password');

      const same = await change({
        changeToken,
        password: ONE_TIME,
        passwordConfirmation: ONE_TIME,
      });
      expect(same.status).toBe(400);
      expect(same.body.error.message).toMatch(/different from the one-time password/);

      const changed = await change({
        changeToken,
        password: NEW_PASSWORD,
        passwordConfirmation: NEW_PASSWORD,
      });
      expect(changed.status).toBe(200);
      expect(changed.body).toMatchObject({
        jwt: expect.any(String),
        refreshToken: expect.any(String),
        user: { email: user.email },
      });
      expect(changed.body.user.password).toBeUndefined();
      expect((await me(changed.body.jwt)).status).toBe(200);

      const stored = await findUser(app, user.email);
      expect(stored.mustChangePassword).toBe(false);
      expect(stored.lastLoginAt).not.toBeNull();

      const reused = await change({
        changeToken,
        password: 'Third-Passw0rd!',
        passwordConfirmation: 'Third-Passw0rd!',
      });
      expect(reused.status).toBe(400);
      expect(reused.body.error.name).toBe('PasswordChangeTokenInvalid');

      expect((await logIn(app, user.email, ONE_TIME)).status).toBe(400);
      expect((await logIn(app, user.email, NEW_PASSWORD)).status).toBe(200);
      await mailTo(app, user.email, CHANGED_SUBJECT);
    });

    it('refuses a change token after 15 minutes', async () => {
      const user = await setOneTime();
      const changeToken = await changeTokenFor(user.email);
      app.clock.advance({ minutes: 15, seconds: 1 });
      const late = await change({
        changeToken,
        password: NEW_PASSWORD,
        passwordConfirmation: NEW_PASSWORD,
      });
      expect(late.status).toBe(400);
      expect(late.body.error.name).toBe('PasswordChangeTokenInvalid');
      app.clock.reset();
      // A new login with the one-time password gives a new token.
      const fresh = await changeTokenFor(user.email);
      expect(
        (
          await change({
            changeToken: fresh,
            password: NEW_PASSWORD,
            passwordConfirmation: NEW_PASSWORD,
          })
        ).status
      ).toBe(200);
    });

    it('leaves blocked accounts to the ordinary answer', async () => {
      const user = await setOneTime();
      await app.strapi.db
        .query('plugin::users-permissions.user')
        .update({ where: { id: user.id }, data: { blocked: true } });
      const login = await logIn(app, user.email, ONE_TIME);
      expect(login.status).toBe(400);
      expect(login.body.error.message).toMatch(/blocked/);
    });
  });

  describe('permissions', () => {
    it('answers 403 on each admin route to a role without the permission', async () => {
      const user = await createActiveUser(app);
      const limited = await createAdmin(app, { roleIds: [await createAdminRole(app)] });
      expect((await adminReset(user.documentId, limited)).status).toBe(403);
      expect(
        (await adminSet(user.documentId, { password: NEW_PASSWORD, oneTime: false }, limited))
          .status
      ).toBe(403);

      const resetOnly = await createAdmin(app, {
        roleIds: [await createAdminRole(app, ['plugin::user-communication.users.reset-password'])],
      });
      expect((await adminReset(user.documentId, resetOnly)).status).toBe(202);
      expect(
        (await adminSet(user.documentId, { password: NEW_PASSWORD, oneTime: false }, resetOnly))
          .status
      ).toBe(403);

      const setOnly = await createAdmin(app, {
        roleIds: [await createAdminRole(app, ['plugin::user-communication.users.set-password'])],
      });
      expect(
        (await adminSet(user.documentId, { password: NEW_PASSWORD, oneTime: false }, setOnly))
          .status
      ).toBe(200);
      expect((await adminReset(user.documentId, setOnly)).status).toBe(403);
      expect(
        (
          await app
            .http()
            .post(`/user-communication/users/${user.documentId}/password`)
            .send({ generate: true })
        ).status
      ).toBe(401);
    });
  });
});
