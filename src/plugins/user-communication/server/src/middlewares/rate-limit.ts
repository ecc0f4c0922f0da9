import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../constants';
import { getService } from '../utils/get-service';

export interface RateLimitConfig {
  /** What is counted, e.g. `activation-verify`: each action has its own counters. */
  action: string;
  /** Per client address (default), or per the e-mail address in the request body's `email`. */
  per?: 'ip' | 'address';
}

export interface LimitedContext {
  request: { ip: string; body?: unknown };
}

/**
 * A route middleware, declared in the route tables (as users-permissions declares its own
 * `rateLimit`), counting requests in the database so a limit holds across instances. Over the
 * limit the request gets a 429 before its controller runs. A per-address count is taken
 * whether or not an account has the address, so the answer says nothing about accounts.
 */
const rateLimit =
  (config: RateLimitConfig, { strapi }: { strapi: Core.Strapi }) =>
  async (ctx: LimitedContext, next: () => Promise<unknown>) => {
    const limits = getService(strapi, 'rate-limits');
    if (config.per === 'address') {
      const email = (ctx.request.body as { email?: unknown } | undefined)?.email;
      // A body without an address is refused by the route's own validation.
      if (typeof email === 'string') await limits.limitAddress(config.action, email);
    } else {
      await limits.limitClient(config.action, ctx.request.ip);
    }
    return next();
  };

/** The entry of a route's `config.middlewares` that applies this limit. */
export const limitedBy = (action: string, per: RateLimitConfig['per'] = 'ip') => ({
  name: `plugin::${PLUGIN_ID}.rate-limit`,
  config: { action, per } satisfies RateLimitConfig,
});

export default rateLimit;
