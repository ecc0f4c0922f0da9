/**
 * Rows per multi-row INSERT: knex writes one for SQLite as a compound SELECT, which SQLite caps
 * at 500 terms (SQLITE_MAX_COMPOUND_SELECT).
 */
export const INSERT_CHUNK = 200;

/** `items` in consecutive slices of at most `size`. */
export const chunks = <T>(items: T[], size = INSERT_CHUNK): T[][] => {
  const result: T[][] = [];
  for (let index = 0; index < items.length; index += size) {
    result.push(items.slice(index, index + size));
  }
  return result;
};

/**
 * Multi-row INSERT sizes on the databases that take large statements. PostgreSQL and MySQL parse
 * one statement of 1,000 rows far faster than five of 200 (measured on PostgreSQL, before its
 * outbox rows went as JSON: 50,000 outbox rows, 4.8 s in statements of 200 against 2.9 s in
 * statements of 1,000); a statement also stays under MySQL's default max_allowed_packet (16 MB)
 * through the byte cap.
 */
const WIDE_INSERT = { rows: 1000, bytes: 4 * 1024 * 1024 };

/**
 * `items` in consecutive slices for multi-row statements on `client`: SQLite's compound-SELECT
 * cap, or elsewhere up to 1,000 rows and 4 million characters of `size(item)` per statement
 * (at most 12 MB in UTF-8, under the 16 MB packet).
 */
export const insertChunks = <T>(client: string, items: T[], size: (item: T) => number): T[][] => {
  if (client === 'sqlite') return chunks(items);
  const result: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const itemBytes = size(item);
    if (
      current.length > 0 &&
      (current.length === WIDE_INSERT.rows || bytes + itemBytes > WIDE_INSERT.bytes)
    ) {
      result.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += itemBytes;
  }
  if (current.length > 0) result.push(current);
  return result;
};
