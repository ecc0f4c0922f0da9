import type { Core } from '@strapi/strapi';
import { USER_UID } from '../../constants';
import { uniqueUsername, usernameBase } from '../../user-fields/values';

export type UsernameOutcome = { username: string } | { error: string };

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
  users: Array<{ email: string; username: string | null }>
): Promise<UsernameOutcome[]> => {
  const query = strapi.db.query(USER_UID);
  const bases = [...new Set(users.map((user) => user.username ?? usernameBase(user.email)))];
  const taken = new Set<string>();
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
  const colliding = bases.filter((base) => taken.has(base.toLowerCase()));
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
    if (taken.has(user.username.toLowerCase())) {
      return { error: `The username "${user.username}" belongs to another user` };
    }
    taken.add(user.username.toLowerCase());
    return { username: user.username };
  });
  const next = new Map<string, number>();
  return users.map((user, index) => {
    const chosen = explicit[index];
    if (chosen) return chosen;
    const isTaken = (name: string) => taken.has(name.toLowerCase());
    const username = uniqueUsername(usernameBase(user.email), isTaken, next);
    taken.add(username.toLowerCase());
    return { username };
  });
};
