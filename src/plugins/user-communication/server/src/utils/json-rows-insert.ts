import type { Core, UID } from '@strapi/strapi';
import { columnOf, qualifiedTable } from './table-queries';

interface JsonRowsInsert {
  /** The rows, by attribute name; an attribute a row leaves out is null in it. */
  rows: Array<Record<string, unknown>>;
  /**
   * Values every row shares (a page's timestamps), by attribute name: bound once, not per row.
   * A row's own value for one of these attributes is not read.
   */
  shared: Record<string, unknown>;
  /** The unique attribute a row already present is skipped on; without it, no conflict is expected. */
  conflict?: string;
  /** Whether to answer the ids of the rows inserted (not of those skipped on a conflict) too. */
  returnIds?: boolean;
}

/** About how many JSON characters a statement carries at most: a page of 1,000 outbox rows is about 0.4 MB. */
const MAX_JSON_CHARS = 16 * 1024 * 1024;

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/**
 * A date as node-postgres sends a bound one (its `dateToString`): the local wall clock and its
 * offset. A `timestamp without time zone` column, as Strapi makes them, keeps the wall clock and
 * drops the offset; JSON's own `toISOString` would store UTC there instead, and the same instant
 * would read back differently from a row the Query Engine wrote, wherever the server's zone is
 * not UTC.
 */
export const postgresDateText = (date: Date): string => {
  const offset = -date.getTimezoneOffset();
  const sign = offset < 0 ? '-' : '+';
  const year = date.getFullYear();
  const era = year < 1 ? ' BC' : '';
  return (
    `${pad(year < 1 ? 1 - year : year, 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}` +
    `.${pad(date.getMilliseconds(), 3)}${sign}${pad(Math.floor(Math.abs(offset) / 60))}:` +
    `${pad(Math.abs(offset) % 60)}${era}`
  );
};

type Unicode = string & { isWellFormed(): boolean; toWellFormed(): string };

/**
 * Half of a surrogate pair, which JSON would carry as an escape PostgreSQL refuses ("Unicode low
 * surrogate must follow a high surrogate"), becomes U+FFFD, as UTF-8 encoding makes it when
 * node-postgres binds the string: one refused row would fail its whole statement.
 */
const wellFormed = (text: string) =>
  (text as Unicode).isWellFormed() ? text : (text as Unicode).toWellFormed();

/**
 * A value inside a `json` column's value, as node-postgres sends one (JSON.stringify): only its
 * strings are made well-formed; a date stays as its own toJSON writes it.
 */
const asJsonValue = (value: unknown): unknown => {
  if (typeof value === 'string') return wellFormed(value);
  if (Array.isArray(value)) return value.map(asJsonValue);
  const prototype = value !== null && typeof value === 'object' && Object.getPrototypeOf(value);
  if (prototype === Object.prototype || prototype === null) {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([key, inner]) => [
        wellFormed(key),
        asJsonValue(inner),
      ])
    );
  }
  return value;
};

/**
 * A column's value as node-postgres would bind it, for PostgreSQL to read from JSON the same
 * way. Converted before JSON.stringify rather than by a replacer, which would take the whole
 * statement off V8's fast path: for a page of 1,000 outbox rows that cost more than the rest of
 * building it. A value JSON cannot carry the way node-postgres would bind it (an invalid date, a
 * number that is not finite, raw bytes) is refused rather than stored differently.
 */
const asColumnValue = (column: string, value: unknown): unknown => {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new Error(`${column}: invalid date`);
    return postgresDateText(value);
  }
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw new Error(`${column}: ${value} is not a number PostgreSQL reads from JSON`);
  }
  if (ArrayBuffer.isView(value)) throw new Error(`${column}: bytes do not go as JSON`);
  return asJsonValue(value);
};

/** About how many characters a value takes in JSON, without writing it twice. */
const jsonSize = (value: unknown): number => {
  if (typeof value === 'string') return value.length + 2;
  if (value === null || typeof value !== 'object') return 24;
  let size = 2;
  if (Array.isArray(value)) {
    for (const inner of value) size += jsonSize(inner) + 1;
    return size;
  }
  for (const key of Object.keys(value)) {
    size += key.length + 4 + jsonSize((value as Record<string, unknown>)[key]);
  }
  return size;
};

/**
 * The attributes the rows give, in order of first appearance, but for those shared. Collected
 * by hand: `new Set(rows.flatMap(Object.keys))` was a tenth of what a run of 500,000 reminders
 * allocated (the set reads the flat array through its iterator).
 */
const rowAttributes = (rows: Array<Record<string, unknown>>, shared: Record<string, unknown>) => {
  const attributes = new Set<string>();
  for (const row of rows) {
    for (const attribute in row) {
      if (!Object.hasOwn(shared, attribute)) attributes.add(attribute);
    }
  }
  return [...attributes];
};

/**
 * The attributes every row gives the same string, number or boolean (a page's message type, its
 * status, a subject in one locale): sent once, not once per row.
 */
const constantAttributes = (rows: Array<Record<string, unknown>>, attributes: string[]) =>
  rows.length < 2
    ? []
    : attributes.filter((attribute) => {
        const first = rows[0][attribute];
        const kind = typeof first;
        if (kind !== 'string' && kind !== 'number' && kind !== 'boolean') return false;
        return rows.every((row) => row[attribute] === first);
      });

/**
 * A value for SQLite, as knex binds one to better-sqlite3: a date as its milliseconds, a boolean
 * as 0 or 1. A string is made well-formed, as on PostgreSQL: bound, half a surrogate pair would
 * be stored as bytes that are not UTF-8 (read back as three U+FFFD). A value JSON cannot carry
 * as the driver would bind it is refused.
 */
const asSqliteValue = (column: string, value: unknown): unknown => {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new Error(`${column}: invalid date`);
    return value.getTime();
  }
  if (typeof value === 'boolean') return Number(value);
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw new Error(`${column}: ${value} is not a number SQLite reads from JSON`);
  }
  if (ArrayBuffer.isView(value)) throw new Error(`${column}: bytes do not go as JSON`);
  return asJsonValue(value);
};

/** The rows of one statement, cut where the JSON would pass MAX_JSON_CHARS. */
const statementsOf = <Row>(
  rows: Array<Record<string, unknown>>,
  toJson: (row: Record<string, unknown>) => { value: Row; size: number }
): Row[][] => {
  const statements: Row[][] = [[]];
  let size = 0;
  for (const row of rows) {
    const { value, size: rowSize } = toJson(row);
    if (size + rowSize > MAX_JSON_CHARS && statements[statements.length - 1].length > 0) {
      statements.push([]);
      size = 0;
    }
    statements[statements.length - 1].push(value);
    size += rowSize;
  }
  return statements;
};

interface Columns {
  /** Attributes that differ between rows, then those every row gives the same value. */
  perRow: string[];
  constant: string[];
  shared: string[];
  column: (attribute: string) => string;
}

/**
 * Many rows in one INSERT on PostgreSQL or SQLite, sent as a single JSON parameter. A multi-row
 * `VALUES` of 1,000 outbox rows binds 18,000 parameters, which PostgreSQL takes longer to parse
 * and plan than to write the rows (measured: 20,000 outbox rows, 3.0–3.4 s as `VALUES`, 1.1 s
 * as JSON), and which SQLite prepares anew for every statement (a sixth of a 500,000-reminder
 * run, with knex's compiling of the statement another sixth). The JSON leaves out what it need
 * not repeat: a value every row shares goes once, and a value given in `shared` is bound as an
 * ordinary parameter, so timestamps reach the database as the Query Engine would send them.
 * Values go as the column holds them, not through the attributes' own conversions (a `json`
 * attribute's value as the value itself, not its text; a boolean as the driver binds one).
 * Joins the caller's `strapi.db.transaction`, if any.
 */
export const insertJsonRows = async (
  strapi: Core.Strapi,
  uid: UID.Schema,
  { rows, shared, conflict, returnIds = false }: JsonRowsInsert
): Promise<{ inserted: number; ids: number[] }> => {
  if (rows.length === 0) return { inserted: 0, ids: [] };
  const attributes = rowAttributes(rows, shared);
  const constant = constantAttributes(rows, attributes);
  const columns: Columns = {
    perRow: attributes.filter((attribute) => !constant.includes(attribute)),
    constant,
    shared: Object.keys(shared),
    column: (attribute) => columnOf(strapi, uid, attribute),
  };
  const client = strapi.db.dialect.client;
  if (client !== 'postgres' && client !== 'sqlite') {
    throw new Error(`insertJsonRows: not on ${client}`);
  }
  const input: StatementInput = { strapi, uid, rows, shared, columns };
  const statements = client === 'postgres' ? postgresStatements(input) : sqliteStatements(input);
  return strapi.db.transaction(async ({ trx }) => {
    const ids: number[] = [];
    let inserted = 0;
    for (const { sql, bindings } of statements) {
      const suffix =
        (conflict ? ' on conflict (??) do nothing' : '') + (returnIds ? ' returning ??' : '');
      const result = (await trx.raw(sql + suffix, [
        ...bindings,
        ...(conflict ? [columns.column(conflict)] : []),
        ...(returnIds ? [columns.column('id')] : []),
      ])) as unknown;
      // The rows written, not those skipped on a conflict.
      if (client === 'postgres') {
        const answer = result as { rowCount: number; rows: Array<{ id: number }> };
        inserted += answer.rowCount;
        if (returnIds) ids.push(...answer.rows.map((row) => row.id));
      } else if (returnIds) {
        const written = result as Array<{ id: number }>;
        inserted += written.length;
        ids.push(...written.map((row) => row.id));
      } else {
        inserted += (result as { changes: number }).changes;
      }
    }
    return { inserted, ids };
  });
};

interface Statement {
  sql: string;
  bindings: unknown[];
}

interface StatementInput {
  strapi: Core.Strapi;
  uid: UID.Schema;
  rows: Array<Record<string, unknown>>;
  shared: Record<string, unknown>;
  columns: Columns;
}

const list = (count: number, item: string) => Array.from({ length: count }, () => item).join(', ');

/**
 * PostgreSQL: rows as JSON objects unpacked by `json_populate_recordset` with the table's own
 * row type (an absent key reads as null); the values every row shares in an object of their
 * own, read with the same row type.
 */
const postgresStatements = ({
  strapi,
  uid,
  rows,
  shared,
  columns,
}: StatementInput): Statement[] => {
  const { perRow, constant, shared: sharedNames, column } = columns;
  const perRowColumns = perRow.map(column);
  const constantColumns = constant.map(column);
  const table = qualifiedTable(strapi, uid);
  const constants = Object.fromEntries(
    constant.map((attribute, index) => [
      constantColumns[index],
      asColumnValue(attribute, rows[0][attribute]),
    ])
  );
  const sql =
    `insert into ?? (${list(perRow.length + constant.length + sharedNames.length, '??')}) ` +
    `select ${[list(perRow.length, '??'), list(constant.length, '??'), list(sharedNames.length, '?')].filter(Boolean).join(', ')} ` +
    `from json_populate_recordset(null::??, ?::json) as ??` +
    (constant.length > 0 ? ', json_populate_record(null::??, ?::json) as ??' : '');
  const statements = statementsOf(rows, (row) => {
    const byColumn: Record<string, unknown> = {};
    let size = 2;
    for (let index = 0; index < perRow.length; index += 1) {
      const value = asColumnValue(perRow[index], row[perRow[index]]);
      if (value === null || value === undefined) continue;
      byColumn[perRowColumns[index]] = value;
      size += perRowColumns[index].length + 4 + jsonSize(value);
    }
    return { value: byColumn, size };
  });
  return statements.map((statement) => ({
    sql,
    bindings: [
      table,
      ...perRowColumns,
      ...constantColumns,
      ...sharedNames.map(column),
      ...perRowColumns.map((name) => `row.${name}`),
      ...constantColumns.map((name) => `same.${name}`),
      ...sharedNames.map((name) => shared[name]),
      table,
      // One flat string: node-postgres measures its UTF-8 length, which a joined one made slow.
      JSON.stringify(statement),
      'row',
      ...(constant.length > 0 ? [table, JSON.stringify(constants), 'same'] : []),
    ],
  }));
};

/**
 * SQLite: rows as JSON arrays, one element per column that differs between rows, read by
 * `json_each` and `json_extract` (SQLite parses each row once and serves the other columns from
 * its parse cache). The values every row shares are bound once, through knex's own conversions.
 * `where true`: SQLite reads `on conflict` after a bare `from` as a join's constraint.
 */
const sqliteStatements = ({ strapi, uid, rows, shared, columns }: StatementInput): Statement[] => {
  const { perRow, constant, shared: sharedNames, column } = columns;
  const sql =
    `insert into ?? (${list(perRow.length + constant.length + sharedNames.length, '??')}) ` +
    `select ${[list(perRow.length, 'json_extract(value, ?)'), list(constant.length + sharedNames.length, '?')].filter(Boolean).join(', ')} ` +
    'from json_each(?) where true';
  const statements = statementsOf(rows, (row) => {
    const values: unknown[] = [];
    let size = 2;
    for (const attribute of perRow) {
      const value = asSqliteValue(attribute, row[attribute]) ?? null;
      values.push(value);
      size += jsonSize(value) + 1;
    }
    return { value: values, size };
  });
  return statements.map((statement) => ({
    sql,
    bindings: [
      qualifiedTable(strapi, uid),
      ...perRow.map(column),
      ...constant.map(column),
      ...sharedNames.map(column),
      ...perRow.map((_, index) => `$[${index}]`),
      ...constant.map((attribute) => asSqliteValue(attribute, rows[0][attribute])),
      ...sharedNames.map((name) => shared[name]),
      JSON.stringify(statement),
    ],
  }));
};
