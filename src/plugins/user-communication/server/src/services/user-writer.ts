import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { USER_UID, type Origin } from '../constants';
import {
  characterCount,
  hasControlCharacter,
  isEmail,
  parseBlocked,
  parseLocale,
  uniqueUsername,
  usernameBase,
} from '../import/user-values';
import { chunks } from '../utils/chunks';
import { getService } from '../utils/get-service';
import { ACCOUNT_STATE_FIELDS } from '../../../shared/contracts/users';

/** A user as the import and the integration API hand it over, checked and normalised. */
export interface UserInput {
  email: string;
  /** null: made from the e-mail. */
  username: string | null;
  locale: string | null;
  blocked: boolean | null;
  attributes: Record<string, unknown>;
}

export interface ExistingUser {
  id: number;
  documentId: string;
  email: string;
  username: string;
}

export interface AttributeSchema {
  type: string;
  private?: boolean;
  configurable?: boolean;
  enum?: string[];
  maxLength?: number;
}

interface JoinTable {
  name: string;
  joinColumn: { name: string };
  inverseJoinColumn: { name: string };
  inverseOrderColumnName?: string;
}

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
const MAX_TEXT = 255;

/** A value for one custom attribute, or why it does not fit. */
const coerce = (
  name: string,
  schema: AttributeSchema,
  raw: unknown
): { value: unknown } | { error: string } => {
  if (raw === null || raw === '') return { value: null };
  if (TEXT_TYPES.has(schema.type) || schema.type === 'enumeration') {
    if (typeof raw !== 'string' && typeof raw !== 'number')
      return { error: `${name} must be text` };
    const text = String(raw).trim();
    const max = schema.maxLength ?? (schema.type === 'text' ? 10_000 : MAX_TEXT);
    if (characterCount(text) > max) return { error: `${name} is longer than ${max} characters` };
    if (hasControlCharacter(text)) return { error: `${name} contains control characters` };
    if (schema.type === 'enumeration' && !(schema.enum ?? []).includes(text)) {
      return { error: `${name} must be one of: ${(schema.enum ?? []).join(', ')}` };
    }
    return { value: text };
  }
  if (NUMBER_TYPES.has(schema.type)) {
    const number = typeof raw === 'number' ? raw : Number(String(raw).trim());
    if (!Number.isFinite(number)) return { error: `${name} must be a number` };
    if ((schema.type === 'integer' || schema.type === 'biginteger') && !Number.isInteger(number))
      return { error: `${name} must be a whole number` };
    return { value: number };
  }
  if (schema.type === 'boolean') {
    const value = typeof raw === 'boolean' ? raw : parseBlocked(String(raw));
    return value === null ? { error: `${name} must be true or false` } : { value };
  }
  // date and datetime: ISO 8601 only (Date() would read "12" as 2001-12-01, and a zone-less time in the server's zone).
  const text = raw instanceof Date ? raw.toISOString() : String(raw).trim();
  const pattern =
    schema.type === 'date'
      ? /^\d{4}-\d{2}-\d{2}$/
      : /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
  const date = new Date(schema.type === 'date' ? `${text}T00:00:00Z` : text);
  if (!pattern.test(text) || Number.isNaN(date.getTime())) {
    return {
      error:
        schema.type === 'date'
          ? `${name} must be a date (YYYY-MM-DD)`
          : `${name} must be a date-time with a zone (2026-01-31T08:00:00Z)`,
    };
  }
  return { value: schema.type === 'date' ? text : date };
};

/**
 * Creates and updates users for the bulk paths (Excel import, integration API) through the
 * Query Engine, so the user lifecycles run as for any other creation: origin is set, and the
 * activation e-mail goes out for origins that get one (integration), not for Excel.
 */
const userWriter = ({ strapi }: { strapi: Core.Strapi }) => {
  const query = () => strapi.db.query(USER_UID);

  return {
    /**
     * The attributes a project added to the user (configurable, scalar, not private): the ones
     * an import column `attr:<name>` or an integration may fill. Users-permissions' own fields
     * (password, role, provider, confirmed, tokens) and the plugin's account state are never among them.
     */
    customAttributes(): Record<string, AttributeSchema> {
      const attributes = strapi.getModel(USER_UID).attributes as Record<string, AttributeSchema>;
      return Object.fromEntries(
        Object.entries(attributes).filter(
          ([name, schema]) =>
            schema.configurable !== false &&
            !schema.private &&
            SCALAR_TYPES.has(schema.type) &&
            !(ACCOUNT_STATE_FIELDS as readonly string[]).includes(name) &&
            !['locale', 'createdAt', 'updatedAt', 'publishedAt'].includes(name)
        )
      );
    },

    /** Checks one user's fields; unknown fields are refused, naming the ones that exist. */
    normalise(input: Record<string, unknown>): { user: UserInput } | { errors: string[] } {
      const errors: string[] = [];
      const custom = this.customAttributes();
      const { email, username, locale, blocked, ...rest } = input;
      const address = typeof email === 'string' ? email.trim().toLowerCase() : '';
      if (address === '') errors.push('email is required');
      else if (characterCount(address) > MAX_TEXT || !isEmail(address))
        errors.push(`Invalid e-mail address "${String(email).slice(0, 60)}"`);

      let name: string | null = null;
      if (username !== undefined && username !== null && username !== '') {
        if (typeof username !== 'string') errors.push('username must be text');
        else if (characterCount(username.trim()) < 3)
          errors.push('username must be at least 3 characters');
        else if (characterCount(username.trim()) > MAX_TEXT)
          errors.push(`username is longer than ${MAX_TEXT} characters`);
        else if (hasControlCharacter(username)) errors.push('username contains control characters');
        else name = username.trim();
      }

      let tag: string | null = null;
      if (locale !== undefined && locale !== null && locale !== '') {
        tag = typeof locale === 'string' ? (parseLocale(locale) ?? null) : null;
        if (!tag) errors.push('locale must be a language tag such as "en" or "en-GB"');
      }

      let isBlocked: boolean | null = null;
      if (blocked !== undefined && blocked !== null && blocked !== '') {
        isBlocked = typeof blocked === 'boolean' ? blocked : parseBlocked(String(blocked));
        if (isBlocked === null) errors.push('blocked must be true or false');
      }

      const unknown = Object.keys(rest).filter((key) => !Object.hasOwn(custom, key));
      if (unknown.length > 0) {
        const known = ['email', 'username', 'locale', 'blocked', ...Object.keys(custom)].join(', ');
        errors.push(`Unknown field(s): ${unknown.join(', ')} (known: ${known})`);
      }
      const checked = this.checkAttributes(
        Object.fromEntries(Object.entries(rest).filter(([key]) => Object.hasOwn(custom, key))),
        custom
      );
      const attributes = 'attributes' in checked ? checked.attributes : {};
      if ('errors' in checked) errors.push(...checked.errors);

      if (errors.length > 0) return { errors };
      return {
        user: { email: address, username: name, locale: tag, blocked: isBlocked, attributes },
      };
    },

    /** Custom attribute values (from import columns) checked and converted to their types. */
    checkAttributes(
      values: Record<string, unknown>,
      known?: Record<string, AttributeSchema>
    ): { attributes: Record<string, unknown> } | { errors: string[] } {
      const custom = known ?? this.customAttributes();
      const attributes: Record<string, unknown> = {};
      const errors: string[] = [];
      for (const [key, value] of Object.entries(values)) {
        const schema = Object.hasOwn(custom, key) ? custom[key] : undefined;
        if (!schema) {
          errors.push(`${key} is not a user attribute`);
          continue;
        }
        const coerced = coerce(key, schema, value);
        if ('error' in coerced) errors.push(coerced.error);
        else attributes[key] = coerced.value;
      }
      return errors.length > 0 ? { errors } : { attributes };
    },

    /** The users that already have these addresses, by address. */
    async findByEmails(emails: string[]): Promise<Map<string, ExistingUser>> {
      const found = (await query().findMany({
        where: { email: { $in: emails } },
        select: ['id', 'documentId', 'email', 'username'],
      })) as ExistingUser[];
      return new Map(found.map((user) => [user.email.toLowerCase(), user]));
    },

    /**
     * Usernames for new users: a given one must be free (against the database as its collation
     * compares, as users-permissions checks it; within the batch case-insensitively), a missing
     * one is made from the e-mail and numbered until free.
     * Returns, per input, the username or the reason none could be had.
     */
    async usernamesFor(
      users: Array<{ email: string; username: string | null }>
    ): Promise<Array<{ username: string } | { error: string }>> {
      const bases = [...new Set(users.map((user) => user.username ?? usernameBase(user.email)))];
      const taken = new Set<string>();
      const collect = (rows: Array<{ username: string | null }>) => {
        for (const row of rows) if (row.username) taken.add(row.username.toLowerCase());
      };
      // Exact matches first (one IN list); only the bases already taken need the numbered variants looked up.
      collect(
        (await query().findMany({
          where: { username: { $in: bases } },
          select: ['username'],
        })) as Array<{ username: string | null }>
      );
      const colliding = bases.filter((base) => taken.has(base.toLowerCase()));
      for (let start = 0; start < colliding.length; start += 100) {
        const part = colliding.slice(start, start + 100);
        collect(
          (await query().findMany({
            where: { $or: part.map((base) => ({ username: { $startsWithi: `${base}-` } })) },
            select: ['username'],
          })) as Array<{ username: string | null }>
        );
      }
      // Given usernames first, so a derived one never takes a name a later user asks for.
      const given = users.map((user) => {
        if (user.username === null) return null;
        if (taken.has(user.username.toLowerCase()))
          return { error: `The username "${user.username}" belongs to another user` };
        taken.add(user.username.toLowerCase());
        return { username: user.username };
      });
      const next = new Map<string, number>();
      return users.map((user, index) => {
        const explicit = given[index];
        if (explicit) return explicit;
        const username = uniqueUsername(
          usernameBase(user.email),
          (name) => taken.has(name.toLowerCase()),
          next
        );
        taken.add(username.toLowerCase());
        return { username };
      });
    },

    async defaultRoleId(): Promise<number> {
      const advanced = (await strapi
        .store({ type: 'plugin', name: 'users-permissions' })
        .get({ key: 'advanced' })) as {
        default_role?: string;
      } | null;
      const role = (await strapi.db.query('plugin::users-permissions.role').findOne({
        where: { type: advanced?.default_role ?? 'authenticated' },
        select: ['id'],
      })) as { id: number } | null;
      if (!role) throw new Error('users-permissions has no default role');
      return role.id;
    },

    /** A new local user without a password (activation, or a reset, sets one). */
    async create(
      user: UserInput & { username: string },
      origin: Origin,
      roleId: number
    ): Promise<ExistingUser> {
      const now = getService(strapi, 'clock').now().toJSDate();
      return getService(strapi, 'user-state').trusted(
        () =>
          query().create({
            data: {
              email: user.email,
              username: user.username,
              provider: 'local',
              confirmed: false,
              blocked: user.blocked ?? false,
              locale: user.locale,
              role: roleId,
              publishedAt: now,
              ...user.attributes,
            },
            select: ['id', 'documentId', 'email', 'username'],
          }) as Promise<ExistingUser>,
        origin
      );
    },

    /**
     * Many new users at once, for the Excel import (no activation e-mail, so no per-user
     * lifecycle work is needed): one multi-row insert per page through the Query Engine
     * (its create-many lifecycles still run, and set the origin), then the role links in one
     * insert. A per-user create costs about six statements; this costs three per page.
     */
    async createMany(
      users: Array<UserInput & { username: string }>,
      origin: Origin,
      roleId: number
    ): Promise<number> {
      if (users.length === 0) return 0;
      const now = getService(strapi, 'clock').now().toJSDate();
      await getService(strapi, 'user-state').trusted(
        () =>
          query().createMany({
            data: users.map((user) => ({
              documentId: crypto.randomBytes(12).toString('hex'),
              email: user.email,
              username: user.username,
              provider: 'local',
              confirmed: false,
              blocked: user.blocked ?? false,
              locale: user.locale,
              mustChangePassword: false,
              createdAt: now,
              updatedAt: now,
              publishedAt: now,
              ...user.attributes,
            })),
          }),
        origin
      );
      const created = (await query().findMany({
        where: { email: { $in: users.map((user) => user.email) } },
        select: ['id'],
      })) as Array<{ id: number }>;
      const link = (
        strapi.db.metadata.get(USER_UID).attributes as Record<string, { joinTable?: JoinTable }>
      ).role.joinTable as JoinTable;
      const order = link.inverseOrderColumnName;
      // The link table has no content type: knex, on the transaction of the surrounding work.
      await strapi.db.transaction(async ({ trx }) => {
        const table = () => strapi.db.connection(link.name).transacting(trx);
        let position = 0;
        if (order) {
          const last = (await table()
            .where(link.inverseJoinColumn.name, roleId)
            .max(`${order} as last`)
            .first()) as { last: number | string | null } | undefined;
          position = Number(last?.last ?? 0);
        }
        const rows = created.map((user) => ({
          [link.joinColumn.name]: user.id,
          [link.inverseJoinColumn.name]: roleId,
          ...(order ? { [order]: (position += 1) } : {}),
        }));
        for (const part of chunks(rows)) await table().insert(part);
      });
      return created.length;
    },

    /** Updates what the input gives; the username only when given explicitly. No e-mail is sent. */
    async update(existing: ExistingUser, user: UserInput): Promise<void> {
      const data: Record<string, unknown> = { ...user.attributes };
      if (user.username !== null && user.username !== existing.username) {
        const other = await query().findOne({
          where: { username: { $eqi: user.username }, id: { $ne: existing.id } },
          select: ['id'],
        });
        if (other)
          throw new errors.ApplicationError(
            `The username "${user.username}" belongs to another user`
          );
        data.username = user.username;
      }
      if (user.locale !== null) data.locale = user.locale;
      if (user.blocked !== null) data.blocked = user.blocked;
      if (Object.keys(data).length === 0) return;
      await query().update({ where: { id: existing.id }, data });
    },
  };
};

export type UserWriterService = ReturnType<typeof userWriter>;
export default userWriter;
