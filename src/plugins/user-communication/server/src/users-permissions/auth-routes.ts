import type { Core } from '@strapi/strapi';
import { limitedBy } from '../middlewares/rate-limit';

interface Route {
  handler?: string;
  config?: { middlewares?: unknown[]; [key: string]: unknown };
}

/** The plugin's limits on the users-permissions routes whose work it does (auth-controller.ts). */
const LIMITS: Record<string, ReturnType<typeof limitedBy>[]> = {
  'auth.forgotPassword': [limitedBy('password-reset')],
  'auth.resetPassword': [limitedBy('password-reset-complete', 'failures')],
};

/**
 * Adds the limits to users-permissions' own route table, after its per-process limiter, so they
 * are declared where a reader of the routes looks and hold across instances. Routes are bound at
 * initRouting, after every register(), so the table may still be changed here.
 */
export const limitAuthRoutes = (strapi: Core.Strapi): void => {
  const routers = strapi.plugin('users-permissions').routes as unknown as Record<
    string,
    { routes: Route[] }
  >;
  const contentApi = routers['content-api'];
  for (const route of contentApi.routes) {
    const limits = route.handler ? LIMITS[route.handler] : undefined;
    if (!limits) continue;
    route.config = {
      ...route.config,
      middlewares: [...(route.config?.middlewares ?? []), ...limits],
    };
  }
};
