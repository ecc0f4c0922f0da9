import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { RATE_LIMIT_UID } from '../constants';
import { getService } from '../utils/get-service';
import { pluginConfig } from '../utils/plugin-config';

export interface Limit {
  /** What is counted, e.g. `activation-renew:ip:203.0.113.9`. */
  key: string;
  max: number;
  windowSeconds: number;
}

/** Finished windows are dropped now and then, by whichever request happens to come. */
const PRUNE_PROBABILITY = 0.01;

/**
 * Fixed-window counters in the database. Each window is its own row (`key@window`), so
 * counting is insert-or-ignore plus an increment: no read-modify-write race between instances.
 */
const rateLimits = ({ strapi }: { strapi: Core.Strapi }) => {
  /** Counts one hit; returns false when the limit for the current window is exceeded. */
  const hit = async ({ key, max, windowSeconds }: Limit): Promise<boolean> => {
    const now = getService(strapi, 'clock').now();
    const window = Math.floor(now.toSeconds() / windowSeconds);
    const bucket = `${key}@${window}`.slice(0, 255);
    const at = now.toJSDate();
    const expiresAt = now.plus({ seconds: windowSeconds * 2 }).toJSDate();
    await strapi.db
      .queryBuilder(RATE_LIMIT_UID)
      .insert({ bucket, hits: 0, expiresAt, createdAt: at, updatedAt: at, publishedAt: at })
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
    if (Math.random() < PRUNE_PROBABILITY) {
      await strapi.db.query(RATE_LIMIT_UID).deleteMany({ where: { expiresAt: { $lt: at } } });
    }
    return row.hits <= max;
  };

  return {
    hit,

    /** Counts a request of a public endpoint by client address; over the limit, a 429. */
    async limitClient(action: string, ip: string): Promise<void> {
      const { perIp } = pluginConfig(strapi).rateLimits;
      if (!(await hit({ key: `${action}:ip:${ip}`, ...perIp }))) {
        throw new errors.RateLimitError('Too many requests from this address. Try again later.');
      }
    },

    /**
     * Counts a request about an e-mail address, whether or not an account has it (so the
     * answer says nothing about the account); over the limit, a 429.
     */
    async limitAddress(action: string, email: string): Promise<void> {
      const { perAddress } = pluginConfig(strapi).rateLimits;
      if (!(await hit({ key: `${action}:address:${email.toLowerCase()}`, ...perAddress }))) {
        throw new errors.RateLimitError(
          'Too many requests for this e-mail address. Try again in an hour.'
        );
      }
    },
  };
};

export type RateLimitsService = ReturnType<typeof rateLimits>;
export default rateLimits;
