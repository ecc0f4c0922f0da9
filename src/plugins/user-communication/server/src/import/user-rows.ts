/**
 * Turns a read sheet into user rows: every row either becomes a ParsedUserRow or is listed in
 * `invalid` with all that is wrong with it, in words the uploader can act on. Nothing here
 * touches the database: uniqueness is checked within the file only.
 */
import type { SheetData } from './sheet-builder';
import { planColumns, type Column, type Field } from './user-columns';
import {
  characterCount,
  hasControlCharacter,
  isEmail,
  parseBlocked,
  parseLocale,
  uniqueUsername,
  usernameBase,
} from './user-values';

export { uniqueUsername, usernameBase } from './user-values';

export type ParsedUserRow = {
  row: number;
  /** Trimmed and lower-cased. */
  email: string;
  username: string;
  /** True when the sheet gave no username and it was made from the e-mail (unique within the file only). */
  usernameDerived: boolean;
  locale: string | null;
  blocked: boolean | null;
  /** Extra attributes by name; empty cells are left out. Values are data, kept as typed (trimmed). */
  attributes: Record<string, string>;
};

export type InvalidUserRow = { row: number; errors: string[] };

export type MapUserRowsOptions = {
  /** Other headers and the attribute (or email/username/locale/blocked) each feeds, e.g. `{ 'Employee ID': 'employeeId' }`. */
  columns?: Record<string, string>;
  /** In characters. Defaults: 255 each; `attributes` is one limit for all, or one per attribute name. */
  maxLengths?: { email?: number; username?: number; attributes?: number | Record<string, number> };
};

export type MappedUserRows = {
  rows: ParsedUserRow[];
  invalid: InvalidUserRow[];
  unknownHeaders: string[];
};

const DEFAULT_MAX = 255;
const USERNAME_MIN = 3; // users-permissions' user schema: username minLength 3

/** A value quoted back in a message, cut so one bad cell cannot make a message (or a report line) huge. */
const show = (value: string) =>
  `"${characterCount(value) > 60 ? `${[...value].slice(0, 60).join('')}…` : value}"`;

export const mapUserRows = (sheet: SheetData, options: MapUserRowsOptions = {}): MappedUserRows => {
  const { columns, unknownHeaders } = planColumns(sheet.headers, options.columns);
  const field = (name: Field) =>
    columns.find((column) => 'field' in column.target && column.target.field === name);
  const email = field('email') as Column;
  const username = field('username');
  const locale = field('locale');
  const blocked = field('blocked');
  const attributes = columns.filter((column) => 'attribute' in column.target) as Array<
    Column & { target: { attribute: string } }
  >;
  const maxEmail = options.maxLengths?.email ?? DEFAULT_MAX;
  const maxUsername = options.maxLengths?.username ?? DEFAULT_MAX;
  const limits = options.maxLengths?.attributes;
  const maxAttribute = (name: string) =>
    (typeof limits === 'number' ? limits : limits?.[name]) ?? DEFAULT_MAX;

  const emails = new Map<string, number>();
  // Usernames compare case-insensitively: MySQL's default collation and most logins do.
  const usernames = new Map<string, number>();
  const rows: ParsedUserRow[] = [];
  const invalid: InvalidUserRow[] = [];

  for (const { row, cells } of sheet.rows) {
    const errors: string[] = [];
    const cell = (column: Column | undefined) => (column ? (cells[column.index] ?? '').trim() : '');
    const rawEmail = cell(email);
    const address = rawEmail.toLowerCase();
    if (address === '') errors.push('The e-mail address is missing');
    else if (characterCount(address) > maxEmail)
      errors.push(`e-mail is longer than ${maxEmail} characters`);
    else if (!isEmail(address)) errors.push(`Invalid e-mail address ${show(rawEmail)}`);
    else if (emails.has(address))
      errors.push(`Duplicate of row ${emails.get(address)} (same e-mail)`);
    else emails.set(address, row);

    const name = cell(username);
    if (name !== '') {
      if (characterCount(name) > maxUsername)
        errors.push(`username is longer than ${maxUsername} characters`);
      else if (characterCount(name) < USERNAME_MIN)
        errors.push(`username ${show(name)} is shorter than ${USERNAME_MIN} characters`);
      else if (hasControlCharacter(name)) errors.push('username contains a control character');
      else if (usernames.has(name.toLowerCase()))
        errors.push(`Duplicate of row ${usernames.get(name.toLowerCase())} (same username)`);
      // Taken even if the row fails: a fixed re-import of that row must not find its name given away.
      if (!usernames.has(name.toLowerCase())) usernames.set(name.toLowerCase(), row);
    }

    const localeText = cell(locale);
    const parsedLocale = localeText === '' ? null : parseLocale(localeText);
    if (parsedLocale === undefined)
      errors.push(`locale ${show(localeText)} is not a language code like "en" or "en-GB"`);

    const blockedText = cell(blocked);
    const isBlocked = parseBlocked(blockedText);
    if (isBlocked === null)
      errors.push(`blocked must be true/false, yes/no, 1/0 or empty, not ${show(blockedText)}`);

    const values: Record<string, string> = {};
    for (const column of attributes) {
      const value = cell(column);
      if (value === '') continue;
      const max = maxAttribute(column.target.attribute);
      if (characterCount(value) > max)
        errors.push(`${column.header} is longer than ${max} characters`);
      else if (hasControlCharacter(value))
        errors.push(`${column.header} contains a control character`);
      else values[column.target.attribute] = value;
    }

    if (errors.length > 0) invalid.push({ row, errors });
    else
      rows.push({
        row,
        email: address,
        username: name,
        usernameDerived: name === '',
        locale: parsedLocale ?? null,
        // Empty: not said. A new user is not blocked; an existing one keeps what it has.
        blocked: blockedText.trim() === '' ? null : isBlocked,
        attributes: values,
      });
  }

  // Second pass, once every explicit username in the file is known, so a derived one never takes it.
  const next = new Map<string, number>();
  const taken = (candidate: string) => usernames.has(candidate.toLowerCase());
  for (const parsed of rows) {
    if (!parsed.usernameDerived) continue;
    parsed.username = uniqueUsername(
      usernameBase(parsed.email, USERNAME_MIN),
      taken,
      next,
      maxUsername
    );
    usernames.set(parsed.username, parsed.row);
  }
  return { rows, invalid, unknownHeaders };
};
