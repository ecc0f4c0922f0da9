import type { Core } from '@strapi/strapi';
import { RATE_LIMIT_UID } from '../constants';
import { errorSummary } from '../utils/error-summary';

/**
 * On PostgreSQL the rate-limit counters live in an UNLOGGED table. Every public request writes
 * its counter before it is answered, and each of those commits waited for the write-ahead log to
 * reach the disk: under 400 requests a second on two instances the disk, not the CPU, set the
 * latency (bench/load.ts). A transaction that wrote only unlogged tables commits without that
 * flush. What is given up is fine for counters of a few minutes: after a crash of the database
 * server the table is emptied (every window starts again), and a physical standby does not
 * receive it (after a failover the counters start empty). MariaDB, MySQL and SQLite have no
 * such table and keep theirs as they are. Idempotent: a table already unlogged is left alone.
 */
export const unlogRateLimitCounters = async (strapi: Core.Strapi): Promise<void> => {
  if (strapi.db.dialect.client !== 'postgres') return;
  const table = strapi.db.metadata.get(RATE_LIMIT_UID).tableName;
  // Strapi qualifies its tables with the configured schema instead of setting search_path.
  const schema: string | undefined = strapi.db.getSchemaName();
  try {
    const result = (await strapi.db.connection.raw(
      `select relpersistence from pg_class
        where oid = to_regclass(format('%I.%I', coalesce(?::text, current_schema()), ?::text))`,
      [schema ?? null, table]
    )) as { rows: Array<{ relpersistence: string }> };
    if (result.rows[0]?.relpersistence !== 'p') return;
    await strapi.db.connection.raw(
      schema ? 'alter table ??.?? set unlogged' : 'alter table ?? set unlogged',
      schema ? [schema, table] : [table]
    );
  } catch (error) {
    // The counters still work as a logged table; only their commits are slower.
    strapi.log.warn(`[user-communication] ${table} stays a logged table: ${errorSummary(error)}`);
  }
};
