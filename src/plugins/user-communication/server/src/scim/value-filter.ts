/**
 * Value filters of PATCH paths (`emails[type eq "work"]`), applied to the values of one
 * user's multi-valued attribute in memory. (List filters never run here: they are compiled to
 * database queries, user-filter.ts.)
 */
import { invalidPath } from './errors';
import type { CompValue, FilterNode } from './filter';
import type { Json } from './resource';
import { findAttribute, type AttributeDef } from './schema';

/** Booleans as Microsoft Entra ID sends them in places: "True" / "False". */
export const asBoolean = (value: unknown) =>
  typeof value === 'string' && /^(true|false)$/i.test(value) ? /^true$/i.test(value) : value;

/** Whether one value of a multi-valued attribute matches a value filter (`type eq "work"`). */
export const matches = (item: Json, filter: FilterNode, parent: AttributeDef): boolean => {
  switch (filter.kind) {
    case 'and':
      return matches(item, filter.left, parent) && matches(item, filter.right, parent);
    case 'or':
      return matches(item, filter.left, parent) || matches(item, filter.right, parent);
    case 'not':
      return !matches(item, filter.filter, parent);
    case 'valuePath':
      throw invalidPath('A value filter cannot contain another one');
    case 'present':
    case 'compare': {
      const sub = findAttribute(parent.subAttributes, filter.path);
      if (!sub) throw invalidPath(`"${parent.name}" has no sub-attribute "${filter.path}"`);
      const actual = item[sub.name];
      if (filter.kind === 'present')
        return actual !== undefined && actual !== null && actual !== '';
      return compareValue(actual, filter.op, filter.value, sub);
    }
  }
};

const compareValue = (
  actual: unknown,
  op: string,
  expected: CompValue,
  attribute: AttributeDef
): boolean => {
  if (attribute.type === 'boolean') {
    const equal = asBoolean(actual) === asBoolean(expected);
    if (op === 'eq') return equal;
    if (op === 'ne') return !equal;
    throw invalidPath(`"${attribute.name}" can only be compared by eq or ne`);
  }
  if (expected === null || actual === undefined || actual === null) {
    const equal = (actual ?? null) === expected;
    return op === 'ne' ? !equal : op === 'eq' && equal;
  }
  if (typeof actual !== 'string' || typeof expected !== 'string') return false;
  const a = attribute.caseExact ? actual : actual.toLowerCase();
  const e = attribute.caseExact ? expected : expected.toLowerCase();
  switch (op) {
    case 'eq':
      return a === e;
    case 'ne':
      return a !== e;
    case 'co':
      return a.includes(e);
    case 'sw':
      return a.startsWith(e);
    case 'ew':
      return a.endsWith(e);
    case 'gt':
      return a > e;
    case 'ge':
      return a >= e;
    case 'lt':
      return a < e;
    default:
      return a <= e;
  }
};

/** `type eq "work" and primary eq true` → `{ type: 'work', primary: true }`; null if the filter says more than that. */
export const equalities = (filter: FilterNode, parent: AttributeDef): Json | null => {
  if (filter.kind === 'and') {
    const left = equalities(filter.left, parent);
    const right = equalities(filter.right, parent);
    return left && right ? { ...left, ...right } : null;
  }
  if (filter.kind !== 'compare' || filter.op !== 'eq' || filter.value === null) return null;
  const sub = findAttribute(parent.subAttributes, filter.path);
  if (!sub) throw invalidPath(`"${parent.name}" has no sub-attribute "${filter.path}"`);
  return { [sub.name]: filter.value };
};
