import type { Core } from '@strapi/strapi';
import { getService } from './utils/get-service';

type Handler = (ctx: LoginContext, next?: () => Promise<unknown>) => Promise<unknown>;

interface LoginContext {
  status: number;
  body?: { user?: { id?: number } };
}

/**
 * Every successful login of users-permissions (local and provider/SSO callbacks alike)
 * ends in `auth.callback`. Wrapped here, in register(), because Strapi binds route
 * handlers to controller instances before any plugin's bootstrap runs.
 */
export const trackLogins = (strapi: Core.Strapi): void => {
  strapi
    .get('controllers')
    .extend('plugin::users-permissions.auth', (controller: Record<string, Handler>) => ({
      ...controller,
      async callback(ctx: LoginContext, next?: () => Promise<unknown>) {
        const result = await controller.callback(ctx, next);
        const userId = ctx.body?.user?.id;
        if (ctx.status === 200 && typeof userId === 'number') {
          await getService(strapi, 'user-state').recordLogin(userId);
        }
        return result;
      },
    }));
};
