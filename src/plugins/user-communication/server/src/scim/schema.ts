import { ENTERPRISE_USER_SCHEMA, USER_SCHEMA } from './constants';

/** RFC 7643 §7: how the service provider describes an attribute (also what /Schemas answers). */
export interface AttributeDef {
  name: string;
  type: 'string' | 'boolean' | 'complex' | 'reference' | 'dateTime';
  multiValued: boolean;
  description: string;
  required: boolean;
  caseExact: boolean;
  mutability: 'readOnly' | 'readWrite' | 'immutable' | 'writeOnly';
  returned: 'always' | 'never' | 'default' | 'request';
  uniqueness: 'none' | 'server' | 'global';
  canonicalValues?: string[];
  referenceTypes?: string[];
  subAttributes?: AttributeDef[];
}

export interface SchemaDef {
  id: string;
  name: string;
  description: string;
  attributes: AttributeDef[];
}

type Options = Partial<Omit<AttributeDef, 'name' | 'description' | 'type' | 'subAttributes'>>;

const attribute = (
  name: string,
  type: AttributeDef['type'],
  description: string,
  options: Options = {},
  subAttributes?: AttributeDef[]
): AttributeDef => ({
  name,
  type,
  multiValued: false,
  description,
  required: false,
  caseExact: false,
  mutability: 'readWrite',
  returned: 'default',
  uniqueness: 'none',
  ...options,
  ...(subAttributes ? { subAttributes } : {}),
});

const text = (name: string, description: string, options?: Options) =>
  attribute(name, 'string', description, options);

const typeOf = (canonicalValues: string[]) =>
  text('type', `A label: ${canonicalValues.join(', ')}.`, { canonicalValues });

const primary = attribute(
  'primary',
  'boolean',
  'Whether this is the preferred value of the attribute.'
);

/** A multi-valued complex attribute with `value`, `display`, `type`, `primary` (RFC 7643 §2.4). */
const multiValued = (
  name: string,
  description: string,
  types: string[],
  extra: AttributeDef[] = []
) =>
  attribute(name, 'complex', description, { multiValued: true }, [
    text('value', `The ${name.replace(/s$/, '')}.`),
    text('display', 'A human-readable name, for display only.'),
    typeOf(types),
    primary,
    ...extra,
  ]);

/**
 * The core User schema (RFC 7643 §4.1) as this service provider keeps it: every attribute that
 * Microsoft Entra ID's and Okta's default mappings send, so their defaults provision without
 * errors. `userName`, `externalId`, `active` and the primary e-mail have columns of their own
 * (and can be filtered on); the others are kept as sent, in a private JSON column.
 */
export const USER_ATTRIBUTES: AttributeDef[] = [
  text(
    'userName',
    'Unique identifier for the user, typically the UPN or e-mail address given by the identity provider. Compared without regard to case.',
    { required: true, uniqueness: 'server' }
  ),
  attribute('name', 'complex', "The components of the user's name.", {}, [
    text('formatted', 'The full name, formatted for display.'),
    text('familyName', 'The family (last) name.'),
    text('givenName', 'The given (first) name.'),
    text('middleName', 'The middle name(s).'),
    text('honorificPrefix', 'Honorific prefix, e.g. "Ms.".'),
    text('honorificSuffix', 'Honorific suffix, e.g. "III".'),
  ]),
  text('displayName', 'The name of the user, suitable for display.'),
  text('nickName', 'The casual way to address the user.'),
  attribute('profileUrl', 'reference', "A URL of the user's online profile.", {
    referenceTypes: ['external'],
  }),
  text('title', 'The user\'s title, e.g. "Vice President".'),
  text('userType', 'The relationship between the organization and the user, e.g. "Employee".'),
  text(
    'preferredLanguage',
    'The user\'s preferred language (e.g. "da-DK"); also chooses the language of the e-mails the platform sends.'
  ),
  text('locale', 'The user\'s default location, for formatting (e.g. "en-US").'),
  text('timezone', 'The time zone, e.g. "Europe/Copenhagen".'),
  attribute(
    'active',
    'boolean',
    'false blocks the account, ends its sessions and cancels e-mails not yet sent; true unblocks it.'
  ),
  attribute(
    'password',
    'string',
    'Accepted and ignored: users sign in with the identity provider or set their own password through activation.',
    { mutability: 'writeOnly', returned: 'never' }
  ),
  multiValued(
    'emails',
    'E-mail addresses. One is kept: the primary one, else the work one, else the first; it is reported as the primary work address.',
    ['work', 'home', 'other']
  ),
  multiValued('phoneNumbers', 'Phone numbers.', [
    'work',
    'home',
    'mobile',
    'fax',
    'pager',
    'other',
  ]),
  attribute('addresses', 'complex', 'Physical mailing addresses.', { multiValued: true }, [
    text('formatted', 'The full mailing address, formatted for display.'),
    text('streetAddress', 'The street address.'),
    text('locality', 'The city or locality.'),
    text('region', 'The state or region.'),
    text('postalCode', 'The postal code.'),
    text('country', 'The country, as an ISO 3166-1 alpha-2 code.'),
    typeOf(['work', 'home', 'other']),
    primary,
  ]),
  attribute(
    'groups',
    'complex',
    'Always empty: groups are not provisioned here (roles are managed on the platform).',
    { multiValued: true, mutability: 'readOnly' },
    [
      text('value', 'The group id.', { mutability: 'readOnly' }),
      attribute('$ref', 'reference', 'The group URI.', {
        mutability: 'readOnly',
        referenceTypes: ['Group'],
      }),
      text('display', 'The group name.', { mutability: 'readOnly' }),
      text('type', 'direct or indirect.', { mutability: 'readOnly' }),
    ]
  ),
];

/** RFC 7643 §4.3, kept as sent in the same private column. */
export const ENTERPRISE_ATTRIBUTES: AttributeDef[] = [
  text('employeeNumber', 'Numeric or alphanumeric identifier assigned by the organization.'),
  text('costCenter', 'Name of a cost center.'),
  text('organization', 'Name of an organization.'),
  text('division', 'Name of a division.'),
  text('department', 'Name of a department.'),
  attribute('manager', 'complex', "The user's manager.", {}, [
    text('value', 'The id of the manager.'),
    attribute('$ref', 'reference', 'The URI of the manager.', { referenceTypes: ['User'] }),
    text('displayName', 'The name of the manager.', { mutability: 'readOnly' }),
  ]),
];

/** RFC 7643 §3.1: attributes of every resource, in no schema. */
export const COMMON_ATTRIBUTES: AttributeDef[] = [
  text('id', 'Identifier of the user, chosen by the service provider (the documentId).', {
    caseExact: true,
    mutability: 'readOnly',
    returned: 'always',
    uniqueness: 'server',
  }),
  text('externalId', "Identifier of the user in the identity provider's directory.", {
    caseExact: true,
  }),
  attribute('meta', 'complex', 'Resource metadata.', { mutability: 'readOnly' }, [
    text('resourceType', 'Always "User".', { mutability: 'readOnly', caseExact: true }),
    attribute('created', 'dateTime', 'When the user was created.', { mutability: 'readOnly' }),
    attribute('lastModified', 'dateTime', 'When the user was last changed.', {
      mutability: 'readOnly',
    }),
    attribute('location', 'reference', 'The URI of the user.', { mutability: 'readOnly' }),
  ]),
];

export const USER_SCHEMA_DEF: SchemaDef = {
  id: USER_SCHEMA,
  name: 'User',
  description: 'User Account',
  attributes: USER_ATTRIBUTES,
};

export const ENTERPRISE_SCHEMA_DEF: SchemaDef = {
  id: ENTERPRISE_USER_SCHEMA,
  name: 'EnterpriseUser',
  description: 'Enterprise User',
  attributes: ENTERPRISE_ATTRIBUTES,
};

/**
 * The enterprise extension as one complex attribute keyed by its URN: that is how it appears
 * in a resource (`"urn:…:enterprise:2.0:User": { "department": … }`), so paths into it resolve
 * like paths into `name`.
 */
export const ENTERPRISE_EXTENSION: AttributeDef = attribute(
  ENTERPRISE_USER_SCHEMA,
  'complex',
  'Enterprise User extension',
  {},
  ENTERPRISE_ATTRIBUTES
);

/** The top level of a User resource: common attributes, core attributes, the extension. */
export const TOP_LEVEL: AttributeDef[] = [
  ...COMMON_ATTRIBUTES,
  ...USER_ATTRIBUTES,
  ENTERPRISE_EXTENSION,
];

const byName = (attributes: AttributeDef[], name: string) => {
  const lower = name.toLowerCase();
  return attributes.find((candidate) => candidate.name.toLowerCase() === lower);
};

/** Attribute names are case-insensitive (RFC 7643 §2.1). */
export const findAttribute = (
  attributes: AttributeDef[] | undefined,
  name: string
): AttributeDef | undefined => (attributes ? byName(attributes, name) : undefined);

/**
 * `name.givenName`, `urn:…:core:2.0:User:emails`, `urn:…:enterprise:2.0:User:manager.value`,
 * or the extension's URN alone: the attributes from the top of the resource down, or null
 * when some step is not an attribute.
 */
export const resolveAttrPath = (path: string): AttributeDef[] | null => {
  const lower = path.toLowerCase();
  const enterprise = ENTERPRISE_USER_SCHEMA.toLowerCase();
  const core = USER_SCHEMA.toLowerCase();
  let steps: AttributeDef[] = [];
  let rest = path;
  if (lower === enterprise) return [ENTERPRISE_EXTENSION];
  if (lower.startsWith(`${enterprise}:`)) {
    steps = [ENTERPRISE_EXTENSION];
    rest = path.slice(enterprise.length + 1);
  } else if (lower.startsWith(`${core}:`)) {
    rest = path.slice(core.length + 1);
  }
  const names = rest.split('.');
  if (names.length > 2 || names.some((name) => name === '')) return null;
  let level = steps.length > 0 ? ENTERPRISE_ATTRIBUTES : [...COMMON_ATTRIBUTES, ...USER_ATTRIBUTES];
  for (const name of names) {
    const found = byName(level, name);
    if (!found) return null;
    steps = [...steps, found];
    level = found.subAttributes ?? [];
  }
  return steps;
};

/** The dotted name of a resolved path, in canonical case (for messages). */
export const pathName = (steps: AttributeDef[]): string =>
  steps
    .map((step, index) =>
      index === 0 && step === ENTERPRISE_EXTENSION && steps.length > 1 ? `${step.name}:` : step.name
    )
    .join('.')
    .replace(':.', ':');
