import type { Core } from '@strapi/strapi';
import type { UserRecord } from '../services/users';

interface LoginContext {
  request: { body?: unknown };
}

/**
 * Answers with users-permissions' own login response (jwt, user, refresh token or cookie,
 * per its jwtManagement and sessions settings) by running its login action with the
 * password the user has just set. Its rules still apply (blocked, unconfirmed), and the
 * login is recorded like any other (auth-controller.ts).
 */
export const logIn = (
  strapi: Core.Strapi,
  ctx: LoginContext,
  login: { user: UserRecord; password: string; deviceId?: string }
) => {
  const { user, password, deviceId } = login;
  ctx.request.body = {
    identifier: user.email ?? user.username,
    password,
    ...(deviceId ? { deviceId } : {}),
  };
  const auth = strapi.controller('plugin::users-permissions.auth') as unknown as {
    callback(ctx: LoginContext): Promise<unknown>;
  };
  return auth.callback(ctx);
};
