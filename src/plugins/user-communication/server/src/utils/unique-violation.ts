/**
 * Whether a database error is a unique-index violation: PostgreSQL's SQLSTATE 23505, MySQL and
 * MariaDB's ER_DUP_ENTRY (1062), SQLite's SQLITE_CONSTRAINT_UNIQUE (better-sqlite3 codes).
 */
export const isUniqueViolation = (error: unknown): boolean => {
  if (typeof error !== 'object' || error === null) return false;
  const { code, errno, cause } = error as { code?: unknown; errno?: unknown; cause?: unknown };
  return (
    code === '23505' ||
    code === 'ER_DUP_ENTRY' ||
    errno === 1062 ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    (cause !== undefined && cause !== error && isUniqueViolation(cause))
  );
};
