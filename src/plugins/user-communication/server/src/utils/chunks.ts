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
