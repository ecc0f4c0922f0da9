import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { USER_UID } from '../constants';
import { getService } from '../utils/get-service';

type Next = () => Promise<unknown>;
type Handler = (ctx: CreateContext, next?: Next) => Promise<unknown>;

interface CreateContext {
  request: { body?: Record<string, unknown> };
  status: number;
  body?: { id?: number; data?: { id?: number } };
}

/**
 * Lets an admin (Content Manager) or an integration (POST /api/users) create a user with
 * just an e-mail, a username and a role: the user chooses a password through the
 * activation link. users-permissions' create schema requires a password, so a random,
 * never-disclosed one satisfies it, and is removed right after: a user without a password
 * cannot log in (`auth.callback` refuses it) until activation sets one.
 */
export const wrapUserCreate = (strapi: Core.Strapi): void => {
  const wrap = (uid: string) =>
    strapi.get('controllers').extend(uid, (controller: Record<string, Handler>) => ({
      ...controller,
      async create(ctx: CreateContext, next?: Next) {
        const body = ctx.request.body;
        const passwordless =
          body !== undefined &&
          typeof body === 'object' &&
          (body.password === undefined || body.password === '');
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
    }));

  wrap('plugin::users-permissions.contentmanageruser');
  wrap('plugin::users-permissions.user');
};
