/**
 * Compiles a parsed SCIM filter over Users into a Strapi Query Engine `where` object, so the
 * database does the filtering (and the paging); nothing is filtered in JavaScript. Only the
 * attributes that have columns can be filtered on; any other is a 400 invalidFilter.
 */
import { invalidFilter } from './errors';
import type { CompareOp, CompValue, FilterNode } from './filter';
import { findAttribute, pathName, resolveAttrPath, type AttributeDef } from './schema';

export type Where = Record<string, unknown>;

/** How one filterable attribute is stored. */
type Binding =
  /** A column; `lower`: stored lower-cased, so the value is lower-cased too (caseExact false). */
  | { kind: 'text'; column: string; lower: boolean }
  /** `active`, stored the other way round as users-permissions' `blocked`. */
  | { kind: 'active' }
  | { kind: 'date'; column: string }
  /** The same for every user: the one e-mail kept is reported as the primary work address. */
  | { kind: 'constant'; value: string | boolean | null };

const TOP_BINDINGS: Record<string, Binding> = {
  id: { kind: 'text', column: 'documentId', lower: false },
  externalId: { kind: 'text', column: 'externalId', lower: false },
  userName: { kind: 'text', column: 'scimUserNameKey', lower: true },
  active: { kind: 'active' },
  'meta.created': { kind: 'date', column: 'createdAt' },
  'meta.lastModified': { kind: 'date', column: 'updatedAt' },
  'meta.resourceType': { kind: 'constant', value: 'User' },
};

/** Sub-attributes of `emails`, inside `emails[…]` or as `emails.value`. */
const EMAIL_BINDINGS: Record<string, Binding> = {
  value: { kind: 'text', column: 'email', lower: true },
  type: { kind: 'constant', value: 'work' },
  primary: { kind: 'constant', value: true },
  display: { kind: 'constant', value: null },
};

const FILTERABLE =
  'userName, externalId, emails (value, type, primary), active, id, meta.created and meta.lastModified';

/** Always true / always false, as conditions the Query Engine understands. */
export const MATCH_ALL: Where = { id: { $notNull: true } };
export const MATCH_NONE: Where = { id: { $null: true } };

const unsupported = (name: string) =>
  invalidFilter(`Filtering on "${name}" is not supported; filter on ${FILTERABLE}`);

const bindingOf = (path: string): Binding => {
  const steps = resolveAttrPath(path);
  if (!steps) throw invalidFilter(`Unknown attribute "${path}"`);
  const name = pathName(steps);
  if (TOP_BINDINGS[name]) return TOP_BINDINGS[name];
  if (name === 'emails') return EMAIL_BINDINGS.value;
  if (steps[0].name === 'emails' && steps[1] && EMAIL_BINDINGS[steps[1].name])
    return EMAIL_BINDINGS[steps[1].name];
  throw unsupported(name);
};

const subBindingOf = (parent: AttributeDef, path: string): Binding => {
  const sub = findAttribute(parent.subAttributes, path);
  if (!sub) throw invalidFilter(`"${parent.name}" has no sub-attribute "${path}"`);
  if (parent.name !== 'emails' || !EMAIL_BINDINGS[sub.name])
    throw unsupported(`${parent.name}.${sub.name}`);
  return EMAIL_BINDINGS[sub.name];
};

const LIKE: Partial<Record<CompareOp, string>> = {
  co: '$contains',
  sw: '$startsWith',
  ew: '$endsWith',
};
const ORDER: Partial<Record<CompareOp, string>> = { gt: '$gt', ge: '$gte', lt: '$lt', le: '$lte' };

/**
 * A comparison on a nullable column, written so that it is never NULL in SQL: `not (…)` of it
 * must be true for a user without a value (SQL's NOT NULL is NULL, which matches no row).
 */
const onColumn = (column: string, condition: unknown): Where => ({
  $and: [{ [column]: { $notNull: true } }, { [column]: condition }],
});

const negate = (where: Where): Where => ({ $not: where });

const textComparison = (
  binding: Extract<Binding, { kind: 'text' }>,
  op: CompareOp,
  value: CompValue,
  name: string
): Where => {
  if (value === null) {
    if (op === 'eq') return { [binding.column]: { $null: true } };
    if (op === 'ne') return { [binding.column]: { $notNull: true } };
    throw invalidFilter(`"${name}" can only be compared with null by eq or ne`);
  }
  if (typeof value !== 'string') throw invalidFilter(`"${name}" is compared with a "string"`);
  const text = binding.lower ? value.toLowerCase() : value;
  if (op === 'eq') return onColumn(binding.column, { $eq: text });
  if (op === 'ne') return negate(onColumn(binding.column, { $eq: text }));
  const operator = LIKE[op] ?? ORDER[op];
  return onColumn(binding.column, { [operator as string]: text });
};

const booleanOf = (value: CompValue, name: string): boolean => {
  if (typeof value === 'boolean') return value;
  // Microsoft Entra ID sends booleans as "True" / "False" in places.
  if (typeof value === 'string' && /^(true|false)$/i.test(value)) return /^true$/i.test(value);
  throw invalidFilter(`"${name}" is compared with true or false`);
};

const ACTIVE: Where = { $or: [{ blocked: false }, { blocked: { $null: true } }] };

const activeComparison = (op: CompareOp, value: CompValue): Where => {
  if (op !== 'eq' && op !== 'ne') throw invalidFilter('"active" can only be compared by eq or ne');
  const wanted = booleanOf(value, 'active') === (op === 'eq');
  return wanted ? ACTIVE : negate(ACTIVE);
};

const dateComparison = (
  binding: Extract<Binding, { kind: 'date' }>,
  op: CompareOp,
  value: CompValue,
  name: string
): Where => {
  if (op !== 'eq' && op !== 'ne' && !ORDER[op])
    throw invalidFilter(`"${name}" can only be compared by eq, ne, gt, ge, lt or le`);
  const date = typeof value === 'string' ? new Date(value) : null;
  if (!date || Number.isNaN(date.getTime()))
    throw invalidFilter(`"${name}" is compared with a date-time such as "2026-01-31T12:00:00Z"`);
  if (op === 'eq') return onColumn(binding.column, { $eq: date });
  if (op === 'ne') return negate(onColumn(binding.column, { $eq: date }));
  return onColumn(binding.column, { [ORDER[op] as string]: date });
};

/** A comparison with a value every user shares is decided here: all users or none. */
const constantComparison = (
  binding: Extract<Binding, { kind: 'constant' }>,
  op: CompareOp,
  value: CompValue,
  name: string
): Where => {
  const actual = binding.value;
  let result: boolean;
  if (typeof actual === 'boolean') {
    if (op !== 'eq' && op !== 'ne')
      throw invalidFilter(`"${name}" can only be compared by eq or ne`);
    result = (booleanOf(value, name) === actual) === (op === 'eq');
  } else if (value === null || actual === null) {
    if (op !== 'eq' && op !== 'ne')
      throw invalidFilter(`"${name}" can only be compared with null by eq or ne`);
    result = (value === actual) === (op === 'eq');
  } else {
    if (typeof value !== 'string') throw invalidFilter(`"${name}" is compared with a "string"`);
    const a = actual.toLowerCase();
    const v = value.toLowerCase();
    const outcomes: Record<CompareOp, boolean> = {
      eq: a === v,
      ne: a !== v,
      co: a.includes(v),
      sw: a.startsWith(v),
      ew: a.endsWith(v),
      gt: a > v,
      ge: a >= v,
      lt: a < v,
      le: a <= v,
    };
    result = outcomes[op];
  }
  return result ? MATCH_ALL : MATCH_NONE;
};

const compare = (binding: Binding, op: CompareOp, value: CompValue, name: string): Where => {
  switch (binding.kind) {
    case 'text':
      return textComparison(binding, op, value, name);
    case 'active':
      return activeComparison(op, value);
    case 'date':
      return dateComparison(binding, op, value, name);
    case 'constant':
      return constantComparison(binding, op, value, name);
  }
};

const present = (binding: Binding): Where => {
  switch (binding.kind) {
    case 'text':
    case 'date':
      return { [binding.column]: { $notNull: true } };
    case 'active':
      return MATCH_ALL;
    case 'constant':
      return binding.value === null ? MATCH_NONE : MATCH_ALL;
  }
};

type Resolve = (path: string) => Binding;

const compileWith = (node: FilterNode, resolve: Resolve): Where => {
  switch (node.kind) {
    case 'and':
      return { $and: [compileWith(node.left, resolve), compileWith(node.right, resolve)] };
    case 'or':
      return { $or: [compileWith(node.left, resolve), compileWith(node.right, resolve)] };
    case 'not':
      return negate(compileWith(node.filter, resolve));
    case 'present':
      return present(resolve(node.path));
    case 'compare':
      return compare(resolve(node.path), node.op, node.value, node.path);
    case 'valuePath': {
      const steps = resolveAttrPath(node.path);
      if (!steps) throw invalidFilter(`Unknown attribute "${node.path}"`);
      const parent = steps[steps.length - 1];
      if (steps.length !== 1 || !parent.multiValued)
        throw invalidFilter(`"${node.path}[…]" needs a multi-valued attribute such as emails`);
      // Users keep one address, so "some value matches" is "the value matches".
      return compileWith(node.filter, (path) => subBindingOf(parent, path));
    }
  }
};

/** The Query Engine condition of a `filter` over Users. */
export const compileUserFilter = (filter: FilterNode): Where => compileWith(filter, bindingOf);
