import type { Core } from '@strapi/strapi';
import { limitedBy } from '../middlewares/rate-limit';

interface Route {
  method: string;
  path: string;
  handler?: string;
  config?: { middlewares?: unknown[]; [key: string]: unknown };
}

const UP_RATE_LIMIT = 'plugin::users-permissions.rateLimit';

/**
 * The plugin's limits on the users-permissions routes whose work it does or watches
 * (auth-controller.ts), by method and path. They replace users-permissions' own limiter there:
 * it keeps its counters in each process's memory and, on these routes, one per client address
 * counting every request (5 per 5 minutes), so 500 employees behind one address could log in
 * five at a time, and anyone among them could block the others' resets.
 */
const LIMITS: Record<string, ReturnType<typeof limitedBy>[]> = {
  'POST /auth/local': [limitedBy('log-in', 'failures'), limitedBy('log-in', 'failures', 'account')],
  'POST /auth/forgot-password': [limitedBy('password-reset')],
  'POST /auth/reset-password': [limitedBy('password-reset-complete', 'wrong-links')],
  'POST /auth/change-password': [limitedBy('password-change-current', 'failures')],
  // The start of and the way back from a provider's sign-in (SSO), and the login it ends in: a
  // whole office signs in through one address each morning; only failed steps count (on the way
  // back, users-permissions reports a failure as a redirect with `error=`).
  'GET /connect/(.*)': [limitedBy('sso-connect', 'failures')],
  'GET /auth/:provider/callback': [limitedBy('sso-callback', 'failures')],
};

/**
 * Puts the limits in users-permissions' own route table, so they are declared where a reader of
 * the routes looks and hold across instances. Routes are bound at initRouting, after every
 * register(), so the table may still be changed here.
 */
export const limitAuthRoutes = (strapi: Core.Strapi): void => {
  const routers = strapi.plugin('users-permissions').routes as unknown as Record<
    string,
    { routes: Route[] }
  >;
  for (const route of routers['content-api'].routes) {
    const limits = LIMITS[`${route.method} ${route.path}`];
    if (!limits) continue;
    const others = (route.config?.middlewares ?? []).filter(
      (middleware) => middleware !== UP_RATE_LIMIT
    );
    route.config = { ...route.config, middlewares: [...others, ...limits] };
  }
};
