import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import type { Duration, DurationLike } from 'luxon';
import { TOKEN_UID, USER_UID, type TokenPurpose } from '../constants';
import { chunks } from '../utils/chunks';
import { getService } from '../utils/get-service';
import { documentIds } from '../utils/ordered-ids';
import { retryingTransaction } from '../utils/transient-conflict';

/** base64url of 32 random bytes: the only shape a token can have. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export type TokenState = 'valid' | 'expired' | 'used' | 'superseded' | 'invalid';

export interface TokenRecord {
  id: number;
  userId: number;
  purpose: TokenPurpose;
  expiresAt: string;
  usedAt: string | null;
  supersededAt: string | null;
}

const digestOf = (token: string) => crypto.createHash('sha256').update(token, 'utf8').digest('hex');

/**
 * Checked before any query: a JSON object such as {"$gt": 0} in place of a token is what
 * turned a password reset into an account takeover in CVE-2019-18818.
 */
export const isWellFormedToken = (value: unknown): value is string =>
  typeof value === 'string' && TOKEN_SHAPE.test(value);

type Inspected = { state: TokenState; record: TokenRecord | null };

const newToken = () => crypto.randomBytes(32).toString('base64url');

/** The one token mechanism: issue, inspect, consume (atomically), revoke. */
const tokens = ({ strapi }: { strapi: Core.Strapi }) => {
  const query = () => strapi.db.query(TOKEN_UID);
  const now = () => getService(strapi, 'clock').now();

  const stateOf = (record: TokenRecord): TokenState => {
    if (record.usedAt) return 'used';
    if (record.supersededAt) return 'superseded';
    if (new Date(record.expiresAt).getTime() < now().toMillis()) return 'expired';
    return 'valid';
  };

  /**
   * Holds the users' rows until the caller's transaction ends, so that of concurrent requests
   * for one user each revokes the link the one before it issued, and exactly one stays live.
   * Without it PostgreSQL's revoke misses a link inserted after its snapshot, and MySQL's gap
   * locks deadlock the two inserts. In id order, so two holders of several rows cannot deadlock.
   * SQLite has one writer at a time anyway (knex leaves FOR UPDATE out there).
   *
   * Every path that writes token rows takes this lock first: a user's row, then their tokens.
   * A path that took them the other way round (a redemption updating its token, then the user)
   * deadlocks against an issue for the same user on PostgreSQL (40P01) and MySQL (1213).
   */
  const lockUsers = async (userIds: number[]) => {
    await strapi.db
      .queryBuilder(USER_UID)
      .select('id')
      .where({ id: { $in: userIds } })
      .orderBy({ id: 'asc' })
      .forUpdate()
      .execute();
  };

  /**
   * Makes every open token of the user (of one purpose, or all) unusable. Under the user's
   * lock, so a link being issued at the same moment is either revoked too or issued after.
   */
  const revoke = async (userId: number, purpose?: TokenPurpose): Promise<void> => {
    await retryingTransaction(strapi, async () => {
      await lockUsers([userId]);
      const at = now().toJSDate();
      await strapi.db
        .queryBuilder(TOKEN_UID)
        .where({ userId, usedAt: null, supersededAt: null, ...(purpose ? { purpose } : {}) })
        .update({ supersededAt: at, updatedAt: at })
        .execute();
    });
  };

  /** What a presented token is, without using it (opening a link must never consume it). */
  const inspect = async (token: unknown, purpose: TokenPurpose): Promise<Inspected> => {
    if (!isWellFormedToken(token)) return { state: 'invalid', record: null };
    const record = (await query().findOne({
      where: { digest: digestOf(token), purpose },
    })) as TokenRecord | null;
    if (!record) return { state: 'invalid', record: null };
    return { state: stateOf(record), record };
  };

  return {
    inspect,
    revoke,
    lockUsers,

    /** A new token for the user; the user's older tokens of this purpose stop working. */
    async issue(userId: number, purpose: TokenPurpose, lifetime: DurationLike | Duration) {
      // Joins the caller's transaction (the one that also queues the message), if any.
      return retryingTransaction(strapi, async () => {
        await lockUsers([userId]);
        await revoke(userId, purpose);
        const token = newToken();
        const expiresAt = now().plus(lifetime);
        const record = (await query().create({
          data: { purpose, userId, digest: digestOf(token), expiresAt: expiresAt.toJSDate() },
          select: ['id'],
        })) as { id: number };
        return { id: record.id, token, expiresAt };
      });
    },

    /**
     * Uses the token: one conditional UPDATE, so of two concurrent redemptions exactly one
     * changes the row and wins. Joins the caller's transaction, so a failed change after it
     * rolls the redemption back too; the user's row is locked first (see lockUsers), as the
     * caller goes on to change it.
     */
    async consume(token: unknown, purpose: TokenPurpose): Promise<Inspected> {
      const inspected = await inspect(token, purpose);
      const record = inspected.record;
      if (inspected.state !== 'valid' || !record) return inspected;
      return retryingTransaction(strapi, async (): Promise<Inspected> => {
        await lockUsers([record.userId]);
        const at = now().toJSDate();
        const changed = await strapi.db
          .queryBuilder(TOKEN_UID)
          .where({ id: record.id, usedAt: null, supersededAt: null, expiresAt: { $gte: at } })
          .update({ usedAt: at, updatedAt: at })
          .execute();
        return { state: Number(changed) === 1 ? 'valid' : 'used', record };
      });
    },

    /**
     * `issue` for many users at once (the open links read, then superseded by id; one insert per
     * chunk): the reminder job's fresh activation links. The caller's transaction must not have
     * read before (see below).
     */
    async issueMany(userIds: number[], purpose: TokenPurpose, lifetime: DurationLike | Duration) {
      const issuedAt = now();
      const expiresAt = issuedAt.plus(lifetime);
      const issued = new Map(userIds.map((userId) => [userId, { token: newToken(), expiresAt }]));
      if (userIds.length === 0) return issued;
      const at = issuedAt.toJSDate();
      // Called within the reminder page's transaction, which then holds the rows.
      await lockUsers(userIds);
      // Their open tokens, read and then superseded by id. An UPDATE searching the user index
      // locks the gaps beside its users on MySQL, and two pages in flight then deadlocked
      // inserting links for neighbouring users; by id it locks only the rows it changes. The
      // read misses no token: every writer of a user's tokens holds the user's row first, as
      // this transaction now does, and its snapshot is taken here at the latest (a page reads
      // nothing before it locks its users).
      const open = (await strapi.db
        .queryBuilder(TOKEN_UID)
        .select('id')
        .where({ userId: { $in: userIds }, purpose, usedAt: null, supersededAt: null })
        .execute()) as Array<{ id: number }>;
      if (open.length > 0) {
        await strapi.db
          .queryBuilder(TOKEN_UID)
          .where({ id: { $in: open.map((token) => token.id) }, usedAt: null, supersededAt: null })
          .update({ supersededAt: at, updatedAt: at })
          .execute();
      }
      for (const part of chunks([...issued])) {
        const ids = documentIds(part.length);
        await strapi.db
          .queryBuilder(TOKEN_UID)
          .insert(
            part.map(([userId, { token }], index) => ({
              documentId: ids[index],
              purpose,
              userId,
              digest: digestOf(token),
              expiresAt: expiresAt.toJSDate(),
              createdAt: at,
              updatedAt: at,
              publishedAt: at,
            }))
          )
          .execute();
      }
      return issued;
    },
  };
};

export type TokensService = ReturnType<typeof tokens>;
export default tokens;
