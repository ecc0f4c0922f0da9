import crypto from 'node:crypto';

/**
 * Database errors that say "this transaction lost a race, run it again": it was rolled back as a
 * whole (by the database, or for a MySQL lock wait timeout, which undoes only the statement, by
 * strapi.db.transaction as the error leaves it), so running the same work again is safe.
 * MySQL/MariaDB deadlock, lock wait timeout and snapshot conflict, PostgreSQL deadlock and
 * serialization failure, SQLite busy.
 */
const TRANSIENT_CODES = new Set([
  'ER_LOCK_DEADLOCK',
  // MariaDB's snapshot isolation (innodb_snapshot_isolation, on by default from 11.6.2): a row
  // changed since the transaction's snapshot; the whole transaction is rolled back.
  'ER_CHECKREAD',
  'ER_LOCK_WAIT_TIMEOUT',
  '40P01',
  '40001',
  'SQLITE_BUSY',
]);

export const isTransientConflict = (error: unknown): boolean =>
  error instanceof Error && TRANSIENT_CODES.has(String((error as { code?: unknown }).code));

/** Runs of one piece of work that lost a race in the database before it is given up. */
const MAX_RUNS = 4;

/** A random wait of up to `maxMs`, so that two losers of one race do not meet again. */
export const pause = (maxMs: number) =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, crypto.randomInt(maxMs + 1));
  });

/**
 * The work, run again after a short random wait (up to `jitterMs` times the runs so far) when the
 * database rolled it back for losing a race. Whatever an earlier run committed before it lost is
 * repeated: the work must tolerate that. `onRetry` hears of each conflict that is retried.
 */
export const withRetries = async <T>(
  work: () => Promise<T>,
  { jitterMs, onRetry }: { jitterMs: number; onRetry?: (error: unknown) => void }
): Promise<T> => {
  for (let run = 1; ; run += 1) {
    try {
      return await work();
    } catch (error) {
      if (run >= MAX_RUNS || !isTransientConflict(error)) throw error;
      onRetry?.(error);
      await pause(jitterMs * run);
    }
  }
};
