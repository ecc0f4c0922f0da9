import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { USER_UID } from '../constants';
import { getService } from '../utils/get-service';
import { markPasswordChecked } from './password-rules';

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
 * - The project's password rules on a password an admin or a client types, checked here on
 *   create: both create controllers turn any error of the write into an ApplicationError
 *   without the field, which would hide the rule that failed. Every other write (update, the
 *   Content Manager's clone) is checked by the Document Service guard (password-rules.ts).
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
        if (passwordless) {
          const placeholder = crypto.randomBytes(32).toString('base64url');
          // Never used to log in, and the project's hook may refuse a random string.
          markPasswordChecked(strapi, placeholder);
          body.password = placeholder;
        }
        const result = await controller.create(ctx, next);
        const id = ctx.body?.id ?? ctx.body?.data?.id;
        if (passwordless && ctx.status === 201 && typeof id === 'number') {
          await getService(strapi, 'user-state').trusted(() =>
            strapi.db.query(USER_UID).update({ where: { id }, data: { password: null } })
          );
        }
        return result;
      },
    }));

  wrap('plugin::users-permissions.contentmanageruser');
  wrap('plugin::users-permissions.user');
};
