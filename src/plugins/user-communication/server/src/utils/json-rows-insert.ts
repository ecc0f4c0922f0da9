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

/**
 * About how many JSON characters a statement carries at most: a page of 1,000 outbox rows is
 * about 0.4 MB. On MySQL a statement must fit its packet (16 MB by default on MariaDB): two
 * million characters, counted before JSON escapes them, are at most 12 MB (a control character
 * becomes six bytes, any other at most three).
 */
const MAX_JSON_CHARS = 16 * 1024 * 1024;
const MAX_MYSQL_JSON_CHARS = 2 * 1024 * 1024;

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

/** The rows of one statement, cut where the JSON would pass `maxChars`. */
const statementsOf = <Row>(
  rows: Array<Record<string, unknown>>,
  toJson: (row: Record<string, unknown>) => { value: Row; size: number },
  maxChars = MAX_JSON_CHARS
): Row[][] => {
  const statements: Row[][] = [[]];
  let size = 0;
  for (const row of rows) {
    const { value, size: rowSize } = toJson(row);
    if (size + rowSize > maxChars && statements[statements.length - 1].length > 0) {
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

/** Whether a `version()` such as '10.11.19' is `least` or later. */
const versionAtLeast = (version: string, least: number[]) => {
  const parts = version.split('.').map((part) => Number.parseInt(part, 10) || 0);
  for (let index = 0; index < least.length; index += 1) {
    const part = parts[index] ?? 0;
    if (part !== least[index]) return part > least[index];
  }
  return true;
};

/**
 * Whether MySQL or MariaDB reads rows from JSON (`JSON_TABLE`: MySQL 8.0.4, MariaDB 10.6), as
 * Strapi's dialect read the server's `version()` when it connected. Strapi 5 accepts MariaDB
 * from 10.3 on; before 10.6 the outbox's rows go as a list of values instead.
 */
export const readsJsonTable = (strapi: Core.Strapi): boolean => {
  if (strapi.db.dialect.client !== 'mysql') return false;
  const info = (
    strapi.db.dialect as { info?: { database?: string | null; version?: string | null } }
  ).info;
  if (!info?.version) return false;
  const server = info.database?.toUpperCase();
  if (server === 'MARIADB') return versionAtLeast(info.version, [10, 6, 0]);
  if (server === 'MYSQL') return versionAtLeast(info.version, [8, 0, 4]);
  return false;
};

/**
 * Many rows in one INSERT on PostgreSQL, SQLite or MySQL, sent as a single JSON parameter. A multi-row
 * `VALUES` of 1,000 outbox rows binds 18,000 parameters, which PostgreSQL takes longer to parse
 * and plan than to write the rows (measured: 20,000 outbox rows, 3.0–3.4 s as `VALUES`, 1.1 s
 * as JSON), and which SQLite prepares anew for every statement (a sixth of a 500,000-reminder
 * run, with knex's compiling of the statement another sixth). The JSON leaves out what it need
 * not repeat: a value every row shares goes once, and a value given in `shared` is bound as an
 * ordinary parameter, so timestamps reach the database as the Query Engine would send them.
 * Values go as the column holds them, not through the attributes' own conversions (a `json`
 * attribute's value as the value itself, not its text; a boolean as the driver binds one).
 * On MySQL (where `readsJsonTable`) a conflict is skipped as `INSERT IGNORE` skips it, on any
 * unique key, and the ids of the rows are not answered. Joins the caller's `strapi.db.transaction`, if any.
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
  const mysql = client === 'mysql';
  if (client !== 'postgres' && client !== 'sqlite' && !(mysql && readsJsonTable(strapi))) {
    throw new Error(`insertJsonRows: not on ${client}`);
  }
  if (mysql && returnIds) throw new Error('insertJsonRows: no ids of the rows on MySQL');
  const input: StatementInput = { strapi, uid, rows, shared, columns };
  const statements =
    client === 'postgres'
      ? postgresStatements(input)
      : mysql
        ? mysqlStatements(input, Boolean(conflict))
        : sqliteStatements(input);
  return strapi.db.transaction(async ({ trx }) => {
    const ids: number[] = [];
    let inserted = 0;
    for (const { sql, bindings } of statements) {
      if (mysql) {
        inserted += (await executePrepared(trx, sql, bindings)).affectedRows;
        continue;
      }
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

/** The bindings that name the table and its columns, per row, constant, then shared. */
const target = ({ strapi, uid, columns }: StatementInput) => [
  qualifiedTable(strapi, uid),
  ...columns.perRow.map(columns.column),
  ...columns.constant.map(columns.column),
  ...columns.shared.map(columns.column),
];

/**
 * Rows as JSON arrays, one element per column that differs between rows (SQLite and MySQL),
 * cut into statements; `toValue` converts a row's value of the column at that index.
 */
const arrayRows = (
  { rows, columns }: StatementInput,
  toValue: (index: number, value: unknown) => unknown,
  maxChars?: number
) =>
  statementsOf(
    rows,
    (row) => {
      const values: unknown[] = [];
      let size = 2;
      for (let index = 0; index < columns.perRow.length; index += 1) {
        const value = toValue(index, row[columns.perRow[index]]) ?? null;
        values.push(value);
        size += jsonSize(value) + 1;
      }
      return { value: values, size };
    },
    maxChars
  );

/**
 * A statement's JSON as the bytes the driver sends (PostgreSQL and MySQL). As a string, the
 * driver flattened the text JSON.stringify builds in pieces into one copy of the whole, a large
 * object that V8 moves to the old generation when it outlives a young collection, as it does
 * while its insert is in flight beside the next page's: 500,000 reminders left 62 MB of them on
 * MariaDB for a full collection to free, and the instance grew by 65–68 MB (+0–1 MB as bytes,
 * which live outside V8's heap and are freed with the small buffer that holds them). The
 * statement decodes them as UTF-8: mysql2 sends bytes as a BLOB, and MySQL refuses JSON in the
 * binary character set (node-postgres sends them as `bytea`).
 */
const jsonBytes = (value: unknown) => Buffer.from(JSON.stringify(value));

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
    `from json_populate_recordset(null::??, convert_from(?, 'UTF8')::json) as ??` +
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
      jsonBytes(statement),
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
const sqliteStatements = (input: StatementInput): Statement[] => {
  const { rows, shared, columns } = input;
  const { perRow, constant, shared: sharedNames } = columns;
  const sql =
    `insert into ?? (${list(perRow.length + constant.length + sharedNames.length, '??')}) ` +
    `select ${[list(perRow.length, 'json_extract(value, ?)'), list(constant.length + sharedNames.length, '?')].filter(Boolean).join(', ')} ` +
    'from json_each(?) where true';
  const statements = arrayRows(input, (index, value) => asSqliteValue(perRow[index], value));
  return statements.map((statement) => ({
    sql,
    bindings: [
      ...target(input),
      ...perRow.map((_, index) => `$[${index}]`),
      ...constant.map((attribute) => asSqliteValue(attribute, rows[0][attribute])),
      ...sharedNames.map((name) => shared[name]),
      JSON.stringify(statement),
    ],
  }));
};

/** What this file uses of a knex transaction. */
interface Transaction {
  isCompleted(): boolean;
  raw(
    sql: string,
    bindings: unknown[]
  ): { toSQL(): { toNative(): { sql: string; bindings: unknown } } };
  client: unknown;
}

interface Mysql2Connection {
  execute(
    sql: string,
    values: unknown[],
    callback: (error: Error | null, result: { affectedRows: number }) => void
  ): void;
}

/**
 * A statement run on MySQL as a prepared one, on the connection the transaction holds (knex's
 * transaction client answers it), so that mysql2 sends the JSON as it is. Through knex, mysql2
 * writes it into the statement's text, escaping it character by character: a run of 500,000
 * reminders allocated 0.7 GB there, and V8 let the instance grow by 165 MB instead of 48.
 * mysql2 keeps the statement prepared on its connection, for the next page.
 */
const executePrepared = async (trx: Transaction, sql: string, bindings: unknown[]) => {
  // knex refuses a query on a finished transaction; its connection would then be the pool's.
  if (trx.isCompleted()) throw new Error('insertJsonRows: the transaction has ended');
  const native = trx.raw(sql, bindings).toSQL().toNative();
  const connection = (await (
    trx.client as { acquireConnection(): Promise<unknown> }
  ).acquireConnection()) as Partial<Mysql2Connection>;
  if (typeof connection.execute !== 'function') {
    throw new Error('insertJsonRows: this MySQL connection cannot run prepared statements');
  }
  const execute = connection.execute.bind(connection);
  return new Promise<{ affectedRows: number }>((resolve, reject) => {
    execute(native.sql, native.bindings as unknown[], (error, result) =>
      error ? reject(error) : resolve(result)
    );
  });
};

/**
 * The zone mysql2 writes dates in for a connection's `timezone` option, as its ConnectionConfig
 * reads it: 'local' unless set; an offset written with a space (a '+' decoded from a URL) has
 * its '+' back; anything but 'local', 'Z' or ±HH:MM (such as 'UTC') is UTC, with a warning.
 */
export const mysqlZone = (option?: string): string => {
  if (!option) return 'local';
  if (!/^(?:local|Z|[ +-]\d\d:\d\d)$/.test(option)) return 'Z';
  return option.startsWith(' ') ? `+${option.slice(1)}` : option;
};

/**
 * A date as mysql2 writes a bound one (sql-escaper's `writeDate`), in a zone as `mysqlZone`
 * answers it: the local wall clock, UTC's, or that of an offset such as '+05:30'. A `datetime`
 * column keeps the wall clock.
 */
export const mysqlDateText = (date: Date, zone = 'local'): string => {
  let shifted = date;
  if (zone !== 'local' && zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const minutes = sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
    shifted = new Date(date.getTime() + minutes * 60_000);
  }
  const local = zone === 'local';
  const [year, month, day, hours, minutes, seconds, milliseconds] = local
    ? [
        date.getFullYear(),
        date.getMonth(),
        date.getDate(),
        date.getHours(),
        date.getMinutes(),
        date.getSeconds(),
        date.getMilliseconds(),
      ]
    : [
        shifted.getUTCFullYear(),
        shifted.getUTCMonth(),
        shifted.getUTCDate(),
        shifted.getUTCHours(),
        shifted.getUTCMinutes(),
        shifted.getUTCSeconds(),
        shifted.getUTCMilliseconds(),
      ];
  return (
    `${pad(year, 4)}-${pad(month + 1)}-${pad(day)} ` +
    `${pad(hours)}:${pad(minutes)}:${pad(seconds)}.${pad(milliseconds, 3)}`
  );
};

/** The type `JSON_TABLE` reads an attribute's value as, close to the column Strapi made for it. */
const jsonTableType = (type: string | undefined): string => {
  switch (type) {
    case 'integer':
    case 'biginteger':
    case 'boolean':
      return 'bigint';
    case 'float':
      return 'double';
    case 'decimal':
      return 'decimal(65, 30)';
    case 'date':
      return 'date';
    case 'time':
      return 'time(3)';
    case 'datetime':
    case 'timestamp':
      return 'datetime(6)';
    default:
      return 'longtext';
  }
};

/**
 * A value for MySQL, as knex and mysql2 bind one: a date as its wall clock in the connection's
 * zone, a boolean as 0 or 1, a `json` attribute's value as its text. A string is made
 * well-formed, as mysql2 makes it when it encodes the statement (half a surrogate pair becomes
 * U+FFFD). A value JSON cannot carry as the driver would bind it is refused.
 */
const asMysqlValue = (
  column: string,
  value: unknown,
  { json, timezone }: { json: boolean; timezone?: string }
): unknown => {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new Error(`${column}: invalid date`);
    return mysqlDateText(value, timezone);
  }
  if (typeof value === 'boolean') return Number(value);
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw new Error(`${column}: ${value} is not a number MySQL reads from JSON`);
  }
  if (ArrayBuffer.isView(value)) throw new Error(`${column}: bytes do not go as JSON`);
  if (json) return JSON.stringify(asJsonValue(value));
  return asJsonValue(value);
};

/**
 * MySQL: rows as JSON arrays read by `JSON_TABLE`, each column with a type close to its own; the
 * values every row shares bound once, through mysql2's own conversions. `JSON_TABLE` converts as
 * the server does (on MariaDB a text read as a number is 0, even with ERROR ON ERROR), so a value
 * must have its column's type already, as the callers' do; with `conflict`, `INSERT IGNORE`
 * skips a row that repeats any unique key and, as it does for a list of values, turns data
 * errors into warnings. A page's 18,000 values
 * had each been escaped, written and joined into the statement's text on its own: a run of
 * 500,000 reminders allocated 5.3 GB, 2.6 GB now.
 */
const mysqlStatements = (input: StatementInput, skipConflicts: boolean): Statement[] => {
  const { strapi, uid, rows, shared, columns } = input;
  const { perRow, constant, shared: sharedNames } = columns;
  const attributes = strapi.db.metadata.get(uid).attributes as Record<string, { type?: string }>;
  const timezone = mysqlZone(
    (strapi.db.connection.client as { connectionSettings?: { timezone?: string } })
      .connectionSettings?.timezone
  );
  const conversion = (attribute: string) => ({
    json: attributes[attribute]?.type === 'json',
    timezone,
  });
  const conversions = perRow.map(conversion);
  // The ordinal keeps the column list from being empty where every value is shared.
  const tableColumns = [
    'ordinal for ordinality',
    ...perRow.map(
      (attribute, index) =>
        `c${index} ${jsonTableType(attributes[attribute]?.type)} path '$[${index}]'`
    ),
  ];
  const sql =
    `insert${skipConflicts ? ' ignore' : ''} into ?? (${list(perRow.length + constant.length + sharedNames.length, '??')}) ` +
    `select ${[list(perRow.length, '??'), list(constant.length + sharedNames.length, '?')].filter(Boolean).join(', ')} ` +
    `from json_table(convert(? using utf8mb4), '$[*]' columns (${tableColumns.join(', ')})) as ??`;
  const statements = arrayRows(
    input,
    (index, value) => asMysqlValue(perRow[index], value, conversions[index]),
    MAX_MYSQL_JSON_CHARS
  );
  return statements.map((statement) => ({
    sql,
    bindings: [
      ...target(input),
      ...perRow.map((_, index) => `row.c${index}`),
      ...constant.map((attribute) =>
        asMysqlValue(attribute, rows[0][attribute], conversion(attribute))
      ),
      ...sharedNames.map((name) => shared[name]),
      jsonBytes(statement),
      'row',
    ],
  }));
};
