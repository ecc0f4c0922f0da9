import crypto from 'node:crypto';

/** Hex digits of the time prefix: seconds since 1970 fit in 8 until 2106. */
const TIME_DIGITS = 8;

/**
 * `count` ids for rows written in bulk (documentIds, Message-IDs): the time in seconds, in hex,
 * then `randomBytes` random bytes, in hex, one draw from the CSPRNG for them all. A random id
 * puts each row's index entry on a random page of the index, so a bulk insert touches (and
 * PostgreSQL logs) a page per row; ids that begin with the time put a batch's entries side by
 * side at the index's right-hand end, as sequential ids do (README, "No-login reminder run").
 * The random part keeps each id unique and unguessable. The time is the process's own wall
 * clock, not the plugin's injectable clock: it orders index entries and means nothing else.
 */
export const orderedIds = (count: number, randomBytes: number): string[] => {
  const prefix = Math.floor(Date.now() / 1000)
    .toString(16)
    .padStart(TIME_DIGITS, '0');
  const random = crypto.randomBytes(count * randomBytes);
  return Array.from(
    { length: count },
    (_, index) => prefix + random.toString('hex', index * randomBytes, (index + 1) * randomBytes)
  );
};

/** The plugin's documentIds: 24 hex digits, as before, of which 8 random bytes. */
export const documentIds = (count: number): string[] => orderedIds(count, 8);
