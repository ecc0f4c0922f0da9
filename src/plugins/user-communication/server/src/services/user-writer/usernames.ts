import type { Core } from '@strapi/strapi';
import { USER_UID } from '../../constants';
import { uniqueUsername, usernameBase } from '../../user-fields/values';

export type UsernameOutcome = { username: string } | { error: string };

type NewUserNames = Array<{ email: string; username: string | null }>;

export const takenUsername = (username: string) =>
  `The username "${username}" belongs to another user`;

/** Bases whose numbered variants (`base-2`…) are looked up per query. */
const VARIANT_BATCH = 100;

/**
 * Usernames for new users: a given one must be free (against the database as its collation
 * compares, as users-permissions checks it; within the batch case-insensitively), a missing
 * one is made from the e-mail and numbered until free, and neither may be a name `reserved`
 * holds (lower-cased). Returns, per input, the username or the reason none could be had.
 */
export const allocateUsernames = async (
  strapi: Core.Strapi,
  users: NewUserNames,
  reserved: { has(name: string): boolean } = new Set()
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
      return { error: takenUsername(user.username) };
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

/** What a batch asks of a ledger: names for its new users, and names it sets otherwise (renames). */
export interface LedgerBatch {
  users: NewUserNames;
  /** Names the batch gives existing users, lower-cased, checked against the other batches' only. */
  renames: string[];
}

/** What a batch is given: a username or a reason per new user, and the renames another batch holds. */
export interface LedgerAllocation {
  usernames: UsernameOutcome[];
  refusedRenames: Set<string>;
}

/**
 * Usernames for batches of new users written in overlapping transactions (an import's pages on
 * PostgreSQL), which cannot see each other's rows before they commit. A batch's new usernames,
 * their addresses (a username may not be another user's address) and its renames stay reserved
 * until its transaction has ended, and batches are allocated one at a time, so two batches never
 * hold one name whichever comes first (which batch gets which name depends on that order).
 */
export const usernameLedger = (strapi: Core.Strapi) => {
  // Counted: an address one batch holds may be a username another batch holds.
  const holders = new Map<string, number>();
  const reserved = { has: (name: string) => holders.has(name) };
  let turns: Promise<unknown> = Promise.resolve();
  // Allocations not yet released, and who waits for there to be none.
  let open = 0;
  let whenIdle: Array<() => void> = [];
  const inTurn = <T>(work: () => Promise<T>): Promise<T> => {
    const done = turns.then(work);
    turns = done.catch(() => undefined);
    return done;
  };
  return {
    /**
     * Takes its turn at once; the batch may still be on its way (a failure of it is the
     * allocation's). Call `release` once, whatever happens, after the batch's transaction has
     * ended (committed, its names are in the database; rolled back, they are free). It waits its
     * turn too: an allocation that read the database before the commit still counts on them.
     */
    allocate(batch: Promise<LedgerBatch>) {
      // Handled here, awaited in its turn: never an unhandled rejection meanwhile.
      batch.catch(() => undefined);
      const held: string[] = [];
      open += 1;
      let released = false;
      const allocation = inTurn(async (): Promise<LedgerAllocation> => {
        const { users, renames } = await batch;
        const usernames = await allocateUsernames(strapi, users, reserved);
        const refusedRenames = new Set(renames.filter((name) => reserved.has(name)));
        for (const [index, outcome] of usernames.entries()) {
          if ('error' in outcome) continue;
          held.push(outcome.username.toLowerCase(), users[index].email.toLowerCase());
        }
        held.push(...renames.filter((name) => !refusedRenames.has(name)));
        for (const name of held) holders.set(name, (holders.get(name) ?? 0) + 1);
        return { usernames, refusedRenames };
      });
      const release = () =>
        inTurn(async () => {
          if (released) return;
          released = true;
          for (const name of held) {
            const count = holders.get(name) ?? 0;
            if (count > 1) holders.set(name, count - 1);
            else holders.delete(name);
          }
          open -= 1;
          if (open === 0) {
            for (const wake of whenIdle) wake();
            whenIdle = [];
          }
        });
      return { allocation, release };
    },

    /** Once every allocation has been released: no batch holds a name. */
    idle: (): Promise<void> =>
      open === 0 ? Promise.resolve() : new Promise((resolve) => whenIdle.push(resolve)),
  };
};

export type UsernameLedger = ReturnType<typeof usernameLedger>;
