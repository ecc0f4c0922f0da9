import type { Core } from '@strapi/strapi';
import { RATE_LIMIT_UID } from '../constants';
import { errors } from '@strapi/utils';
import { getService } from '../utils/get-service';
import { pluginConfig } from '../utils/plugin-config';

export interface Limit {
  /** What is counted, e.g. `activation-renew:ip:203.0.113.9`. */
  key: string;
  max: number;
  windowSeconds: number;
}

/**
 * Fixed-window counters in the database. Each window is its own row (`key@window`), so
 * counting is insert-or-ignore plus an increment: no read-modify-write race between instances.
 */
const PRUNE_PROBABILITY = 0.01;

const rateLimits = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** Counts one hit; returns false when the limit for the current window is exceeded. */
  async hit({ key, max, windowSeconds }: Limit): Promise<boolean> {
    const now = getService(strapi, 'clock').now();
    const window = Math.floor(now.toSeconds() / windowSeconds);
    const bucket = `${key}@${window}`.slice(0, 255);
    const expiresAt = now.plus({ seconds: windowSeconds * 2 }).toJSDate();
    await strapi.db
      .queryBuilder(RATE_LIMIT_UID)
      .insert({
        bucket,
        hits: 0,
        expiresAt,
        createdAt: now.toJSDate(),
        updatedAt: now.toJSDate(),
        publishedAt: now.toJSDate(),
      })
      .onConflict('bucket')
      .ignore()
      .execute();
    await strapi.db
      .queryBuilder(RATE_LIMIT_UID)
      .where({ bucket })
      .update({ hits: strapi.db.connection.raw('?? + 1', ['hits']) })
      .execute();
    const row = (await strapi.db
      .query(RATE_LIMIT_UID)
      .findOne({ where: { bucket }, select: ['hits'] })) as { hits: number };
    // Finished windows are dropped now and then, by whichever request happens to come.
    if (Math.random() < PRUNE_PROBABILITY) {
      await strapi.db
        .query(RATE_LIMIT_UID)
        .deleteMany({ where: { expiresAt: { $lt: now.toJSDate() } } });
    }
    return row.hits <= max;
  },

  /** Counts a request of a public endpoint by client address; over the limit, a 429. */
  async limitClient(action: string, ip: string): Promise<void> {
    const allowed = await this.hit({
      key: `${action}:ip:${ip}`,
      ...pluginConfig(strapi).rateLimits.perIp,
    });
    if (!allowed)
      throw new errors.RateLimitError('Too many requests from this address. Try again later.');
  },

  /**
   * Counts a request about an e-mail address, whether or not an account has it (so the
   * answer says nothing about the account); over the limit, a 429.
   */
  async limitAddress(action: string, email: string): Promise<void> {
    const allowed = await this.hit({
      key: `${action}:address:${email.toLowerCase()}`,
      ...pluginConfig(strapi).rateLimits.perAddress,
    });
    if (!allowed)
      throw new errors.RateLimitError(
        'Too many requests for this e-mail address. Try again in an hour.'
      );
  },
});

export default rateLimits;
