import type { Core } from '@strapi/strapi';
import { RATE_LIMIT_UID } from '../constants';
import { errorSummary } from '../utils/error-summary';

/**
 * On PostgreSQL the rate-limit counters live in an UNLOGGED table. Every public request writes
 * its counter before it is answered, and each of those commits waited for the write-ahead log to
 * reach the disk: under 400 requests a second on two instances the disk, not the CPU, set the
 * latency (bench/load.ts). A transaction that wrote only unlogged tables commits without that
 * flush. What is given up is fine for counters whose windows last minutes to a day: after a
 * crash of the database server the table is emptied (every window starts again), and a physical
 * standby does not receive it (after a failover the counters start empty).
 *
 * Not for the other tables written by public requests: emptied link tokens (`uc_tokens`) would
 * break every e-mailed link, and emptied spent ID tokens (`uc_spent_id_tokens`) would let a
 * captured ID token sign in again. No logged table may reference an unlogged one, so nothing may
 * point at the counters either. MariaDB, MySQL and SQLite have no such table.
 *
 * Idempotent (an unlogged table is left alone). The change rewrites the table under an exclusive
 * lock; behind a long transaction during a rolling deploy it gives up after two seconds rather
 * than stall every public request queued behind it, and the next boot tries again.
 */
export const unlogRateLimitCounters = async (strapi: Core.Strapi): Promise<void> => {
  if (strapi.db.dialect.client !== 'postgres') return;
  const table = strapi.db.metadata.get(RATE_LIMIT_UID).tableName;
  // Strapi qualifies its tables with the configured schema instead of setting search_path;
  // without one, the name resolves through search_path, as Strapi's own queries do.
  const schema: string | undefined = strapi.db.getSchemaName();
  const name = schema ? [schema, table] : [table];
  const relation = schema
    ? "to_regclass(format('%I.%I', ?::text, ?::text))"
    : "to_regclass(format('%I', ?::text))";
  try {
    await strapi.db.connection.transaction(async (trx) => {
      const found = (await trx.raw(
        `select relpersistence from pg_class where oid = ${relation}`,
        name
      )) as { rows: Array<{ relpersistence: string }> };
      const persistence = found.rows[0]?.relpersistence;
      if (persistence === undefined) throw new Error('table not found');
      if (persistence !== 'p') return;
      await trx.raw("set local lock_timeout = '2s'");
      await trx.raw(
        schema ? 'alter table ??.?? set unlogged' : 'alter table ?? set unlogged',
        name
      );
    });
  } catch (error) {
    // The counters still work as a logged table; only their commits wait for the disk.
    strapi.log.warn(`[user-communication] ${table} stays a logged table: ${errorSummary(error)}`);
  }
};
