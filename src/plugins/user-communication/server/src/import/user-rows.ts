/**
 * Turns a read sheet into user rows: every row either becomes a ParsedUserRow or is listed in
 * `invalid` with all that is wrong with it, in words the uploader can act on (the rules and
 * their wording are the integration API's too: user-fields/rules.ts). Nothing here touches the
 * database: uniqueness is checked within the file only.
 */
import {
  MAX_TEXT,
  USERNAME_MIN,
  checkAttribute,
  checkBlocked,
  checkEmail,
  checkLocale,
  checkUsername,
  type AttributeSchema,
  type Checked,
} from '../user-fields/rules';
import { uniqueUsername, usernameBase } from '../user-fields/values';
import type { SheetData, SheetRow } from './sheet-builder';
import { planColumns, type Column, type Field } from './user-columns';

export type ParsedUserRow = {
  row: number;
  /** Trimmed and lower-cased. */
  email: string;
  username: string;
  /** True when the sheet gave no username and it was made from the e-mail (unique within the file only). */
  usernameDerived: boolean;
  locale: string | null;
  blocked: boolean | null;
  /** Extra attributes by name, converted to their types; empty cells are left out. */
  attributes: Record<string, unknown>;
};

export type InvalidUserRow = { row: number; errors: string[] };

export type MapUserRowsOptions = {
  /** Other headers and the attribute (or email/username/locale/blocked) each feeds, e.g. `{ 'Employee ID': 'employeeId' }`. */
  columns?: Record<string, string>;
  /** The user's custom attributes by name; a column for one not listed is read as short text. */
  attributes?: Record<string, AttributeSchema>;
};

export type MappedUserRows = {
  rows: ParsedUserRow[];
  invalid: InvalidUserRow[];
  unknownHeaders: string[];
};

const SHORT_TEXT: AttributeSchema = { type: 'string' };

export type UserRowMapper = {
  /** Plans the columns and answers the plan; throws an ImportFileError for a header the import cannot use. */
  headers(headers: string[]): ReturnType<typeof planColumns>;
  /** Checks one row against the rules and the rows before it; answers whether it is valid. */
  row(row: SheetRow): boolean;
  /** Gives every valid row without a username one of its own, and answers the rows. */
  finish(): MappedUserRows;
};

/**
 * Maps rows one at a time, as a reader hands them on, keeping only what a row became: the
 * sheet's cells need never be held whole.
 */
export const userRowMapper = (options: MapUserRowsOptions = {}): UserRowMapper => {
  let checkRow: ((row: SheetRow) => boolean) | null = null;
  let unknownHeaders: string[] = [];
  const emails = new Map<string, number>();
  // Usernames compare case-insensitively: MySQL's default collation and most logins do.
  const usernames = new Map<string, number>();
  const rows: ParsedUserRow[] = [];
  const invalid: InvalidUserRow[] = [];
  const schemaOf = (name: string) => options.attributes?.[name] ?? SHORT_TEXT;

  const planRows = (headers: string[]) => {
    const plan = planColumns(headers, options.columns);
    unknownHeaders = plan.unknownHeaders;
    const field = (name: Field) =>
      plan.columns.find((column) => 'field' in column.target && column.target.field === name);
    const email = field('email') as Column;
    const username = field('username');
    const locale = field('locale');
    const blocked = field('blocked');
    const attributes = plan.columns.filter((column) => 'attribute' in column.target) as Array<
      Column & { target: { attribute: string } }
    >;

    const check = ({ row, cells }: SheetRow): boolean => {
      const errors: string[] = [];
      const take = <T>(checked: Checked<T>, fallback: T): T => {
        if (!('error' in checked)) return checked.value;
        errors.push(checked.error);
        return fallback;
      };
      const cell = (column: Column | undefined) =>
        column ? (cells[column.index] ?? '').trim() : '';

      const address = take(checkEmail(cell(email)), null);
      if (address !== null && emails.has(address)) {
        errors.push(`Duplicate of row ${emails.get(address)} (same e-mail)`);
      } else if (address !== null) emails.set(address, row);

      const given = cell(username);
      const name = take(checkUsername(given), null);
      if (name !== null && usernames.has(name.toLowerCase())) {
        errors.push(`Duplicate of row ${usernames.get(name.toLowerCase())} (same username)`);
      }
      // Taken even if the row fails: a fixed re-import of that row must not find its name given away.
      if (given !== '' && !usernames.has(given.toLowerCase()))
        usernames.set(given.toLowerCase(), row);

      const tag = take(checkLocale(cell(locale)), null);
      const isBlocked = take(checkBlocked(cell(blocked)), null);

      const values: Record<string, unknown> = {};
      for (const column of attributes) {
        const attribute = column.target.attribute;
        const value = take(checkAttribute(column.header, schemaOf(attribute), cell(column)), null);
        if (value !== null) values[attribute] = value;
      }

      if (errors.length > 0 || address === null) {
        invalid.push({ row, errors });
        return false;
      }
      rows.push({
        row,
        email: address,
        username: name ?? '',
        usernameDerived: name === null,
        locale: tag,
        blocked: isBlocked,
        attributes: values,
      });
      return true;
    };
    return { plan, check };
  };

  return {
    headers(headers) {
      const { plan, check } = planRows(headers);
      checkRow = check;
      return plan;
    },

    row(row) {
      if (!checkRow) throw new Error('userRowMapper: a row before the headers');
      return checkRow(row);
    },

    finish() {
      // Once every explicit username in the file is known, so a derived one never takes it.
      const next = new Map<string, number>();
      const taken = (candidate: string) => usernames.has(candidate.toLowerCase());
      for (const parsed of rows) {
        if (!parsed.usernameDerived) continue;
        parsed.username = uniqueUsername(
          usernameBase(parsed.email, USERNAME_MIN),
          taken,
          next,
          MAX_TEXT
        );
        usernames.set(parsed.username, parsed.row);
      }
      return { rows, invalid, unknownHeaders };
    },
  };
};

/** Maps a sheet held whole. */
export const mapUserRows = (sheet: SheetData, options: MapUserRowsOptions = {}): MappedUserRows => {
  const mapper = userRowMapper(options);
  mapper.headers(sheet.headers);
  for (const row of sheet.rows) mapper.row(row);
  return mapper.finish();
};
