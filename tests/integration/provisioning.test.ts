import { bootStrapi, type TestApp } from '../helpers/strapi';
import { createApiToken, findUser, USER_PASSWORD } from '../helpers/actors';
import { createActiveUser, logIn } from '../helpers/passwords';
import { settle } from '../helpers/outbox';

// English and Danish subjects.
const ACTIVATION = /activat|aktiv/i;

describe('integration API', () => {
  let app: TestApp;
  let token: string;

  beforeAll(async () => {
    app = await bootStrapi();
    token = await createApiToken(app);
  });

  afterAll(async () => {
    await app?.stop();
  });

  const provision = (body: unknown, bearer = token) =>
    app
      .http()
      .post('/api/user-communication/users')
      .set('Authorization', `Bearer ${bearer}`)
      .send(body as object);

  const activationMails = () => app.mail.messages.filter((mail) => ACTIVATION.test(mail.subject));

  // Delivers everything queued (the worker runs until nothing is due), so a count taken after
  // it is final: a duplicate would be in it, and a slow machine only makes it slower.
  const drained = async () => {
    await settle(app);
    return activationMails().length;
  };

  it('creates one user with origin integration and an activation e-mail; the same user again is an update', async () => {
    app.mail.clear();
    const created = await provision({ email: 'Ada.Provisioned@Example.com', locale: 'da' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      status: 'created',
      id: expect.any(Number),
      documentId: expect.any(String),
      email: 'ada.provisioned@example.com',
    });
    expect(created.body.results).toHaveLength(1);
    const stored = await findUser(app, 'ada.provisioned@example.com');
    expect(stored).toMatchObject({
      origin: 'integration',
      username: 'ada.provisioned',
      locale: 'da',
      password: null,
      confirmed: false,
    });

    const again = await provision({ email: 'ada.provisioned@example.com', blocked: true });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ status: 'updated', id: created.body.id });
    expect((await findUser(app, 'ada.provisioned@example.com')).blocked).toBe(true);
    expect(await drained()).toBe(1);
  });

  it('provisions a batch of 1,000 with 1,000 activation e-mails; the same batch again sends none', async () => {
    app.mail.clear();
    const users = Array.from({ length: 1000 }, (_, i) => ({
      email: `batch${i}@example.com`,
      username: `batch-user-${i}`,
    }));
    const first = await provision({ users });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ created: 1000, updated: 0, errors: 0 });
    expect(first.body.results[999]).toMatchObject({
      index: 999,
      status: 'created',
      email: 'batch999@example.com',
    });
    expect(await drained()).toBe(1000);

    const second = await provision({ users });
    expect(second.body).toMatchObject({ created: 0, updated: 1000, errors: 0 });
    expect(await drained()).toBe(1000);
    expect(
      await app.strapi.db
        .query('plugin::users-permissions.user')
        .count({ where: { email: { $startsWith: 'batch' } } })
    ).toBe(1000);
  }, 120_000);

  it('answers each item on its own: bad ones fail with a reason, the others are saved', async () => {
    const taken = await createActiveUser(app);
    const response = await provision({
      users: [
        { email: 'good-one@example.com' },
        { email: 'not-an-address' },
        { email: 'with-extra@example.com', password: 'Sneaky-Passw0rd!' },
        { email: 'role-grab@example.com', role: 1 },
        { email: 'taken-name@example.com', username: taken.username },
        { email: 'dup@example.com' },
        { email: 'DUP@example.com', locale: 'en' },
      ],
    });
    expect(response.status).toBe(200);
    const statuses = response.body.results.map((result: { status: string }) => result.status);
    expect(statuses).toEqual(['created', 'error', 'error', 'error', 'error', 'created', 'updated']);
    expect(response.body.results[1].error).toMatch(/Invalid e-mail address/);
    expect(response.body.results[2].error).toMatch(/Unknown field\(s\): password/);
    expect(response.body.results[4].error).toMatch(/belongs to another user/);
    expect(await findUser(app, 'with-extra@example.com')).toBeNull();
    expect((await findUser(app, 'dup@example.com')).locale).toBe('en');
  });

  it('refuses bad envelopes with a 400 a person can act on', async () => {
    const tooMany = await provision({
      users: Array.from({ length: 1001 }, (_, i) => ({ email: `x${i}@example.com` })),
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.message).toMatch(/1 to 1000/);
    expect((await provision({ users: [] })).status).toBe(400);
    expect((await provision({ users: ['a@example.com'] })).status).toBe(400);
    const single = await provision({ email: 'nope' });
    expect(single.status).toBe(400);
    expect(single.body.error).toMatchObject({
      name: 'ValidationError',
      message: expect.stringMatching(/Invalid e-mail/),
    });
  });

  it('takes only API tokens with the right to write', async () => {
    expect(
      (await app.http().post('/api/user-communication/users').send({ email: 'anon@example.com' }))
        .status
    ).toBe(403);
    const readOnly = await createApiToken(app, 'read-only');
    expect((await provision({ email: 'ro@example.com' }, readOnly)).status).toBe(403);
    const user = await createActiveUser(app);
    const jwt = (await logIn(app, user.email, USER_PASSWORD)).body.jwt as string;
    expect((await provision({ email: 'jwt@example.com' }, jwt)).status).toBe(403);
    expect(await findUser(app, 'anon@example.com')).toBeNull();
  });
});
