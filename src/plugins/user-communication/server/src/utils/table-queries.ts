import type { Core } from '@strapi/strapi';

/** A content type's table as raw knex must name it: with the configured schema, as Strapi's own queries do. */
export const qualifiedTable = (strapi: Core.Strapi, uid: string): string => {
  const table = strapi.db.metadata.get(uid).tableName;
  const schema: string | undefined = strapi.db.getSchemaName();
  return schema ? `${schema}.${table}` : table;
};

/** The column an attribute is stored in, as raw knex must name it. */
export const columnOf = (strapi: Core.Strapi, uid: string, attribute: string): string => {
  const definition = strapi.db.metadata.get(uid).attributes[attribute] as
    { columnName?: string } | undefined;
  if (!definition) throw new Error(`${uid} has no attribute ${attribute}`);
  return definition.columnName ?? attribute;
};

/**
 * A condition selected in raw SQL (`x is not null`, `EXISTS`), as the driver answers it: a boolean
 * on PostgreSQL, 0 or 1 on SQLite, and on MySQL 0 or 1, or '0' or '1' where it is a BIGINT (Strapi
 * has mysql2 read those as text).
 */
export const isSqlTrue = (value: unknown): boolean => value === true || Number(value) === 1;

/** The alias the Query Engine gives the table a query starts from (@strapi/database query-builder). */
const ROOT_ALIAS = 't0';

/**
 * `select <alias>.<column> from <table> as <alias> where <alias>.<column> = t0.id`: a subquery
 * correlated to the row of the Query Engine query it is the `$in` / `$notIn` value of, so that it
 * is one index lookup per row rather than a list of every match. Its own alias: the Query Engine
 * names every root table `t0`, so a subquery from it would hide the row it must refer to.
 */
export const correlatedToRoot = (strapi: Core.Strapi, uid: string, alias: string, column: string) =>
  strapi.db.connection
    .select(`${alias}.${column}`)
    .from(`${qualifiedTable(strapi, uid)} as ${alias}`)
    .whereRaw('?? = ??', [`${alias}.${column}`, `${ROOT_ALIAS}.id`]);
