import type { Core } from '@strapi/strapi';
import { USER_UID } from '../../constants';
import { uniqueUsername, usernameBase } from '../../user-fields/values';

export type UsernameOutcome = { username: string } | { error: string };

type NewUserNames = Array<{ email: string; username: string | null }>;

/** Bases whose numbered variants (`base-2`…) are looked up per query. */
const VARIANT_BATCH = 100;

/**
 * Usernames for new users: a given one must be free (against the database as its collation
 * compares, as users-permissions checks it; within the batch case-insensitively), a missing
 * one is made from the e-mail and numbered until free.
 * Returns, per input, the username or the reason none could be had.
 */
export const allocateUsernames = async (
  strapi: Core.Strapi,
  users: NewUserNames,
  reserved: Set<string> = new Set()
): Promise<UsernameOutcome[]> => {
  const query = strapi.db.query(USER_UID);
  const bases = [...new Set(users.map((user) => user.username ?? usernameBase(user.email)))];
  const taken = new Set<string>();
  // Lower-cased, as `taken` and `reserved` hold them.
  const isTaken = (name: string) => taken.has(name) || reserved.has(name);
  const collect = (rows: Array<{ username: string | null }>) => {
    for (const row of rows) if (row.username) taken.add(row.username.toLowerCase());
  };
  // Exact matches first (one IN list); only the bases already taken need the numbered variants looked up.
  collect(await query.findMany({ where: { username: { $in: bases } }, select: ['username'] }));
  // A username that is another user's e-mail would make users-permissions' login lookup
  // (e-mail or username) ambiguous, as its own register refuses.
  const given = users.flatMap((user) => (user.username ? [user.username.toLowerCase()] : []));
  if (given.length > 0) {
    const addresses = await query.findMany({ where: { email: { $in: given } }, select: ['email'] });
    for (const { email } of addresses as Array<{ email: string }>) taken.add(email.toLowerCase());
  }
  const colliding = bases.filter((base) => isTaken(base.toLowerCase()));
  for (let start = 0; start < colliding.length; start += VARIANT_BATCH) {
    const part = colliding.slice(start, start + VARIANT_BATCH);
    collect(
      await query.findMany({
        where: { $or: part.map((base) => ({ username: { $startsWithi: `${base}-` } })) },
        select: ['username'],
      })
    );
  }
  // Given usernames first, so a derived one never takes a name a later user asks for.
  const explicit = users.map((user): UsernameOutcome | null => {
    if (user.username === null) return null;
    if (isTaken(user.username.toLowerCase())) {
      return { error: `The username "${user.username}" belongs to another user` };
    }
    taken.add(user.username.toLowerCase());
    return { username: user.username };
  });
  const next = new Map<string, number>();
  return users.map((user, index) => {
    const chosen = explicit[index];
    if (chosen) return chosen;
    const username = uniqueUsername(
      usernameBase(user.email),
      (name) => isTaken(name.toLowerCase()),
      next
    );
    taken.add(username.toLowerCase());
    return { username };
  });
};

/**
 * Usernames for batches of new users written in overlapping transactions (an import's pages on
 * PostgreSQL), which cannot see each other's rows before they commit. Each batch's usernames and
 * addresses (a username may not be another user's address) stay reserved until its transaction
 * has ended, and batches are allocated one at a time, in the order they asked: as they would be
 * batch after batch.
 */
export const usernameLedger = (strapi: Core.Strapi) => {
  const reserved = new Set<string>();
  let turns: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(work: () => Promise<T>): Promise<T> => {
    const done = turns.then(work);
    turns = done.catch(() => undefined);
    return done;
  };
  return {
    /**
     * Takes its turn at once; `users` may still be on its way. `release` gives the names back
     * once the batch's transaction has ended (committed, they are in the database; rolled back,
     * they are free). It waits its turn too: an allocation that read the database before the
     * commit still counts on them.
     */
    allocate(users: Promise<NewUserNames>) {
      const held: string[] = [];
      const usernames = inTurn(async () => {
        const batch = await users;
        const outcomes = await allocateUsernames(strapi, batch, reserved);
        for (const [index, outcome] of outcomes.entries()) {
          if ('error' in outcome) continue;
          held.push(outcome.username.toLowerCase(), batch[index].email.toLowerCase());
        }
        for (const name of held) reserved.add(name);
        return outcomes;
      });
      const release = () =>
        inTurn(async () => {
          for (const name of held) reserved.delete(name);
        });
      return { usernames, release };
    },
  };
};

export type UsernameLedger = ReturnType<typeof usernameLedger>;
