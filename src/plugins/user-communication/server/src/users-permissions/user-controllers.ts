import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { USER_UID } from '../constants';
import { getService } from '../utils/get-service';

type Next = () => Promise<unknown>;
type Handler = (ctx: UserContext, next?: Next) => Promise<unknown>;

interface UserContext {
  request: { body?: Record<string, unknown> };
  status: number;
  body?: { id?: number; data?: { id?: number } };
}

const givenPassword = (body: Record<string, unknown> | undefined): unknown =>
  body && typeof body === 'object' && body.password !== '' ? body.password : undefined;

/**
 * users-permissions' user controllers: the Content Manager's (`contentmanageruser`) and the
 * content API's (`POST/PUT /api/users`).
 * - Passwordless creation: an admin or an integration creates a user with just an e-mail, a
 *   username and a role, and the user chooses a password through the activation link. Its
 *   create schema requires a password, so a random, never-disclosed one satisfies it and is
 *   removed right after: a user without a password cannot log in until activation sets one.
 * - The project's password rules (password-rules.ts) on a password an admin or a client types:
 *   its schemas only ask for one character.
 */
export const wrapUserControllers = (strapi: Core.Strapi): void => {
  const checkGiven = async (ctx: UserContext) => {
    const password = givenPassword(ctx.request.body);
    if (password !== undefined) await getService(strapi, 'passwords').check(password, password);
  };

  const wrap = (uid: string) =>
    strapi.get('controllers').extend(uid, (controller: Record<string, Handler>) => ({
      ...controller,

      async create(ctx: UserContext, next?: Next) {
        await checkGiven(ctx);
        const body = ctx.request.body;
        const passwordless = body !== undefined && givenPassword(body) === undefined;
        if (passwordless) body.password = crypto.randomBytes(32).toString('base64url');
        const result = await controller.create(ctx, next);
        const id = ctx.body?.id ?? ctx.body?.data?.id;
        if (passwordless && ctx.status === 201 && typeof id === 'number') {
          await getService(strapi, 'user-state').trusted(() =>
            strapi.db.query(USER_UID).update({ where: { id }, data: { password: null } })
          );
        }
        return result;
      },

      async update(ctx: UserContext, next?: Next) {
        await checkGiven(ctx);
        return controller.update(ctx, next);
      },
    }));

  wrap('plugin::users-permissions.contentmanageruser');
  wrap('plugin::users-permissions.user');
};
