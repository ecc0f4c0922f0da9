import type { Core } from '@strapi/strapi';
import type { Ctx } from '../controllers/context';
import { getService } from '../utils/get-service';
import { pluginConfig } from '../utils/plugin-config';
import { validateForgot, validateReset } from '../validation/passwords';
import { confirmationLookup } from './confirmation-code';
import { logIn } from './log-in';
import { isOidcEnabled } from './oidc-provider';
import {
  afterOidcConnect,
  oidcCallback,
  prepareOidcConnect,
  type OidcSession,
} from './oidc-routes';

type Next = () => Promise<unknown>;
type Handler = (ctx: AuthContext, ...rest: unknown[]) => Promise<unknown>;

type AuthContext = Ctx & {
  params: { provider?: string };
  state: Ctx['state'] & { user?: { id: number }; oidcUnavailable?: string };
  path: string;
  session?: OidcSession | null;
  response: { get(field: string): string };
  redirect(url: string): void;
};

const isLoginAttempt = (body: unknown): body is { identifier: string; password: string } =>
  typeof body === 'object' &&
  body !== null &&
  typeof (body as Record<string, unknown>).identifier === 'string' &&
  typeof (body as Record<string, unknown>).password === 'string';

const loggedInUserId = (ctx: AuthContext): number | null => {
  const id = (ctx.body as { user?: { id?: unknown } } | undefined)?.user?.id;
  return ctx.status === 200 && typeof id === 'number' ? id : null;
};

/**
 * users-permissions' auth controller, wrapped once, keeping its routes and request shapes so
 * existing front ends keep working:
 * - forgot-password / reset-password run on the plugin's hashed, single-use, expiring links,
 *   its templates and outbox (their rate limits are declared on the routes: auth-routes.ts);
 * - connect and callback of the `oidc` provider: the issuer's endpoints, and one login per
 *   round trip to the provider (oidc-routes.ts);
 * - callback, where every login ends (local and provider/SSO alike): a correct one-time
 *   password must be changed first, and every successful login is recorded;
 * - change-password (a logged-in user): the "password changed" notice (the user lifecycles
 *   revoke the open links and end the older sessions, as for any password change);
 * - email-confirmation (activation off): the stored code is a digest;
 * - register: not with an address of a domain that signs in with SSO (services/oidc.ts).
 * Done in register(): Strapi binds route handlers to controller instances before any
 * plugin's bootstrap runs.
 */
export const wrapAuthController = (strapi: Core.Strapi): void => {
  strapi
    .get('controllers')
    .extend('plugin::users-permissions.auth', (controller: Record<string, Handler>) => ({
      ...controller,

      async forgotPassword(ctx: AuthContext) {
        const { email } = await validateForgot(ctx.request.body);
        getService(strapi, 'password-reset').request(email);
        ctx.status = 200;
        ctx.body = { ok: true };
      },

      async resetPassword(ctx: AuthContext) {
        const input = await validateReset(ctx.request.body);
        const user = await getService(strapi, 'password-reset').complete(input);
        if (pluginConfig(strapi).resetPasswordReturnsJwt) {
          return logIn(strapi, ctx, { user, password: input.password, deviceId: input.deviceId });
        }
        ctx.status = 200;
        ctx.body = { ok: true };
        return undefined;
      },

      async callback(ctx: AuthContext, next?: Next) {
        const provider = ctx.params.provider ?? 'local';
        if (provider === 'local' && isLoginAttempt(ctx.request.body)) {
          await getService(strapi, 'one-time-passwords').interceptLogin(ctx.request.body);
        }
        const result = await oidcCallback(strapi, ctx, provider, () =>
          controller.callback(ctx, next)
        );
        const userId = loggedInUserId(ctx);
        if (userId !== null) await getService(strapi, 'user-state').recordLogin(userId);
        return result;
      },

      // The row holds the code's digest (confirmation-code.ts): look it up by the digest. The
      // GraphQL plugin calls this with a third argument (answer with the login): passed on.
      async emailConfirmation(ctx: AuthContext, ...rest: unknown[]) {
        const code = ctx.query.confirmation;
        if (typeof code === 'string' && code !== '')
          ctx.query = { ...ctx.query, confirmation: await confirmationLookup(strapi, code) };
        return controller.emailConfirmation(ctx, ...rest);
      },

      async register(ctx: AuthContext, ...rest: unknown[]) {
        if (isOidcEnabled(strapi)) {
          const { email } = (ctx.request.body ?? {}) as { email?: unknown };
          getService(strapi, 'oidc').refuseLocalRegistration(email);
        }
        return controller.register(ctx, ...rest);
      },

      async connect(ctx: AuthContext, next?: Next) {
        if (!(await prepareOidcConnect(strapi, ctx))) return undefined;
        const result = await controller.connect(ctx, next);
        afterOidcConnect(strapi, ctx);
        return result;
      },

      async changePassword(ctx: AuthContext, next?: Next) {
        const result = await controller.changePassword(ctx, next);
        const userId = ctx.state.user?.id;
        if (ctx.status === 200 && typeof userId === 'number') {
          await getService(strapi, 'passwords').afterSelfServiceChange(userId);
        }
        return result;
      },
    }));
};
