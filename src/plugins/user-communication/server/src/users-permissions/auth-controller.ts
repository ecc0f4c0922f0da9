import type { Core } from '@strapi/strapi';
import { getService } from './utils/get-service';
import { logIn } from './utils/log-in';
import { pluginConfig } from './utils/plugin-config';
import { validateForgot, validateReset } from './validation/passwords';
import type { Ctx } from './controllers/context';

type Handler = (ctx: AuthContext, next?: () => Promise<unknown>) => Promise<unknown>;

type AuthContext = Ctx & {
  params: { provider?: string };
  state: Ctx['state'] & { user?: { id: number } };
  body?: { jwt?: unknown } | unknown;
};

const isLoginAttempt = (body: unknown): body is { identifier: string; password: string } =>
  typeof body === 'object' &&
  body !== null &&
  typeof (body as Record<string, unknown>).identifier === 'string' &&
  typeof (body as Record<string, unknown>).password === 'string';

/**
 * Puts users-permissions' password routes on the plugin's mechanisms, keeping their paths
 * and request shapes so existing front ends keep working:
 * - forgot-password / reset-password: hashed single-use expiring tokens, the plugin's
 *   templates and outbox, sessions ended on success;
 * - local login: a correct one-time password must be changed first;
 * - change-password (logged-in users): the "password changed" notice and, in
 *   legacy-support mode, the end of the other JWTs.
 * Done in register(), like the other controller wraps (see track-logins.ts).
 */
export const overrideAuthRoutes = (strapi: Core.Strapi): void => {
  strapi
    .get('controllers')
    .extend('plugin::users-permissions.auth', (controller: Record<string, Handler>) => ({
      ...controller,

      async forgotPassword(ctx: AuthContext) {
        const { email } = await validateForgot(ctx.request.body);
        const limits = getService(strapi, 'rate-limits');
        await limits.limitClient('password-reset', ctx.request.ip);
        await limits.limitAddress('password-reset', email);
        getService(strapi, 'password-reset').request(email);
        ctx.status = 200;
        ctx.body = { ok: true };
      },

      async resetPassword(ctx: AuthContext) {
        await getService(strapi, 'rate-limits').limitClient(
          'password-reset-complete',
          ctx.request.ip
        );
        const input = await validateReset(ctx.request.body);
        const user = await getService(strapi, 'password-reset').complete(input);
        if (pluginConfig(strapi).resetPasswordReturnsJwt)
          return logIn(strapi, ctx, user, input.password, input.deviceId);
        ctx.status = 200;
        ctx.body = { ok: true };
        return undefined;
      },

      async callback(ctx: AuthContext, next?: () => Promise<unknown>) {
        const provider = ctx.params.provider ?? 'local';
        if (provider === 'local' && isLoginAttempt(ctx.request.body)) {
          await getService(strapi, 'passwords').interceptOneTimeLogin(ctx.request.body);
        }
        return controller.callback(ctx, next);
      },

      async changePassword(ctx: AuthContext, next?: () => Promise<unknown>) {
        const result = await controller.changePassword(ctx, next);
        const userId = ctx.state.user?.id;
        if (ctx.status === 200 && typeof userId === 'number') {
          const jwt = (ctx.body as { jwt?: unknown } | undefined)?.jwt;
          await getService(strapi, 'passwords').afterSelfServiceChange(
            userId,
            typeof jwt === 'string' ? jwt : null
          );
        }
        return result;
      },
    }));
};
