import crypto from 'node:crypto';
import type { TestApp } from './strapi';

const USER_UID = 'plugin::users-permissions.user';

/**
 * A user as an import or a past would have left it: created (and maybe last seen) at given
 * instants. Written with the Query Engine so no activation e-mail is queued.
 */
export const seedUser = async (
  app: TestApp,
  options: {
    createdAt: string;
    lastLoginAt?: string | null;
    activatedAt?: string | null;
    blocked?: boolean;
    email?: string | null;
    locale?: string;
    username?: string;
  }
) => {
  const name = `seed-${crypto.randomBytes(4).toString('hex')}`;
  const user = await app.strapi
    .plugin('user-communication')
    .service('user-state')
    .trusted(() =>
      app.strapi.db.query(USER_UID).create({
        data: {
          username: options.username ?? name,
          email: options.email === null ? null : (options.email ?? `${name}@example.com`),
          provider: 'local',
          confirmed: Boolean(options.activatedAt),
          blocked: options.blocked ?? false,
          origin: 'excel',
          locale: options.locale ?? null,
          lastLoginAt: options.lastLoginAt ?? null,
          activatedAt: options.activatedAt ?? null,
        },
      })
    );
  await app.strapi.db
    .connection('up_users')
    .where({ id: user.id })
    .update({ created_at: new Date(options.createdAt) });
  return user as { id: number; email: string; username: string };
};

/** Many users at once, straight into the table (as an import or a migration would). */
export const seedUsersBulk = async (
  app: TestApp,
  count: number,
  options: { createdAt: string; lastLoginAt?: string | null; activated?: boolean }
) => {
  const rows = Array.from({ length: count }, () => {
    const name = `bulk-${crypto.randomBytes(5).toString('hex')}`;
    return {
      document_id: crypto.randomBytes(12).toString('hex'),
      username: name,
      email: `${name}@example.com`,
      provider: 'local',
      confirmed: true,
      blocked: false,
      origin: 'excel',
      created_at: new Date(options.createdAt),
      updated_at: new Date(options.createdAt),
      published_at: new Date(options.createdAt),
      activated_at: options.activated === false ? null : new Date(options.createdAt),
      last_login_at: options.lastLoginAt ? new Date(options.lastLoginAt) : null,
    };
  });
  for (let index = 0; index < rows.length; index += 200) {
    await app.strapi.db.connection('up_users').insert(rows.slice(index, index + 200));
  }
  return rows.map((row) => row.email);
};
