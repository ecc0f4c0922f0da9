import type { Core, UID } from '@strapi/strapi';
import { qualifiedTable } from './table-queries';

interface JsonRowsInsert {
  /** The rows, by attribute name; an attribute a row leaves out is null in it. */
  rows: Array<Record<string, unknown>>;
  /** Values every row shares (a page's timestamps), by attribute name: bound once, not per row. */
  shared: Record<string, unknown>;
  /** The unique attribute a row already present is skipped on; without it, no conflict is expected. */
  conflict?: string;
  /** Whether to return the ids of the rows inserted (not of those skipped on a conflict). */
  returnIds?: boolean;
}

/** JSON characters per statement at most: a page of 1,000 outbox rows is about 0.4 MB. */
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

/**
 * A value as node-postgres sends a bound parameter. Half of a surrogate pair, which JSON would
 * carry as an escape PostgreSQL refuses ("Unicode low surrogate must follow a high surrogate"),
 * becomes U+FFFD, as UTF-8 encoding makes it: one refused row would fail its whole statement.
 * Converted before JSON.stringify rather than by a replacer, which would take it off V8's fast
 * path: for a page of 1,000 outbox rows that cost more than the rest of building it.
 */
const asBound = (value: unknown): unknown => {
  if (typeof value === 'string') {
    const text = value as string & { isWellFormed(): boolean; toWellFormed(): string };
    return text.isWellFormed() ? text : text.toWellFormed();
  }
  if (value instanceof Date) return postgresDateText(value);
  if (Array.isArray(value)) return value.map(asBound);
  const prototype = value !== null && typeof value === 'object' && Object.getPrototypeOf(value);
  // A plain object (a `json` attribute's value); anything else keeps its own toJSON.
  if (prototype === Object.prototype || prototype === null) {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([key, inner]) => [
        asBound(key),
        asBound(inner),
      ])
    );
  }
  return value;
};

/** About how many characters a value takes in JSON: enough to keep statements near their cap. */
const jsonSize = (value: unknown): number => {
  if (typeof value === 'string') return value.length + 2;
  if (value !== null && typeof value === 'object') return JSON.stringify(value).length;
  return 24;
};

/**
 * Many rows in one INSERT on PostgreSQL, sent as a single JSON parameter and unpacked by
 * `json_populate_recordset` with the table's own row type. A multi-row `VALUES` of 1,000 outbox
 * rows binds 18,000 parameters, which PostgreSQL takes longer to parse and plan than to write the
 * rows (measured: 20,000 outbox rows, 3.0–3.4 s as `VALUES`, 1.1 s as JSON). The shared values
 * are bound as ordinary parameters, so timestamps reach the database as the Query Engine would
 * send them. A `json` attribute's value goes as the value itself, not its text. Joins the caller's
 * `strapi.db.transaction`, if any.
 */
export const insertJsonRows = async (
  strapi: Core.Strapi,
  uid: UID.Schema,
  { rows, shared, conflict, returnIds = false }: JsonRowsInsert
): Promise<number[]> => {
  if (rows.length === 0) return [];
  const meta = strapi.db.metadata.get(uid);
  const column = (attribute: string) => {
    const definition = meta.attributes[attribute] as { columnName?: string } | undefined;
    if (!definition) throw new Error(`${uid} has no attribute ${attribute}`);
    return definition.columnName ?? attribute;
  };
  const perRow = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const perRowColumns = perRow.map(column);
  const sharedNames = Object.keys(shared);
  const table = qualifiedTable(strapi, uid);
  const identifiers = (count: number) => Array.from({ length: count }, () => '??').join(', ');
  const sql =
    `insert into ?? (${identifiers(perRow.length + sharedNames.length)}) ` +
    `select ${identifiers(perRow.length)}, ${sharedNames.map(() => '?').join(', ')} ` +
    `from json_populate_recordset(null::??, ?::json)${conflict ? ' on conflict (??) do nothing' : ''}` +
    (returnIds ? ' returning ??' : '');

  const keysSize = perRowColumns.reduce((sum, name) => sum + name.length + 4, 2);
  const statements: Array<Array<Record<string, unknown>>> = [[]];
  let size = 0;
  for (const row of rows) {
    const byColumn: Record<string, unknown> = {};
    let rowSize = keysSize;
    for (let index = 0; index < perRow.length; index += 1) {
      const value = asBound(row[perRow[index]]);
      byColumn[perRowColumns[index]] = value;
      rowSize += jsonSize(value);
    }
    if (size + rowSize > MAX_JSON_CHARS && statements[statements.length - 1].length > 0) {
      statements.push([]);
      size = 0;
    }
    statements[statements.length - 1].push(byColumn);
    size += rowSize;
  }
  return strapi.db.transaction(async ({ trx }) => {
    const ids: number[] = [];
    for (const statement of statements) {
      const result = await trx.raw(sql, [
        table,
        ...perRowColumns,
        ...sharedNames.map(column),
        ...perRowColumns,
        ...sharedNames.map((name) => shared[name]),
        table,
        // One flat string: node-postgres measures its UTF-8 length, which a joined one made slow.
        JSON.stringify(statement),
        ...(conflict ? [column(conflict)] : []),
        ...(returnIds ? [column('id')] : []),
      ]);
      if (returnIds)
        ids.push(...(result as { rows: Array<{ id: number }> }).rows.map((row) => row.id));
    }
    return ids;
  });
};
