import crypto from 'node:crypto';
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

/** A counted request that may be given back (it turned out not to count, e.g. it succeeded). */
export interface Reservation {
  allowed: boolean;
  release(): Promise<void>;
}

/** Long keys (an address can be 254 characters) are digested to fit the column, never cut. */
const digest = (key: string) => crypto.createHash('sha256').update(key).digest('base64url');

/** Finished windows are dropped now and then, by whichever request happens to come. */
const PRUNE_PROBABILITY = 0.01;

/**
 * Fixed-window counters in the database, so a limit holds across instances. Each window is its
 * own row (`key@window`), and a hit is one conditional increment (`hits < max`): the database
 * serialises the updates of a row, so of any number of concurrent hits exactly `max` get through,
 * on every dialect (an increment followed by a read let two concurrent hits both see the later
 * count, and one request too few through).
 */
const rateLimits = ({ strapi }: { strapi: Core.Strapi }) => {
  const counters = () => strapi.db.queryBuilder(RATE_LIMIT_UID);
  const hitsPlus = (delta: number) => strapi.db.connection.raw('?? + ?', ['hits', delta]);

  const reserve = async ({ key, max, windowSeconds }: Limit): Promise<Reservation> => {
    const now = getService(strapi, 'clock').now();
    const window = Math.floor(now.toSeconds() / windowSeconds);
    const bucket = `${window}@${key.length > 200 ? digest(key) : key}`;
    const at = now.toJSDate();
    const expiresAt = now.plus({ seconds: windowSeconds * 2 }).toJSDate();
    await counters()
      .insert({ bucket, hits: 0, expiresAt, createdAt: at, updatedAt: at, publishedAt: at })
      .onConflict('bucket')
      .ignore()
      .execute();
    const counted = await counters()
      .where({ bucket, hits: { $lt: max } })
      .update({ hits: hitsPlus(1) })
      .execute();
    if (Math.random() < PRUNE_PROBABILITY) {
      await counters()
        .where({ expiresAt: { $lt: at } })
        .delete()
        .execute();
    }
    const allowed = Number(counted) === 1;
    return {
      allowed,
      async release() {
        if (!allowed) return;
        await counters()
          .where({ bucket, hits: { $gt: 0 } })
          .update({ hits: hitsPlus(-1) })
          .execute();
      },
    };
  };

  return {
    reserve,

    /** Counts one hit; false when the limit for the current window is used up. */
    async hit(limit: Limit): Promise<boolean> {
      return (await reserve(limit)).allowed;
    },

    /** Counts a request of a public endpoint by client address; over the limit, a 429. */
    async limitClient(action: string, ip: string): Promise<Reservation> {
      const reservation = await reserve({
        key: `${action}:ip:${ip}`,
        ...pluginConfig(strapi).rateLimits.perIp,
      });
      if (!reservation.allowed) {
        throw new errors.RateLimitError('Too many requests from this address. Try again later.');
      }
      return reservation;
    },

    /**
     * Counts a request about one account (its login identifier) from one client address; over
     * the limit, a 429. Keyed by both, so a stranger elsewhere cannot lock the owner out.
     */
    async limitAccount(action: string, ip: string, identifier: string): Promise<Reservation> {
      const reservation = await reserve({
        key: `${action}:ip:${ip}:account:${identifier}`,
        ...pluginConfig(strapi).rateLimits.perAccount,
      });
      if (!reservation.allowed) {
        throw new errors.RateLimitError(
          'Too many failed attempts for this account. Try again later.'
        );
      }
      return reservation;
    },

    /**
     * Counts a request about an e-mail address, whether or not an account has it (so nothing
     * tells the two apart); false over the limit. Callers drop such a request without a word:
     * a 429 would let a stranger block someone's reset.
     */
    async allowAddress(action: string, email: string): Promise<boolean> {
      return (
        await reserve({
          key: `${action}:address:${email.toLowerCase()}`,
          ...pluginConfig(strapi).rateLimits.perAddress,
        })
      ).allowed;
    },
  };
};

export type RateLimitsService = ReturnType<typeof rateLimits>;
export default rateLimits;
