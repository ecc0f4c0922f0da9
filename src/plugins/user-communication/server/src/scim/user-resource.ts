/**
 * A users-permissions user as a SCIM User, and back. Columns: `scimUserName` (as sent) with
 * `scimUserNameKey` (lower-cased, unique) for `userName`, `externalId`, users-permissions'
 * `email` (the one address kept) and `blocked` (the inverse of `active`). Every other
 * attribute the schema knows is kept as sent, checked, in the private JSON `scimProfile`.
 */
import { checkEmail, MAX_TEXT } from '../user-fields/rules';
import { characterCount, hasControlCharacter, parseLocale } from '../user-fields/values';
import { ENTERPRISE_USER_SCHEMA, USER_SCHEMA } from './constants';
import { invalidValue } from './errors';
import { isObject, type Json } from './resource';
import { ENTERPRISE_EXTENSION, USER_ATTRIBUTES, type AttributeDef } from './schema';

/** The columns a User is read from. */
export interface ScimUserRow {
  id: number;
  documentId: string;
  email: string | null;
  blocked: boolean | null;
  externalId: string | null;
  scimUserName: string | null;
  scimProfile: Json | null;
  locale: string | null;
  createdAt: string | Date;
  updatedAt: string | Date;
}

export const SCIM_USER_FIELDS = [
  'id',
  'documentId',
  'email',
  'blocked',
  'externalId',
  'scimUserName',
  'scimProfile',
  'locale',
  'createdAt',
  'updatedAt',
];

/** A User as a request leaves it, checked, in the terms of the columns. */
export interface ScimUserFields {
  userName: string;
  /** What uniqueness and lookups compare: userName is case-insensitive (RFC 7643 §4.1.1). */
  userNameKey: string;
  externalId: string | null;
  /** Unset: the request did not say (a new user is active). */
  active: boolean | undefined;
  /** The address kept, lower-cased; null when the request gives none. */
  email: string | null;
  /** Language of the platform's e-mails, from preferredLanguage (else locale); null when neither is a language tag. */
  locale: string | null;
  profile: Json;
}

/** Attributes with columns of their own, or not kept at all. */
const NOT_IN_PROFILE = new Set(['userName', 'active', 'password', 'groups']);
const PROFILE_ATTRIBUTES = [
  ...USER_ATTRIBUTES.filter((attribute) => !NOT_IN_PROFILE.has(attribute.name)),
  ENTERPRISE_EXTENSION,
];
/** Longest value of an attribute kept in the profile. */
const MAX_PROFILE_TEXT = 2048;

export const userNameKey = (userName: string): string => userName.normalize('NFC').toLowerCase();

const checkText = (value: unknown, name: string, max: number): string => {
  if (typeof value !== 'string') throw invalidValue(`"${name}" must be a string`);
  if (characterCount(value) > max) throw invalidValue(`"${name}" is longer than ${max} characters`);
  if (hasControlCharacter(value)) throw invalidValue(`"${name}" contains a control character`);
  return value;
};

const checkBoolean = (value: unknown, name: string): boolean => {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value)) return /^true$/i.test(value);
  throw invalidValue(`"${name}" must be true or false`);
};

/** A value checked against its attribute's type; booleans also as "True"/"False" (Entra). Nulls are dropped. */
const checkValue = (attribute: AttributeDef, value: unknown, name: string): unknown => {
  if (value === null || value === undefined) return undefined;
  if (attribute.multiValued) {
    if (!Array.isArray(value)) throw invalidValue(`"${name}" must be a list`);
    return value
      .map((item, index) => checkSingle(attribute, item, `${name}[${index}]`))
      .filter((item) => item !== undefined && !(isObject(item) && Object.keys(item).length === 0));
  }
  return checkSingle(attribute, value, name);
};

const checkSingle = (attribute: AttributeDef, value: unknown, name: string): unknown => {
  if (value === null || value === undefined) return undefined;
  switch (attribute.type) {
    case 'boolean':
      return checkBoolean(value, name);
    case 'complex': {
      if (!isObject(value)) throw invalidValue(`"${name}" must be an object`);
      const result: Json = {};
      for (const sub of attribute.subAttributes ?? []) {
        const checked = checkValue(sub, value[sub.name], `${name}.${sub.name}`);
        if (checked !== undefined) result[sub.name] = checked;
      }
      return result;
    }
    default:
      return checkText(value, name, MAX_PROFILE_TEXT);
  }
};

const EMAIL_ATTRIBUTE = USER_ATTRIBUTES.find(
  (attribute) => attribute.name === 'emails'
) as AttributeDef;

/** The address kept: the primary one, else the work one, else the first (RFC 7643 §2.4). */
const pickEmail = (items: Json[]): Json | undefined => {
  const withValue = items.filter(
    (item) => typeof item.value === 'string' && item.value.trim() !== ''
  );
  return (
    withValue.find((item) => item.primary === true) ??
    withValue.find((item) => typeof item.type === 'string' && item.type.toLowerCase() === 'work') ??
    withValue[0]
  );
};

const chosenEmail = (emails: unknown): string | null => {
  const chosen = pickEmail((checkValue(EMAIL_ATTRIBUTE, emails, 'emails') ?? []) as Json[]);
  if (!chosen) return null;
  const checked = checkEmail(chosen.value);
  if ('error' in checked) throw invalidValue(`emails: ${checked.error}`);
  return checked.value;
};

/** Reads a User resource (canonical attribute names, see resource.ts) into column values. */
export const readUserFields = (resource: Json): ScimUserFields => {
  const rawName = resource.userName;
  if (
    rawName === undefined ||
    rawName === null ||
    (typeof rawName === 'string' && rawName.trim() === '')
  )
    throw invalidValue('"userName" is required');
  const userName = checkText(rawName, 'userName', MAX_TEXT).trim();
  const externalId =
    resource.externalId === undefined || resource.externalId === null || resource.externalId === ''
      ? null
      : checkText(resource.externalId, 'externalId', MAX_TEXT);
  const active =
    resource.active === undefined || resource.active === null
      ? undefined
      : checkBoolean(resource.active, 'active');

  let email = chosenEmail(resource.emails);
  if (email === null) {
    // Many IdPs send the UPN, an address, as userName and no e-mail.
    const fromName = checkEmail(userName);
    email = 'value' in fromName ? fromName.value : null;
  }

  const profile: Json = {};
  for (const attribute of PROFILE_ATTRIBUTES) {
    const checked = checkValue(attribute, resource[attribute.name], attribute.name);
    if (checked === undefined) continue;
    if (isObject(checked) && Object.keys(checked).length === 0) continue;
    if (Array.isArray(checked) && checked.length === 0) continue;
    profile[attribute.name] = checked;
  }
  const language = [profile.preferredLanguage, profile.locale]
    .map((tag) => (typeof tag === 'string' ? parseLocale(tag) : undefined))
    .find((tag) => tag !== undefined);

  return {
    userName,
    userNameKey: userNameKey(userName),
    externalId,
    active,
    email,
    locale: language ?? null,
    profile,
  };
};

const instant = (value: string | Date) => new Date(value).toISOString();

/**
 * The addresses as the IdP sent them (their case, their types, all of them), as long as the one
 * kept is still the user's address; else (changed by an admin) that address alone.
 */
const emailsOf = (row: Pick<ScimUserRow, 'email' | 'scimProfile'>): Json[] | undefined => {
  if (!row.email) return undefined;
  const sent = row.scimProfile?.emails;
  if (Array.isArray(sent)) {
    const kept = pickEmail(sent as Json[])?.value;
    if (typeof kept === 'string' && kept.trim().toLowerCase() === row.email) return sent as Json[];
  }
  return [{ value: row.email, type: 'work', primary: true }];
};

/** The user as a resource without `id`, `meta` and `schemas`: what a PATCH starts from. */
export const userDraft = (row: ScimUserRow): Json => {
  const profile = row.scimProfile ?? {};
  const draft: Json = {
    ...(row.externalId ? { externalId: row.externalId } : {}),
    userName: row.scimUserName,
    ...profile,
    active: row.blocked !== true,
  };
  const emails = emailsOf(row);
  if (emails) draft.emails = emails;
  return draft;
};

/** The full resource, attributes in the schema's order. */
export const toUserResource = (row: ScimUserRow, location: string): Json => {
  const profile = row.scimProfile ?? {};
  const resource: Json = {
    schemas: profile[ENTERPRISE_USER_SCHEMA]
      ? [USER_SCHEMA, ENTERPRISE_USER_SCHEMA]
      : [USER_SCHEMA],
    id: row.documentId,
  };
  if (row.externalId) resource.externalId = row.externalId;
  for (const attribute of USER_ATTRIBUTES) {
    if (attribute.name === 'userName') resource.userName = row.scimUserName;
    else if (attribute.name === 'active') resource.active = row.blocked !== true;
    else if (attribute.name === 'emails') {
      const emails = emailsOf(row);
      if (emails) resource.emails = emails;
    } else if (profile[attribute.name] !== undefined)
      resource[attribute.name] = profile[attribute.name];
  }
  if (profile[ENTERPRISE_USER_SCHEMA])
    resource[ENTERPRISE_USER_SCHEMA] = profile[ENTERPRISE_USER_SCHEMA];
  resource.meta = {
    resourceType: 'User',
    created: instant(row.createdAt),
    lastModified: instant(row.updatedAt),
    location,
  };
  return resource;
};
