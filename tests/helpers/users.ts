import crypto from 'node:crypto';
import type { TestApp } from './strapi';

const USER_UID = 'plugin::users-permissions.user';

/**
 * A user as an import or a past would have left it: created (and maybe last seen) at given
 * instants. Written with the Query Engine so no activation e-mail is queued.
 */
export const seedUser = async (
  app: TestApp,
  options: { createdAt: string; lastLoginAt?: string | null; activatedAt?: string | null; blocked?: boolean; email?: string | null; locale?: string }
) => {
  const name = `seed-${crypto.randomBytes(4).toString('hex')}`;
  const user = await app.strapi.plugin('user-communication').service('user-state').trusted(() =>
    app.strapi.db.query(USER_UID).create({
      data: {
        username: name,
        email: options.email === null ? null : options.email ?? `${name}@example.com`,
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
  await app.strapi.db.connection('up_users').where({ id: user.id }).update({ created_at: new Date(options.createdAt) });
  return user as { id: number; email: string; username: string };
};
