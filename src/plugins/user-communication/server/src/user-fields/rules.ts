/**
 * The rules a user's fields follow, whichever path brings them (a row of the Excel/CSV import,
 * an item of the integration API), with one wording for each problem. Pure functions: the
 * caller knows the user schema's custom attributes and looks up what the database holds.
 */
import { ACCOUNT_STATE_FIELDS } from '../../../shared/contracts/users';
import { characterCount, hasControlCharacter, isEmail, parseBlocked, parseLocale } from './values';

/** Longest e-mail, username or short text: users-permissions' columns are varchar(255). */
export const MAX_TEXT = 255;
/** Longest value of a `text` attribute. */
const MAX_LONG_TEXT = 10_000;
/** users-permissions' user schema: username minLength 3. */
export const USERNAME_MIN = 3;

/** What a schema says about one attribute of the user content type. */
export interface AttributeSchema {
  type: string;
  private?: boolean;
  configurable?: boolean;
  enum?: string[];
  maxLength?: number;
}

/** A user as the import and the integration API hand it over, checked and normalised. */
export interface UserInput {
  email: string;
  /** null: made from the e-mail. */
  username: string | null;
  locale: string | null;
  /** null: not said (a new user is not blocked; an existing one keeps what it has). */
  blocked: boolean | null;
  attributes: Record<string, unknown>;
}

export type Checked<T> = { value: T } | { error: string };

const TEXT_TYPES = new Set(['string', 'text', 'email', 'uid']);
const NUMBER_TYPES = new Set(['integer', 'biginteger', 'float', 'decimal']);
const SCALAR_TYPES = new Set([
  ...TEXT_TYPES,
  ...NUMBER_TYPES,
  'boolean',
  'enumeration',
  'date',
  'datetime',
]);
/** Fields of the user that are set by their own rules, never as a custom attribute. */
const OWN_FIELDS = new Set(['locale', 'createdAt', 'updatedAt', 'publishedAt']);

const isEmpty = (value: unknown) =>
  value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/** A value quoted back in a message, cut so one bad cell cannot make a message (or a report line) huge. */
export const quote = (value: string): string =>
  `"${characterCount(value) > 60 ? `${[...value].slice(0, 60).join('')}…` : value}"`;

export const checkEmail = (raw: unknown): Checked<string> => {
  if (isEmpty(raw)) return { error: 'The e-mail address is missing' };
  if (typeof raw !== 'string') return { error: 'The e-mail address must be text' };
  const address = raw.trim().toLowerCase();
  if (characterCount(address) > MAX_TEXT) {
    return { error: `e-mail is longer than ${MAX_TEXT} characters` };
  }
  if (!isEmail(address)) return { error: `Invalid e-mail address ${quote(raw.trim())}` };
  return { value: address };
};

/** null when not given (the caller derives one from the e-mail). */
export const checkUsername = (raw: unknown): Checked<string | null> => {
  if (isEmpty(raw)) return { value: null };
  if (typeof raw !== 'string') return { error: 'username must be text' };
  const name = raw.trim();
  if (characterCount(name) > MAX_TEXT) {
    return { error: `username is longer than ${MAX_TEXT} characters` };
  }
  if (characterCount(name) < USERNAME_MIN) {
    return { error: `username ${quote(name)} is shorter than ${USERNAME_MIN} characters` };
  }
  if (hasControlCharacter(name)) return { error: 'username contains a control character' };
  return { value: name };
};

/** A canonical language tag, or null when not given. */
export const checkLocale = (raw: unknown): Checked<string | null> => {
  if (isEmpty(raw)) return { value: null };
  const tag = typeof raw === 'string' ? parseLocale(raw) : undefined;
  if (tag === undefined) {
    return { error: `locale ${quote(String(raw))} is not a language code like "en" or "en-GB"` };
  }
  return { value: tag };
};

/** null when not given. */
export const checkBlocked = (raw: unknown): Checked<boolean | null> => {
  if (isEmpty(raw)) return { value: null };
  const value = typeof raw === 'boolean' ? raw : parseBlocked(String(raw));
  if (value === null) {
    return { error: `blocked must be true/false, yes/no, 1/0 or empty, not ${quote(String(raw))}` };
  }
  return { value };
};

/**
 * The attributes a project added to the user (configurable, scalar, not private): the ones an
 * import column `attr:<name>` or an integration may fill. users-permissions' own fields
 * (password, role, provider, confirmed, tokens) and the plugin's account state are never among them.
 */
export const customAttributesOf = (
  attributes: Record<string, AttributeSchema>
): Record<string, AttributeSchema> =>
  Object.fromEntries(
    Object.entries(attributes).filter(
      ([name, schema]) =>
        schema.configurable !== false &&
        !schema.private &&
        SCALAR_TYPES.has(schema.type) &&
        !(ACCOUNT_STATE_FIELDS as readonly string[]).includes(name) &&
        !OWN_FIELDS.has(name)
    )
  );

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * A value for one custom attribute converted to its type, or why it does not fit. `label` names
 * the attribute in the message (the sheet's header, or the API's field name). Empty is null.
 */
export const checkAttribute = (
  label: string,
  schema: AttributeSchema,
  raw: unknown
): Checked<unknown> => {
  if (raw === null || raw === undefined || raw === '') return { value: null };
  if (TEXT_TYPES.has(schema.type) || schema.type === 'enumeration') {
    if (typeof raw !== 'string' && typeof raw !== 'number')
      return { error: `${label} must be text` };
    const text = String(raw).trim();
    const max = schema.maxLength ?? (schema.type === 'text' ? MAX_LONG_TEXT : MAX_TEXT);
    if (characterCount(text) > max) return { error: `${label} is longer than ${max} characters` };
    if (hasControlCharacter(text)) return { error: `${label} contains a control character` };
    if (schema.type === 'enumeration' && !(schema.enum ?? []).includes(text)) {
      return { error: `${label} must be one of: ${(schema.enum ?? []).join(', ')}` };
    }
    return { value: text };
  }
  if (NUMBER_TYPES.has(schema.type)) {
    const number = typeof raw === 'number' ? raw : Number(String(raw).trim());
    if (!Number.isFinite(number)) return { error: `${label} must be a number` };
    const whole = schema.type === 'integer' || schema.type === 'biginteger';
    if (whole && !Number.isInteger(number)) return { error: `${label} must be a whole number` };
    return { value: number };
  }
  if (schema.type === 'boolean') {
    const value = typeof raw === 'boolean' ? raw : parseBlocked(String(raw));
    return value === null ? { error: `${label} must be true or false` } : { value };
  }
  // date and datetime: ISO 8601 only (Date() would read "12" as 2001-12-01, and a zone-less time in the server's zone).
  const text = raw instanceof Date ? raw.toISOString() : String(raw).trim();
  const isDate = schema.type === 'date';
  const date = new Date(isDate ? `${text}T00:00:00Z` : text);
  if (!(isDate ? DATE : DATE_TIME).test(text) || Number.isNaN(date.getTime())) {
    return {
      error: isDate
        ? `${label} must be a date (YYYY-MM-DD)`
        : `${label} must be a date-time with a zone (2026-01-31T08:00:00Z)`,
    };
  }
  return { value: isDate ? text : date };
};

/**
 * One user of the integration API checked whole: every problem is listed, and fields that are
 * neither the user's own nor a custom attribute are refused, naming the ones that exist.
 */
export const checkUser = (
  input: Record<string, unknown>,
  custom: Record<string, AttributeSchema>
): { user: UserInput } | { errors: string[] } => {
  const { email, username, locale, blocked, ...rest } = input;
  const errors: string[] = [];
  const take = <T>(checked: Checked<T>, fallback: T): T => {
    if ('error' in checked) {
      errors.push(checked.error);
      return fallback;
    }
    return checked.value;
  };
  const user: UserInput = {
    email: take(checkEmail(email), ''),
    username: take(checkUsername(username), null),
    locale: take(checkLocale(locale), null),
    blocked: take(checkBlocked(blocked), null),
    attributes: {},
  };
  const unknown = Object.keys(rest).filter((key) => !Object.hasOwn(custom, key));
  if (unknown.length > 0) {
    const known = ['email', 'username', 'locale', 'blocked', ...Object.keys(custom)].join(', ');
    errors.push(`Unknown field(s): ${unknown.join(', ')} (known: ${known})`);
  }
  for (const [name, value] of Object.entries(rest)) {
    if (Object.hasOwn(custom, name)) {
      user.attributes[name] = take(checkAttribute(name, custom[name], value), null);
    }
  }
  return errors.length > 0 ? { errors } : { user };
};
