/**
 * Splits rows for multi-row INSERTs: knex writes them for SQLite as one compound SELECT,
 * which SQLite caps at 500 terms (SQLITE_MAX_COMPOUND_SELECT).
 */
export const INSERT_CHUNK = 200;

export const chunks = <T>(items: T[], size = INSERT_CHUNK): T[][] => {
  const result: T[][] = [];
  for (let index = 0; index < items.length; index += size)
    result.push(items.slice(index, index + size));
  return result;
};
