/**
 * Database errors that say "this transaction lost a race, run it again": it was rolled back as a
 * whole, so running the same work again is safe. MySQL/MariaDB deadlock and lock wait timeout,
 * PostgreSQL deadlock and serialization failure, SQLite busy.
 */
const TRANSIENT_CODES = new Set([
  'ER_LOCK_DEADLOCK',
  'ER_LOCK_WAIT_TIMEOUT',
  '40P01',
  '40001',
  'SQLITE_BUSY',
]);

export const isTransientConflict = (error: unknown): boolean =>
  error instanceof Error && TRANSIENT_CODES.has(String((error as { code?: unknown }).code));
