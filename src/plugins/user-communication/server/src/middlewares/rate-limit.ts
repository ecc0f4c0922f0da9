import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../constants';
import { getService } from '../utils/get-service';

export interface RateLimitConfig {
  /** What is counted, e.g. `activation-verify`: each action has its own counters. */
  action: string;
  /**
   * `all` requests, or only `failures`: an endpoint that holds a 256-bit token cannot be
   * guessed, so only wrong tokens count, and 300 learners behind one address all get through.
   */
  count?: 'all' | 'failures';
}

export interface LimitedContext {
  request: { ip: string };
  status: number;
}

/**
 * A route middleware, declared in the route tables (as users-permissions declares its own
 * `rateLimit`), counting requests per client address in the database so a limit holds across
 * instances. Over the limit the request gets a 429 before its controller runs. A request that
 * only counts when it fails holds its place while it runs and gives it back on success, so
 * concurrent requests cannot slip past the limit.
 */
const rateLimit =
  (config: RateLimitConfig, { strapi }: { strapi: Core.Strapi }) =>
  async (ctx: LimitedContext, next: () => Promise<unknown>) => {
    const reservation = await getService(strapi, 'rate-limits').limitClient(
      config.action,
      ctx.request.ip
    );
    const result = await next();
    if (config.count === 'failures' && ctx.status < 400) await reservation.release();
    return result;
  };

/** The entry of a route's `config.middlewares` that applies this limit. */
export const limitedBy = (action: string, count: RateLimitConfig['count'] = 'all') => ({
  name: `plugin::${PLUGIN_ID}.rate-limit`,
  config: { action, count } satisfies RateLimitConfig,
});

export default rateLimit;
