import crypto from 'node:crypto';
import type { TestApp } from './strapi';

export const ADMIN_PASSWORD = 'Admin-Passw0rd!';
export const USER_PASSWORD = 'User-Passw0rd!';

const unique = (prefix: string) => `${prefix}-${crypto.randomBytes(4).toString('hex')}`;

export interface AdminSession {
  id: number;
  email: string;
  token: string;
  /** Authorization header value for the admin API. */
  auth: string;
}

/** Creates an admin (super admin unless roles are given) and logs in through the real admin login. */
export const createAdmin = async (
  app: TestApp,
  options: { roleIds?: number[] } = {}
): Promise<AdminSession> => {
  const { strapi } = app;
  const roleIds = options.roleIds ?? [(await strapi.service('admin::role').getSuperAdmin()).id];
  const email = `${unique('admin')}@example.com`;
  const user = await strapi.service('admin::user').create({
    email,
    firstname: 'Ada',
    lastname: 'Admin',
    password: ADMIN_PASSWORD,
    isActive: true,
    registrationToken: null,
    roles: roleIds,
  });
  const response = await app.http().post('/admin/login').send({ email, password: ADMIN_PASSWORD });
  if (response.status !== 200)
    throw new Error(`Admin login failed: ${response.status} ${JSON.stringify(response.body)}`);
  const token = response.body.data.token as string;
  return { id: user.id, email, token, auth: `Bearer ${token}` };
};

/** An admin role granted exactly the given actions (none by default). */
export const createAdminRole = async (app: TestApp, actions: string[] = []): Promise<number> => {
  const { strapi } = app;
  const role = await strapi
    .service('admin::role')
    .create({ name: unique('role'), description: 'test role' });
  if (actions.length > 0) {
    await strapi.service('admin::role').assignPermissions(
      role.id,
      actions.map((action) => ({ action, subject: null, properties: {}, conditions: [] }))
    );
  }
  return role.id;
};

export const createApiToken = async (
  app: TestApp,
  type: 'full-access' | 'read-only' = 'full-access'
): Promise<string> => {
  const token = await app.strapi.service('admin::api-token').create({
    name: unique('token'),
    description: 'integration test',
    type,
    lifespan: null,
  });
  return token.accessKey as string;
};

export const authenticatedRoleId = async (app: TestApp): Promise<number> => {
  const role = await app.strapi.db
    .query('plugin::users-permissions.role')
    .findOne({ where: { type: 'authenticated' } });
  return role.id as number;
};

export const newUserInput = (prefix = 'user') => {
  const name = unique(prefix);
  return { username: name, email: `${name}@example.com`, password: USER_PASSWORD };
};

export const findUser = (app: TestApp, email: string) =>
  app.strapi.db
    .query('plugin::users-permissions.user')
    .findOne({ where: { email: email.toLowerCase() } });
