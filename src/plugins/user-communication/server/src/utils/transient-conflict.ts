import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';

/**
 * Database errors that say "this transaction lost a race, run it again": it was rolled back as a
 * whole (by the database, or for a MySQL lock wait timeout, which undoes only the statement, by
 * strapi.db.transaction as the error leaves it), so running the same work again is safe.
 * MySQL/MariaDB deadlock and snapshot conflict, PostgreSQL deadlock and serialization failure:
 * told at once. MySQL lock wait timeout and SQLite busy: told after a wait.
 */
const LOST_RACE_CODES = new Set([
  'ER_LOCK_DEADLOCK',
  // MariaDB's snapshot isolation (innodb_snapshot_isolation, on by default from 11.6.2): a row
  // changed since the transaction's snapshot; the whole transaction is rolled back.
  'ER_CHECKREAD',
  '40P01',
  '40001',
]);
const WAITED_OUT_CODES = new Set(['ER_LOCK_WAIT_TIMEOUT', 'SQLITE_BUSY']);

const codeOf = (error: unknown) =>
  error instanceof Error ? String((error as { code?: unknown }).code) : '';

const lostRace = (error: unknown): boolean => LOST_RACE_CODES.has(codeOf(error));

export const isTransientConflict = (error: unknown): boolean =>
  lostRace(error) || WAITED_OUT_CODES.has(codeOf(error));

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
  {
    jitterMs,
    onRetry,
    retries = isTransientConflict,
  }: {
    jitterMs: number;
    onRetry?: (error: unknown) => void;
    retries?: (error: unknown) => boolean;
  }
): Promise<T> => {
  for (let run = 1; ; run += 1) {
    try {
      return await work();
    } catch (error) {
      if (run >= MAX_RUNS || !retries(error)) throw error;
      onRetry?.(error);
      await pause(jitterMs * run);
    }
  }
};

/** Up to this many milliseconds (times the runs so far) between two runs of a request's transaction. */
const REQUEST_JITTER_MS = 25;

/**
 * `strapi.db.transaction(work)`, run again whole when the database rolled it back for losing a
 * race to another transaction, so that the loser answers as if it had simply come second (the
 * link already used, the address already opted out) instead of with a 500. Where two writers
 * of one row make the second wait elsewhere, MariaDB with snapshot isolation fails it
 * (ER_CHECKREAD). Inside a caller's transaction it only joins it: the caller's is what the
 * database rolled back, and only the outermost can run again. A lock wait timeout is not run
 * again: the request has already waited the server's limit.
 */
export const retryingTransaction = <T>(strapi: Core.Strapi, work: () => Promise<T>): Promise<T> =>
  strapi.db.inTransaction()
    ? (strapi.db.transaction(work) as Promise<T>)
    : withRetries(() => strapi.db.transaction(work) as Promise<T>, {
        jitterMs: REQUEST_JITTER_MS,
        retries: lostRace,
      });
