import type { Core } from '@strapi/strapi';
import { errorSummary } from './error-summary';

/** Rows written before the first refresh of a table PostgreSQL has no (or next to no) statistics for. */
const FIRST_REFRESH = 1000;

/**
 * Keeps PostgreSQL's planner statistics of a table that a bulk write is growing. PostgreSQL plans
 * a foreign-key check once per connection, from the statistics of the referenced table; a fresh
 * platform's users table was analysed when it was nearly empty, so every role link written by
 * an import checked its user with a sequential scan (measured: 0.39 ms per row at 30,000 users,
 * growing with the table; a 100,000-row import took 97 s instead of 25). ANALYZE invalidates
 * those plans. Refreshed each time the table has grown by half since its last statistics: a
 * handful of times per import, each a sample of at most 30,000 rows. Other databases check
 * foreign keys through the index itself and are left alone.
 */
export const tableStatistics = (strapi: Core.Strapi, uid: string) => {
  const table = strapi.db.metadata.get(uid).tableName;
  // Strapi qualifies its tables with the configured schema instead of setting search_path.
  const schema: string | undefined = strapi.db.getSchemaName();
  const postgres = strapi.db.dialect.client === 'postgres';
  let known: number | null = null;
  let written = 0;

  const estimate = async (): Promise<number> => {
    const result = (await strapi.db.connection.raw(
      `select greatest(reltuples, 0) as rows from pg_class
        where oid = to_regclass(format('%I.%I', coalesce(?::text, current_schema()), ?::text))`,
      [schema ?? null, table]
    )) as { rows: Array<{ rows: number | string }> };
    return Number(result.rows[0]?.rows ?? 0);
  };

  return {
    /**
     * Counts `rows` more written; refreshes the statistics once the table has grown by half.
     * Best effort: a refresh that fails is logged and never fails the write it serves.
     */
    async grew(rows: number): Promise<void> {
      if (!postgres || rows === 0) return;
      try {
        known ??= await estimate();
        written += rows;
        if (written < Math.max(FIRST_REFRESH, known / 2)) return;
        await strapi.db.connection.raw(
          schema ? 'analyze ??.??' : 'analyze ??',
          schema ? [schema, table] : [table]
        );
        known = await estimate();
        written = 0;
      } catch (error) {
        strapi.log.warn(
          `[user-communication] statistics of ${table} not refreshed: ${errorSummary(error)}`
        );
        written = 0;
      }
    },
  };
};
