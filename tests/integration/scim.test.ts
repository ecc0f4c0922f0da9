/**
 * The SCIM 2.0 service provider, driven over HTTP the way identity providers drive it: the
 * request sequences of Microsoft Entra ID's provisioning service (as published in "Tutorial:
 * Develop and plan provisioning for a SCIM endpoint in Microsoft Entra ID", request and
 * response examples) and of Okta's "SCIM 2.0 Spec Test" suite (its CRUD sequence), on loopback.
 */
import crypto from 'node:crypto';
import { bootStrapi, type TestApp } from '../helpers/strapi';
import { inIsolation, ISOLATIONS } from '../helpers/database';
import { createAdmin, createApiToken, USER_PASSWORD, type AdminSession } from '../helpers/actors';
import { createActiveUser, logIn } from '../helpers/passwords';
import { outbox, settle, worker } from '../helpers/outbox';

const BASE = '/api/user-communication/scim/v2';
const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';
const LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
const USER_UID = 'plugin::users-permissions.user';
const SCIM_PERMISSION = 'plugin::user-communication.scim.provision';

const hex = () => crypto.randomBytes(4).toString('hex');

/** Entra's "Create User" example: userName is not an address, the work e-mail is. */
const entraUser = (id = hex()) => ({
  schemas: [USER_SCHEMA, ENTERPRISE],
  externalId: crypto.randomUUID(),
  userName: `Test_User_${id}`,
  active: true,
  emails: [{ primary: true, type: 'work', value: `Test_User_${id}@testuser.com` }],
  meta: { resourceType: 'User' },
  name: { formatted: 'givenName familyName', familyName: 'familyName', givenName: 'givenName' },
  roles: [],
});

/** Okta's create request: userName is the address; it also sends a password and empty groups. */
const oktaUser = (id = hex()) => ({
  schemas: [USER_SCHEMA],
  userName: `okta.${id}@okta.local`,
  name: { givenName: 'Test', familyName: `User${id}` },
  emails: [{ primary: true, value: `okta.${id}@okta.local`, type: 'work' }],
  displayName: `Test User${id}`,
  locale: 'en-US',
  externalId: `00u${id}h7`,
  groups: [],
  password: '1mind2twothree',
  active: true,
});

describe('SCIM 2.0 service provider', () => {
  let app: TestApp;
  let token: string;

  beforeAll(async () => {
    app = await bootStrapi();
    token = await createApiToken(app);
  });

  afterAll(async () => {
    await app?.stop();
  });

  const scim = (bearer: string | null = token) => {
    const agent = app.http();
    const auth = <T extends { set(name: string, value: string): T }>(request: T) =>
      bearer === null ? request : request.set('Authorization', `Bearer ${bearer}`);
    return {
      get: (path: string) => auth(agent.get(`${BASE}${path}`)),
      delete: (path: string) => auth(agent.delete(`${BASE}${path}`)),
      // As Entra and Okta send them: application/scim+json bodies.
      post: (path: string, body: unknown) =>
        auth(agent.post(`${BASE}${path}`))
          .set('Content-Type', 'application/scim+json')
          .send(JSON.stringify(body)),
      put: (path: string, body: unknown) =>
        auth(agent.put(`${BASE}${path}`))
          .set('Content-Type', 'application/scim+json')
          .send(JSON.stringify(body)),
      patch: (path: string, body: unknown) =>
        auth(agent.patch(`${BASE}${path}`))
          .set('Content-Type', 'application/scim+json')
          .send(JSON.stringify(body)),
    };
  };

  const filter = (expression: string) => `/Users?filter=${encodeURIComponent(expression)}`;
  const patchOf = (...operations: unknown[]) => ({ schemas: [PATCH_OP], Operations: operations });
  const stored = (documentId: string) =>
    app.strapi.db.query(USER_UID).findOne({ where: { documentId }, populate: ['role'] });
  const create = async (body: unknown) => {
    const response = await scim().post('/Users', body);
    expect(response.status).toBe(201);
    return response.body as { id: string; userName: string; [key: string]: unknown };
  };
  const expectError = (
    response: { status: number; body: Record<string, unknown> },
    status: number,
    scimType?: string
  ) => {
    expect(response.status).toBe(status);
    expect(response.body).toMatchObject({ schemas: [ERROR], status: String(status) });
    expect(typeof response.body.detail).toBe('string');
    if (scimType) expect(response.body.scimType).toBe(scimType);
  };

  describe('discovery', () => {
    it('describes itself: ServiceProviderConfig, one resource type (User) and its schemas', async () => {
      const config = await scim().get('/ServiceProviderConfig');
      expect(config.status).toBe(200);
      expect(config.headers['content-type']).toMatch(/^application\/scim\+json/);
      expect(config.body).toMatchObject({
        patch: { supported: true },
        bulk: { supported: false },
        filter: { supported: true, maxResults: 1000 },
        changePassword: { supported: false },
        sort: { supported: false },
        etag: { supported: false },
        authenticationSchemes: [expect.objectContaining({ type: 'oauthbearertoken' })],
      });

      const types = await scim().get('/ResourceTypes');
      expect(types.body).toMatchObject({ schemas: [LIST], totalResults: 1 });
      expect(types.body.Resources.map((type: { id: string }) => type.id)).toEqual(['User']);
      expect((await scim().get('/ResourceTypes/User')).body).toMatchObject({
        endpoint: '/Users',
        schema: USER_SCHEMA,
      });
      expectError(await scim().get('/ResourceTypes/Group'), 404);

      const schemas = await scim().get('/Schemas');
      expect(schemas.body.Resources.map((schema: { id: string }) => schema.id)).toEqual([
        USER_SCHEMA,
        ENTERPRISE,
      ]);
      const user = await scim().get(`/Schemas/${USER_SCHEMA}`);
      expect(user.status).toBe(200);
      expect(user.body.attributes).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ name: 'userName', uniqueness: 'server', caseExact: false }),
        ])
      );
      expectError(await scim().get('/Schemas/urn:nope'), 404);
    });

    it('answers every /Groups request with 501 and says why', async () => {
      for (const response of [
        await scim().get('/Groups'),
        await scim().get('/Groups/abc?excludedAttributes=members'),
        await scim().post('/Groups', { displayName: 'Teachers', members: [] }),
        await scim().patch('/Groups/abc', patchOf({ op: 'add', path: 'members', value: [] })),
        await scim().delete('/Groups/abc'),
      ]) {
        expectError(response, 501);
        expect(response.body.detail).toMatch(/one role/);
      }
    });
  });

  describe('authentication', () => {
    it('answers 401 with a SCIM error without credentials, 403 to a user login or a token without the permission', async () => {
      const anonymous = await scim(null).get('/Users');
      expectError(anonymous, 401);
      expect(anonymous.headers['www-authenticate']).toMatch(/^Bearer/);
      expectError(await scim('not-a-token').get('/Users'), 401);

      const user = await createActiveUser(app);
      const jwt = (await logIn(app, user.email, USER_PASSWORD)).body.jwt as string;
      expectError(await scim(jwt).get('/Users'), 403);
      expectError(await scim(jwt).post('/Users', oktaUser()), 403);

      expectError(await scim(await createApiToken(app, 'read-only')).get('/Users'), 403);
      const other = await app.strapi.service('admin::api-token').create({
        name: `other-${hex()}`,
        type: 'custom',
        lifespan: null,
        permissions: ['plugin::user-communication.provisioning.upsert'],
      });
      expectError(await scim(other.accessKey).get('/Users'), 403);
    });

    it('takes a custom API token that has the SCIM permission', async () => {
      const custom = await app.strapi.service('admin::api-token').create({
        name: `scim-${hex()}`,
        type: 'custom',
        lifespan: null,
        permissions: [SCIM_PERMISSION],
      });
      expect((await scim(custom.accessKey).get('/Users?count=1')).status).toBe(200);
      expect((await scim(custom.accessKey).post('/Users', oktaUser())).status).toBe(201);
    });
  });

  describe('Microsoft Entra ID', () => {
    it('create, get by userName filter, duplicate, multi- and single-valued PATCH, disable, delete', async () => {
      app.mail.clear();
      const body = entraUser();
      const created = await scim().post('/Users', body);
      expect(created.status).toBe(201);
      expect(created.headers['content-type']).toMatch(/^application\/scim\+json/);
      const { id } = created.body;
      expect(created.headers.location).toBe(`http://localhost:1337${BASE}/Users/${id}`);
      expect(created.body).toMatchObject({
        schemas: [USER_SCHEMA],
        id,
        externalId: body.externalId,
        userName: body.userName,
        active: true,
        name: body.name,
        // As sent (case included); the users-permissions address is lower-cased.
        emails: body.emails,
        meta: {
          resourceType: 'User',
          created: expect.any(String),
          lastModified: expect.any(String),
          location: created.headers.location,
        },
      });
      expect(created.body).not.toHaveProperty('roles');

      const row = await stored(id);
      expect(row).toMatchObject({
        origin: 'scim',
        externalId: body.externalId,
        email: body.emails[0].value.toLowerCase(),
        provider: 'oidc',
        confirmed: true,
        blocked: false,
        password: null,
        scimLastChange: 'created',
        scimUpdatedAt: expect.anything(),
      });
      expect(row.role.type).toBe('authenticated');

      const found = await scim().get(filter(`userName eq "${body.userName}"`));
      expect(found.body).toMatchObject({
        schemas: [LIST],
        totalResults: 1,
        startIndex: 1,
        itemsPerPage: 1,
        Resources: [{ id, userName: body.userName }],
      });
      const none = await scim().get(filter('userName eq "non-existent user"'));
      expect(none.body).toMatchObject({ totalResults: 0, Resources: [], startIndex: 1 });
      const byMail = await scim().get(
        filter(`emails[type eq "work"].value eq "${body.emails[0].value}"`)
      );
      expect(byMail.body.Resources.map((user: { id: string }) => user.id)).toEqual([id]);
      const byExternal = await scim().get(filter(`externalId eq "${body.externalId}"`));
      expect(byExternal.body.totalResults).toBe(1);

      const duplicate = await scim().post('/Users', { ...body, externalId: crypto.randomUUID() });
      expectError(duplicate, 409, 'uniqueness');

      const multi = await scim().patch(
        `/Users/${id}`,
        patchOf(
          {
            op: 'Replace',
            path: 'emails[type eq "work"].value',
            value: `updated.${hex()}@microsoft.com`,
          },
          { op: 'Replace', path: 'name.familyName', value: 'updatedFamilyName' }
        )
      );
      expect(multi.status).toBe(200);
      expect(multi.body.name).toEqual({ ...body.name, familyName: 'updatedFamilyName' });
      expect(multi.body.emails[0].value).toMatch(/^updated\..*@microsoft\.com$/);
      expect((await stored(id)).email).toBe(multi.body.emails[0].value);

      const renamed = `${hex()}@testuser.com`;
      const single = await scim().patch(
        `/Users/${id}`,
        patchOf({ op: 'Replace', path: 'userName', value: renamed })
      );
      expect(single.body.userName).toBe(renamed);
      expect((await scim().get(filter(`userName eq "${renamed}"`))).body.totalResults).toBe(1);

      // Entra before its 2020 compliance fix (and still without the flag) sends "False".
      const disabled = await scim().patch(
        `/Users/${id}`,
        patchOf({ op: 'Replace', path: 'active', value: 'False' })
      );
      expect(disabled.status).toBe(200);
      expect(disabled.body.active).toBe(false);
      expect((await stored(id)).blocked).toBe(true);
      const inactive = await scim().get(filter(`userName eq "${renamed}" and active eq false`));
      expect(inactive.body.Resources[0]).toMatchObject({ id, active: false });

      const deleted = await scim().delete(`/Users/${id}`);
      expect(deleted.status).toBe(204);
      expect(deleted.text).toBe('');
      expectError(await scim().get(`/Users/${id}`), 404);
      expect(await stored(id)).toBeNull();
      expectError(await scim().delete(`/Users/${id}`), 404);

      // Provisioned to sign in with the IdP (scim.activation "sso", the default): no mail.
      await settle(app);
      expect(app.mail.to(body.emails[0].value.toLowerCase())).toHaveLength(0);
    });

    it('creates the user of RFC 7644 §3.3, which has no e-mail; its first address comes later', async () => {
      const userName = `bjensen-${hex()}`;
      const created = await create({
        schemas: [USER_SCHEMA],
        userName,
        externalId: userName,
        name: { formatted: 'Ms. Barbara J Jensen III', familyName: 'Jensen', givenName: 'Barbara' },
      });
      expect(created).not.toHaveProperty('emails');
      expect(await stored(created.id)).toMatchObject({ email: null, username: userName });
      const address = `${userName}@example.com`;
      const patched = await scim().patch(
        `/Users/${created.id}`,
        patchOf({ op: 'add', path: 'emails', value: [{ value: address, type: 'work' }] })
      );
      expect(patched.body.emails).toEqual([{ value: address, type: 'work' }]);
      expect((await stored(created.id)).email).toBe(address);
    });

    it("builds locations from publicUrl, not from the request's Host header", async () => {
      const response = await scim()
        .post('/Users', entraUser())
        .set('Host', 'attacker.example')
        .set('X-Forwarded-Host', 'attacker.example');
      expect(response.status).toBe(201);
      expect(response.headers.location).toMatch(/^http:\/\/localhost:1337\//);
      expect(response.body.meta.location).toBe(response.headers.location);
    });

    it('takes Add operations, extension paths and a manager id as Entra sends them', async () => {
      const { id } = await create({
        ...entraUser(),
        emails: undefined,
        userName: `${hex()}@contoso.com`,
      });
      const response = await scim().patch(
        `/Users/${id}`,
        patchOf(
          { op: 'Add', path: 'displayName', value: 'Ada Lovelace' },
          { op: 'Add', path: 'title', value: 'Countess' },
          { op: 'Add', path: 'preferredLanguage', value: 'da-DK' },
          { op: 'Add', path: 'phoneNumbers[type eq "work"].value', value: '+45 1234 5678' },
          { op: 'Add', path: `${ENTERPRISE}:department`, value: 'Mathematics' },
          { op: 'Add', path: `${ENTERPRISE}:manager`, value: 'manager-id-1' }
        )
      );
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        schemas: [USER_SCHEMA, ENTERPRISE],
        displayName: 'Ada Lovelace',
        title: 'Countess',
        preferredLanguage: 'da-DK',
        phoneNumbers: [{ type: 'work', value: '+45 1234 5678' }],
        [ENTERPRISE]: { department: 'Mathematics', manager: { value: 'manager-id-1' } },
      });
      // The address came from userName (no emails were sent); the language picks the e-mails'.
      expect(await stored(id)).toMatchObject({ locale: 'da-DK' });
      expect(response.body.emails[0].value).toMatch(/@contoso\.com$/);

      const removed = await scim().patch(
        `/Users/${id}`,
        patchOf(
          { op: 'Remove', path: 'phoneNumbers[type eq "work"]' },
          { op: 'Remove', path: `${ENTERPRISE}:manager` },
          { op: 'remove', path: 'title' }
        )
      );
      expect(removed.body).not.toHaveProperty('phoneNumbers');
      expect(removed.body).not.toHaveProperty('title');
      expect(removed.body[ENTERPRISE]).toEqual({ department: 'Mathematics' });
    });
  });

  describe('Okta SCIM 2.0 spec test', () => {
    it('lists, finds, creates, refuses a duplicate, finds an upper-cased userName, 404s an unknown id, updates by PUT, deactivates', async () => {
      await create(oktaUser());
      const first = await scim().get('/Users?count=1&startIndex=1');
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ schemas: [LIST], startIndex: 1, itemsPerPage: 1 });
      expect(first.body.totalResults).toBeGreaterThanOrEqual(1);
      expect(first.body.Resources[0]).toEqual(
        expect.objectContaining({
          id: expect.any(String),
          userName: expect.any(String),
          active: expect.any(Boolean),
        })
      );

      const body = oktaUser();
      const random = await scim().get(
        `${filter(`userName eq "${body.userName}"`)}&startIndex=1&count=100`
      );
      expect(random.body.totalResults).toBe(0);

      const created = await scim().post('/Users', body);
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        userName: body.userName,
        active: true,
        name: body.name,
        displayName: body.displayName,
        locale: 'en-US',
        emails: [{ value: body.emails[0].value, primary: true, type: 'work' }],
      });
      // Passwords are never taken from a provisioning client; groups are not provisioned.
      expect(created.body).not.toHaveProperty('password');
      expect(created.body).not.toHaveProperty('groups');
      expect((await stored(created.body.id)).password).toBeNull();

      const fetched = await scim().get(`/Users/${created.body.id}`);
      expect(fetched.body).toEqual(created.body);

      expectError(await scim().post('/Users', body), 409, 'uniqueness');
      const upper = await scim().get(filter(`userName eq "${body.userName.toUpperCase()}"`));
      expect(upper.body.Resources.map((user: { id: string }) => user.id)).toEqual([
        created.body.id,
      ]);
      expectError(
        await scim().post('/Users', { ...oktaUser(), userName: body.userName.toUpperCase() }),
        409,
        'uniqueness'
      );

      expectError(await scim().get('/Users/010101001010101'), 404);

      const put = await scim().put(`/Users/${created.body.id}`, {
        ...body,
        id: created.body.id,
        name: { givenName: 'Another', familyName: 'User' },
        displayName: 'Another User',
        meta: created.body.meta,
      });
      expect(put.status).toBe(200);
      expect(put.body).toMatchObject({
        name: { givenName: 'Another', familyName: 'User' },
        displayName: 'Another User',
      });
      expect((await stored(created.body.id)).scimLastChange).toBe('updated');

      // Okta deactivates with a no-path replace.
      const deactivated = await scim().patch(
        `/Users/${created.body.id}`,
        patchOf({ op: 'replace', value: { active: false } })
      );
      expect(deactivated.body.active).toBe(false);
      expect(await stored(created.body.id)).toMatchObject({
        blocked: true,
        scimLastChange: 'deactivated',
      });
      const reactivated = await scim().patch(
        `/Users/${created.body.id}`,
        patchOf({ op: 'replace', value: { active: true } })
      );
      expect(reactivated.body.active).toBe(true);
      expect(await stored(created.body.id)).toMatchObject({
        blocked: false,
        scimLastChange: 'reactivated',
      });
    });

    it('a PUT of the same user again changes nothing, not even the last provisioning change', async () => {
      const body = oktaUser();
      const created = await create(body);
      const before = await stored(created.id);
      const again = await scim().put(`/Users/${created.id}`, { ...body, id: created.id });
      expect(again.status).toBe(200);
      const after = await stored(created.id);
      expect(after.scimUpdatedAt).toEqual(before.scimUpdatedAt);
      expect(after.updatedAt).toEqual(before.updatedAt);
    });
  });

  describe('lists', () => {
    it('pages 1-based with startIndex and count, in a stable order', async () => {
      const tag = hex();
      const ids: string[] = [];
      for (let i = 0; i < 7; i += 1) {
        ids.push((await create({ ...oktaUser(), userName: `page-${tag}-${i}@example.com` })).id);
      }
      const query = filter(`userName sw "page-${tag}-"`);
      const page = async (startIndex: number, count: number) =>
        (await scim().get(`${query}&startIndex=${startIndex}&count=${count}`)).body;

      expect(await page(1, 3)).toMatchObject({ totalResults: 7, startIndex: 1, itemsPerPage: 3 });
      const all = [
        ...(await page(1, 3)).Resources,
        ...(await page(4, 3)).Resources,
        ...(await page(7, 3)).Resources,
      ];
      expect(all.map((user: { id: string }) => user.id)).toEqual(ids);
      expect(await page(8, 3)).toMatchObject({ totalResults: 7, itemsPerPage: 0, Resources: [] });
      expect(await page(0, 2)).toMatchObject({ startIndex: 1, itemsPerPage: 2 });
      expect(await page(1, 0)).toMatchObject({ totalResults: 7, itemsPerPage: 0, Resources: [] });
      expect((await page(1, -5)).itemsPerPage).toBe(0);
      expectError(await scim().get(`${query}&count=many`), 400, 'invalidValue');

      const co = await scim().get(
        filter(`userName co "${tag}-3" or userName ew "${tag}-6@EXAMPLE.COM"`)
      );
      expect(co.body.Resources.map((user: { id: string }) => user.id)).toEqual([ids[3], ids[6]]);
      const present = await scim().get(filter(`userName sw "page-${tag}" and not (externalId pr)`));
      expect(present.body.totalResults).toBe(0);
    });

    it('returns only the attributes asked for, or all but the excluded ones', async () => {
      const { id, userName } = await create(entraUser());
      const only = await scim().get(`/Users/${id}?attributes=userName,name.givenName,emails.value`);
      expect(only.body).toEqual({
        schemas: [USER_SCHEMA],
        id,
        userName,
        name: { givenName: 'givenName' },
        emails: [{ value: expect.any(String) }],
      });
      const without = await scim().get(
        `${filter(`userName eq "${userName}"`)}&excludedAttributes=name,emails,meta,id`
      );
      const [user] = without.body.Resources;
      expect(user).toMatchObject({ id, userName, active: true });
      expect(user).not.toHaveProperty('name');
      expect(user).not.toHaveProperty('emails');
      expect(user).not.toHaveProperty('meta');
    });

    it('shows only the users SCIM provisioned', async () => {
      const local = await createActiveUser(app);
      expect((await scim().get(filter(`emails.value eq "${local.email}"`))).body.totalResults).toBe(
        0
      );
      expectError(await scim().get(`/Users/${local.documentId}`), 404);
      expectError(
        await scim().patch(
          `/Users/${local.documentId}`,
          patchOf({ op: 'replace', path: 'active', value: false })
        ),
        404
      );
      // Its address is taken: provisioning it again would make a second account for one mailbox.
      const clash = await scim().post('/Users', {
        ...oktaUser(),
        emails: [{ value: local.email, primary: true }],
      });
      expectError(clash, 409, 'uniqueness');
      expect(
        (await app.strapi.db.query(USER_UID).findOne({ where: { id: local.id } })).blocked
      ).toBe(false);
    });
  });

  describe('deactivation', () => {
    it('active false blocks the user, ends their sessions, revokes their links and cancels their queued mail; true unblocks', async () => {
      app.strapi.config.set('plugin::user-communication.scim.activation', 'email');
      try {
        const created = await create(oktaUser());
        const user = await stored(created.id);
        expect(user.provider).toBe('local');
        await app.strapi.plugin('users-permissions').service('user').edit(user.id, {
          password: USER_PASSWORD,
          confirmed: true,
        });
        const login = await logIn(app, user.email, USER_PASSWORD);
        expect(login.status).toBe(200);
        const { jwt, refreshToken } = login.body as { jwt: string; refreshToken: string };
        const liveLinks = () =>
          app.strapi.db.query('plugin::user-communication.token').count({
            where: { userId: user.id, usedAt: null, supersededAt: null },
          });
        await app.http().post('/api/auth/forgot-password').send({ email: user.email });
        await settle(app);
        expect(await liveLinks()).toBe(1);

        // Mail still waiting: one due tomorrow, one waiting for a retry. The worker is held while
        // they are queued and rescheduled, or it could send them first.
        await worker(app).stop();
        const later = await outbox(app).enqueue({
          type: 'test',
          userId: user.id,
          recipient: user.email,
          subject: 'Later',
          text: 'Later',
          html: '<p>Later</p>',
          dedupeKey: `test:${crypto.randomUUID()}`,
        });
        const retry = await outbox(app).enqueue({
          type: 'test',
          userId: user.id,
          recipient: user.email,
          subject: 'Retry',
          text: 'Retry',
          html: '<p>Retry</p>',
          dedupeKey: `test:${crypto.randomUUID()}`,
        });
        const tomorrow = new Date(Date.now() + 86_400_000);
        const messages = app.strapi.db.query('plugin::user-communication.message');
        await messages.update({ where: { id: later.id }, data: { nextAttemptAt: tomorrow } });
        await messages.update({
          where: { id: retry.id },
          data: { status: 'failed', nextAttemptAt: tomorrow },
        });

        const response = await scim().patch(
          `/Users/${created.id}`,
          patchOf({ op: 'Replace', path: 'active', value: 'False' })
        );
        expect(response.status).toBe(200);

        expect(
          (await app.http().get('/api/users/me').set('Authorization', `Bearer ${jwt}`)).status
        ).toBe(401);
        expect((await app.http().post('/api/auth/refresh').send({ refreshToken })).status).toBe(
          401
        );
        expect((await logIn(app, user.email, USER_PASSWORD)).status).toBe(400);
        for (const id of [later.id, retry.id]) {
          expect(await messages.findOne({ where: { id } })).toMatchObject({
            status: 'cancelled',
            nextAttemptAt: null,
            lastError: expect.stringMatching(/deactivated/),
          });
        }
        expect(await liveLinks()).toBe(0);

        await scim().patch(
          `/Users/${created.id}`,
          patchOf({ op: 'Replace', path: 'active', value: 'True' })
        );
        expect((await stored(created.id)).blocked).toBe(false);
        expect((await logIn(app, user.email, USER_PASSWORD)).status).toBe(200);
        expect((await messages.findOne({ where: { id: later.id } })).status).toBe('cancelled');
      } finally {
        worker(app).start();
        app.strapi.config.set('plugin::user-communication.scim.activation', 'sso');
      }
    });

    it('scim.activation "email" sends the activation e-mail; "sso" (default) sends none', async () => {
      const quiet = oktaUser();
      await create(quiet);
      app.strapi.config.set('plugin::user-communication.scim.activation', 'email');
      const mailed = oktaUser();
      try {
        await create(mailed);
      } finally {
        app.strapi.config.set('plugin::user-communication.scim.activation', 'sso');
      }
      await settle(app);
      expect(app.mail.to(quiet.emails[0].value)).toHaveLength(0);
      const [mail] = app.mail.to(mailed.emails[0].value);
      expect(mail.subject).toMatch(/activat/i);
    });
  });

  describe('no-login reminders', () => {
    it('count from the day a user is provisioned, and reach sso users with the platform link', async () => {
      const settings = app.strapi.plugin('user-communication').service('settings');
      const reminders = app.strapi.plugin('user-communication').service('reminders');
      const user = oktaUser();
      await create(user);
      const provisioned = app.clock.now();
      const address = user.emails[0].value;
      await settings.update({ noLoginReminder: { enabled: true, intervalDays: 30, hourUtc: 6 } });
      try {
        app.clock.set(provisioned.plus({ days: 20 }));
        await reminders.run('manual');
        await settle(app);
        expect(app.mail.to(address)).toHaveLength(0);

        app.clock.set(provisioned.plus({ days: 31 }));
        await reminders.run('manual');
        await settle(app);
        const [reminder, ...more] = app.mail.to(address);
        expect(more).toHaveLength(0);
        expect(reminder.subject).toMatch(/miss you/i);
        expect(reminder.links).toContain('https://learn.example.com');
        expect(reminder.text).not.toMatch(/token=|code=/);
      } finally {
        await settings.update({ noLoginReminder: { enabled: false } });
        app.clock.reset();
      }
    });
  });

  describe('bad requests', () => {
    it('answers each with its RFC 7644 scimType', async () => {
      const { id } = await create(entraUser());
      expectError(await scim().get(filter('userName eq')), 400, 'invalidFilter');
      expectError(await scim().get(filter('userName eq "a" and')), 400, 'invalidFilter');
      expectError(await scim().get(filter('(userName eq "a"')), 400, 'invalidFilter');
      expectError(await scim().get(filter('nickname eq "a"')), 400, 'invalidFilter');
      expectError(await scim().get(filter('bogus eq "a"')), 400, 'invalidFilter');
      expectError(await scim().get(filter('active eq "maybe"')), 400, 'invalidFilter');

      const patch = (...operations: unknown[]) =>
        scim().patch(`/Users/${id}`, patchOf(...operations));
      expectError(await patch({ op: 'replace', path: 'bogus', value: 'x' }), 400, 'invalidPath');
      expectError(
        await patch({ op: 'replace', path: 'name.nope', value: 'x' }),
        400,
        'invalidPath'
      );
      expectError(
        await patch({ op: 'replace', path: 'emails[type eq "work"', value: 'x' }),
        400,
        'invalidPath'
      );
      expectError(await patch({ op: 'replace', value: { bogus: 1 } }), 400, 'invalidPath');
      expectError(
        await patch({ op: 'replace', path: 'active', value: 'maybe' }),
        400,
        'invalidValue'
      );
      expectError(
        await patch({ op: 'replace', path: 'name.givenName', value: 42 }),
        400,
        'invalidValue'
      );
      expectError(
        await patch({
          op: 'replace',
          path: 'emails[type eq "work"].value',
          value: 'not-an-address',
        }),
        400,
        'invalidValue'
      );
      expectError(await patch({ op: 'replace', path: 'id', value: 'other' }), 400, 'mutability');
      expectError(
        await patch({ op: 'replace', path: 'meta.created', value: '2020-01-01T00:00:00Z' }),
        400,
        'mutability'
      );
      expectError(
        await patch({ op: 'add', path: 'groups', value: [{ value: 'g' }] }),
        400,
        'mutability'
      );
      expectError(await patch({ op: 'remove' }), 400, 'noTarget');
      expectError(await patch({ op: 'move', path: 'title' }), 400, 'invalidSyntax');
      expectError(
        await scim().patch(`/Users/${id}`, { schemas: [PATCH_OP], Operations: [] }),
        400,
        'invalidSyntax'
      );

      const current = (await scim().get(`/Users/${id}`)).body;
      expectError(
        await scim().put(`/Users/${id}`, { ...current, id: 'someone-else' }),
        400,
        'mutability'
      );
      expectError(
        await scim().put(`/Users/${id}`, { ...current, userName: undefined }),
        400,
        'invalidValue'
      );
      expectError(
        await scim().post('/Users', { ...oktaUser(), active: 'sometimes' }),
        400,
        'invalidValue'
      );
      expectError(
        await scim().post('/Users', { schemas: ['urn:other'], userName: 'x@example.com' }),
        400,
        'invalidSyntax'
      );

      const broken = await app
        .http()
        .post(`${BASE}/Users`)
        .set('Authorization', `Bearer ${token}`)
        .set('Content-Type', 'application/scim+json')
        .send('{"userName": ');
      expectError(broken, 400, 'invalidSyntax');
      expectError(await scim().get('/Nothing'), 404);
    });

    it('applies a PATCH whole or not at all', async () => {
      const created = await create(entraUser());
      const response = await scim().patch(
        `/Users/${created.id}`,
        patchOf(
          { op: 'replace', path: 'displayName', value: 'Changed' },
          { op: 'replace', path: 'active', value: false },
          { op: 'replace', path: 'bogus', value: 'x' }
        )
      );
      expectError(response, 400, 'invalidPath');
      const after = (await scim().get(`/Users/${created.id}`)).body;
      expect(after).not.toHaveProperty('displayName');
      expect(after.active).toBe(true);

      // A clash found in the middle of the write is rolled back too.
      const other = await create(entraUser());
      const clash = await scim().patch(
        `/Users/${created.id}`,
        patchOf(
          { op: 'replace', path: 'displayName', value: 'Changed' },
          { op: 'replace', path: 'userName', value: other.userName.toUpperCase() }
        )
      );
      expectError(clash, 409, 'uniqueness');
      expect((await scim().get(`/Users/${created.id}`)).body).not.toHaveProperty('displayName');
    });

    it('refuses more than 1,000 operations and bodies over 1 MB', async () => {
      const { id } = await create(entraUser());
      const many = Array.from({ length: 1001 }, (_, i) => ({
        op: 'replace',
        path: 'displayName',
        value: `n${i}`,
      }));
      expectError(await scim().patch(`/Users/${id}`, patchOf(...many)), 400, 'invalidValue');
      const thousand = many.slice(0, 1000);
      const fine = await scim().patch(`/Users/${id}`, patchOf(...thousand));
      expect(fine.body.displayName).toBe('n999');

      const huge = { ...entraUser(), displayName: 'x'.repeat(1024 * 1024) };
      expectError(await scim().post('/Users', huge), 413);
      const asJson = await app
        .http()
        .post(`${BASE}/Users`)
        .set('Authorization', `Bearer ${token}`)
        .set('Content-Type', 'application/json')
        .send(JSON.stringify(huge));
      expectError(asJson, 413);
    });
  });

  describe.each(ISOLATIONS)('concurrency (%s)', (isolation) => {
    inIsolation(() => app, isolation);

    it('of two creations of one userName at once, one wins and the other gets 409', async () => {
      const body = oktaUser();
      const responses = await Promise.all([
        scim().post('/Users', body),
        scim().post('/Users', {
          ...body,
          emails: [{ value: `other.${hex()}@okta.local`, primary: true }],
        }),
      ]);
      expect(responses.map((response) => response.status).sort()).toEqual([201, 409]);
      expect(responses.find((response) => response.status === 409)?.body.scimType).toBe(
        'uniqueness'
      );
    });
  });

  describe('admin', () => {
    let admin: AdminSession;

    beforeAll(async () => {
      admin = await createAdmin(app);
    });

    it("the user's side panel data shows origin scim, externalId and the last provisioning change", async () => {
      const body = entraUser();
      const { id } = await create(body);
      await scim().patch(
        `/Users/${id}`,
        patchOf({ op: 'Replace', path: 'active', value: 'False' })
      );
      const response = await app
        .http()
        .get(`/content-manager/collection-types/${USER_UID}/${id}`)
        .set('Authorization', admin.auth);
      expect(response.status).toBe(200);
      expect(response.body.data).toMatchObject({
        origin: 'scim',
        externalId: body.externalId,
        scimUserName: body.userName,
        scimLastChange: 'deactivated',
        scimUpdatedAt: expect.any(String),
        blocked: true,
        activatedAt: expect.any(String),
      });
    });

    it('lists the SCIM permission where API tokens are configured, and its routes on the roles page', async () => {
      const actions = await app
        .http()
        .get('/admin/content-api/permissions')
        .set('Authorization', admin.auth);
      expect(actions.status).toBe(200);
      expect(actions.body.data['plugin::user-communication'].controllers.scim).toEqual([
        'provision',
      ]);
      const routes = await app
        .http()
        .get('/users-permissions/routes')
        .set('Authorization', admin.auth);
      expect(routes.status).toBe(200);
      expect(JSON.stringify(routes.body)).toContain('/scim/v2/Users');
    });

    it('the Content Manager cannot write the SCIM fields', async () => {
      const body = entraUser();
      const { id } = await create(body);
      const response = await app
        .http()
        .put(`/content-manager/collection-types/${USER_UID}/${id}`)
        .set('Authorization', admin.auth)
        .send({ externalId: 'forged', scimUserName: 'forged', scimLastChange: 'created' });
      expect(response.status).toBe(200);
      expect(await stored(id)).toMatchObject({
        externalId: body.externalId,
        scimUserName: body.userName,
      });
    });
  });
});
