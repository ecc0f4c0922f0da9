import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../constants';
import { LinkError } from '../errors';
import { getService } from '../utils/get-service';

export interface RateLimitConfig {
  /** What is counted, e.g. `activation-verify`: each action has its own counters. */
  action: string;
  /**
   * What counts: `all` requests; `failures` (any answer but a success: a wrong password, a
   * redirect reporting `error=`);
   * or `wrong-links` only, for routes that hold a 256-bit token. Such a token cannot be
   * guessed, so only a wrong, expired or used link counts, never a new password the rules
   * refuse, and 300 learners behind one address all get through.
   */
  count?: 'all' | 'failures' | 'wrong-links';
  /**
   * `client`: one counter per client address. `account`: also one per address and login
   * identifier, so guessing one account's password stops long before the address's limit,
   * and nobody elsewhere can lock its owner out.
   */
  per?: 'client' | 'account';
}

export interface LimitedContext {
  request: { ip: string; body?: unknown };
  response: { get(field: string): string };
  status: number;
}

/**
 * Whether the answer reports a failure: an error status, or a redirect that carries `error=`,
 * which is how users-permissions' OAuth client answers every failed way back from a provider
 * (a wrong state, a refused code: utils/oauth-connect/index.js, redirectWithPayload).
 */
const failed = (ctx: LimitedContext): boolean => {
  if (ctx.status >= 400) return true;
  if (ctx.status < 300) return false;
  const location = ctx.response.get('Location');
  return URL.canParse(location, 'http://localhost')
    ? new URL(location, 'http://localhost').searchParams.has('error')
    : false;
};

const identifierOf = (body: unknown): string => {
  const identifier = (body as { identifier?: unknown } | undefined)?.identifier;
  return typeof identifier === 'string' ? identifier.trim().toLowerCase() : '';
};

/**
 * A route middleware, declared in the route tables (as users-permissions declares its own
 * `rateLimit`), counting requests per client address in the database so a limit holds across
 * instances. Over the limit the request gets a 429 before its controller runs. A request that
 * counts only when it fails holds its place while it runs and gives it back when it turns out
 * not to count, so concurrent requests cannot slip past the limit.
 */
const rateLimit =
  (config: RateLimitConfig, { strapi }: { strapi: Core.Strapi }) =>
  async (ctx: LimitedContext, next: () => Promise<unknown>) => {
    const count = config.count ?? 'all';
    const limits = getService(strapi, 'rate-limits');
    const reservation =
      config.per === 'account'
        ? await limits.limitAccount(config.action, ctx.request.ip, identifierOf(ctx.request.body))
        : await limits.limitClient(config.action, ctx.request.ip);
    let result: unknown;
    try {
      result = await next();
    } catch (error) {
      if (count === 'wrong-links' && !(error instanceof LinkError)) await reservation.release();
      throw error;
    }
    if (count !== 'all' && !failed(ctx)) await reservation.release();
    return result;
  };

/** The entry of a route's `config.middlewares` that applies this limit. */
export const limitedBy = (
  action: string,
  count: RateLimitConfig['count'] = 'all',
  per: RateLimitConfig['per'] = 'client'
) => ({
  name: `plugin::${PLUGIN_ID}.rate-limit`,
  config: { action, count, per } satisfies RateLimitConfig,
});

export default rateLimit;
