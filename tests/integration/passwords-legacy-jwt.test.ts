import { bootStrapi, type TestApp } from '../helpers/strapi';
import { createAdmin, USER_PASSWORD, type AdminSession } from '../helpers/actors';
import {
  CHANGED_SUBJECT,
  createActiveUser,
  logIn,
  mailTo,
  RESET_SUBJECT,
  resetTokenFrom,
} from '../helpers/passwords';

const NEW_PASSWORD = 'Brand-New-Passw0rd!';

// users-permissions' legacy-support mode: long-lived JWTs and no session table. Revocation
// rests on the per-user instant before which tokens are refused. Also the option that
// makes reset-password answer with a login, as stock Strapi does.
describe('passwords with legacy-support JWTs and resetPasswordReturnsJwt', () => {
  let app: TestApp;
  let admin: AdminSession;

  beforeAll(async () => {
    app = await bootStrapi({
      env: { UP_JWT_MANAGEMENT: 'legacy-support', UC_RESET_PASSWORD_RETURNS_JWT: 'true' },
    });
    admin = await createAdmin(app);
  });

  afterAll(async () => {
    await app?.stop();
  });

  const me = (jwt: string) => app.http().get('/api/users/me').set('Authorization', `Bearer ${jwt}`);

  it('answers a reset with a login and refuses the JWTs issued before it', async () => {
    const user = await createActiveUser(app);
    const old = (await logIn(app, user.email, USER_PASSWORD)).body.jwt as string;
    expect((await me(old)).status).toBe(200);

    expect(
      (await app.http().post('/api/auth/forgot-password').send({ email: user.email })).status
    ).toBe(200);
    const code = resetTokenFrom(await mailTo(app, user.email, RESET_SUBJECT));
    const reset = await app
      .http()
      .post('/api/auth/reset-password')
      .send({ code, password: NEW_PASSWORD, passwordConfirmation: NEW_PASSWORD });
    expect(reset.status).toBe(200);
    expect(reset.body).toMatchObject({ jwt: expect.any(String), user: { email: user.email } });
    expect(reset.body.refreshToken).toBeUndefined();

    expect((await me(old)).status).toBe(401);
    expect((await me(reset.body.jwt)).status).toBe(200);
    await mailTo(app, user.email, CHANGED_SUBJECT);
  });

  it("keeps the new JWT of users-permissions' change-password and refuses the older ones", async () => {
    const user = await createActiveUser(app);
    const other = (await logIn(app, user.email, USER_PASSWORD)).body.jwt as string;
    const current = (await logIn(app, user.email, USER_PASSWORD)).body.jwt as string;
    const changed = await app
      .http()
      .post('/api/auth/change-password')
      .set('Authorization', `Bearer ${current}`)
      .send({
        currentPassword: USER_PASSWORD,
        password: NEW_PASSWORD,
        passwordConfirmation: NEW_PASSWORD,
      });
    expect(changed.status).toBe(200);
    expect((await me(changed.body.jwt)).status).toBe(200);
    expect((await me(other)).status).toBe(401);
    expect((await me(current)).status).toBe(401);
    await mailTo(app, user.email, CHANGED_SUBJECT);
  });

  it('ends the JWTs when an admin sets a password, and logs in after a one-time change', async () => {
    const user = await createActiveUser(app);
    const old = (await logIn(app, user.email, USER_PASSWORD)).body.jwt as string;
    const set = await app
      .http()
      .post(`/user-communication/users/${user.documentId}/password`)
      .set('Authorization', admin.auth)
      .send({ generate: true, oneTime: true });
    expect(set.status).toBe(200);
    expect((await me(old)).status).toBe(401);

    const login = await logIn(app, user.email, set.body.password as string);
    expect(login.status).toBe(403);
    const changed = await app.http().post('/api/user-communication/password/change').send({
      changeToken: login.body.error.details.changeToken,
      password: NEW_PASSWORD,
      passwordConfirmation: NEW_PASSWORD,
    });
    expect(changed.status).toBe(200);
    expect((await me(changed.body.jwt)).status).toBe(200);
  });
});
