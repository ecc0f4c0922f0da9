import { bootStrapi, type TestApp } from '../helpers/strapi';
import { createAdmin, newUserInput, type AdminSession } from '../helpers/actors';
import { settle } from '../helpers/outbox';

/**
 * A project that used users-permissions' own e-mails, then installed the plugin: at its first
 * start the templates edited in Settings → Email templates become the plugin's.
 */
describe("users-permissions' e-mail templates at the first start with the plugin", () => {
  let app: TestApp;
  let admin: AdminSession;

  const report = () =>
    app
      .http()
      .get('/user-communication/templates/users-permissions')
      .set('Authorization', admin.auth);

  beforeAll(async () => {
    const before = await bootStrapi();
    // What the project had before: an edited reset template, an edited confirmation template
    // that uses a field the plugin has no variable for, and no record of an import yet.
    const store = before.strapi.store({ type: 'plugin', name: 'users-permissions' });
    const email = (await store.get({ key: 'email' })) as Record<
      string,
      { options: Record<string, unknown> }
    >;
    email.reset_password.options.object = 'Acme: reset the password of <%= USER.username %>';
    email.reset_password.options.message =
      '<p>Hello <%= USER.username %>,</p><p>Choose a new password: <%= URL %>?code=<%= TOKEN %></p><p>The Acme team</p>';
    email.email_confirmation.options.message =
      '<p>Welcome <%= USER.firstname %>! <%= URL %>?confirmation=<%= CODE %></p>';
    await store.set({ key: 'email', value: email });
    await before.strapi
      .store({ type: 'plugin', name: 'user-communication' })
      .delete({ key: 'users-permissions-templates' });
    await before.stop({ keepDatabase: true });

    app = await bootStrapi({ database: before.database });
    admin = await createAdmin(app);
  });

  afterAll(async () => {
    await app?.stop();
  });

  it('imports what translates, keeps out and reports what does not', async () => {
    const answer = await report();
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      checkedAt: expect.any(String),
      results: [
        {
          source: 'reset_password',
          type: 'password-reset',
          locale: 'en',
          outcome: 'imported',
          problems: [],
        },
        {
          source: 'email_confirmation',
          type: 'activation',
          locale: 'en',
          outcome: 'not-imported',
          problems: ['<%= USER.firstname %>'],
        },
      ],
    });

    const reset = await app
      .http()
      .get('/user-communication/templates/password-reset/en')
      .set('Authorization', admin.auth);
    expect(reset.body).toMatchObject({
      customized: true,
      subject: 'Acme: reset the password of {{ username }}',
      html: '<p>Hello {{ username }},</p><p>Choose a new password: <a href="{{ link }}">Reset your password</a></p><p>The Acme team</p>',
    });
    const activation = await app
      .http()
      .get('/user-communication/templates/activation/en')
      .set('Authorization', admin.auth);
    expect(activation.body).toMatchObject({ customized: false });
  });

  it('sends the imported words, with a working link, from the login screen', async () => {
    const input = newUserInput('imported');
    await app.http().post('/api/auth/local/register').send(input).expect(200);
    await app.http().post('/api/auth/forgot-password').send({ email: input.email }).expect(200);
    await settle(app);
    const mail = await app.mail.waitFor(
      (candidate) => candidate.to.includes(input.email) && candidate.subject.startsWith('Acme')
    );
    expect(mail.subject).toMatch(/^Acme: reset the password of /);
    expect(mail.html).toContain('The Acme team');
    expect(mail.text).toMatch(/Choose a new password: http\S+#token=\S+/);
  });

  it('looks once: a later start keeps what the admin did since', async () => {
    await app
      .http()
      .delete('/user-communication/templates/password-reset/en')
      .set('Authorization', admin.auth)
      .expect(200);
    const first = (await report()).body.checkedAt;
    await app.stop({ keepDatabase: true });
    app = await bootStrapi({ database: app.database });
    admin = await createAdmin(app);
    expect((await report()).body.checkedAt).toBe(first);
    const reset = await app
      .http()
      .get('/user-communication/templates/password-reset/en')
      .set('Authorization', admin.auth);
    expect(reset.body.customized).toBe(false);
  });

  it('answers 401 without an admin session', async () => {
    await app.http().get('/user-communication/templates/users-permissions').expect(401);
  });
});
