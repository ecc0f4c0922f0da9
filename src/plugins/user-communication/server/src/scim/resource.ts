/**
 * Attribute names are case-insensitive (RFC 7643 §2.1): request bodies are read into the
 * schema's spelling before anything looks at them, and responses are cut down to the
 * `attributes` / `excludedAttributes` a client asked for (RFC 7644 §3.4.2.5).
 */
import { invalidPath, invalidValue, mutability } from './errors';
import { findAttribute, resolveAttrPath, TOP_LEVEL, type AttributeDef } from './schema';

export type Json = Record<string, unknown>;

export const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export interface ReadOptions {
  /** PATCH: an unknown attribute is 400 invalidPath, a read-only one 400 mutability. POST/PUT: both are ignored. */
  strict: boolean;
}

/**
 * A value for `attribute`, with the keys of complex values in the schema's spelling. A
 * complex attribute given a bare value becomes `{ value }` (Microsoft Entra ID sends the
 * enterprise `manager` as an id string).
 */
export const canonicalValue = (
  attribute: AttributeDef,
  value: unknown,
  options: ReadOptions,
  where: string
): unknown => {
  if (value === null || value === undefined || attribute.type !== 'complex') return value;
  if (attribute.multiValued) {
    // One value for a list of them is taken as a list of one; a bare string is not a value.
    if (!Array.isArray(value) && !isObject(value)) throw invalidValue(`"${where}" must be a list`);
    const values = Array.isArray(value) ? value : [value];
    return values.map((item, index) => {
      if (!isObject(item)) throw invalidValue(`"${where}[${index}]" must be an object`);
      return canonicalComplex(attribute, item, options, `${where}[${index}]`);
    });
  }
  return canonicalComplex(attribute, value, options, where);
};

const canonicalComplex = (
  attribute: AttributeDef,
  value: unknown,
  options: ReadOptions,
  where: string
): Json => {
  if (!isObject(value)) {
    if (findAttribute(attribute.subAttributes, 'value') && typeof value === 'string')
      return { value };
    throw invalidValue(`"${where}" must be an object`);
  }
  return canonicalAttributes(value, attribute.subAttributes ?? [], options, where);
};

/** The members of `object` that are attributes of `level`, in the schema's spelling. */
export const canonicalAttributes = (
  object: Json,
  level: AttributeDef[],
  options: ReadOptions,
  where = ''
): Json => {
  const result: Json = {};
  for (const [key, value] of Object.entries(object)) {
    const attribute = findAttribute(level, key);
    const name = where ? `${where}.${attribute?.name ?? key}` : (attribute?.name ?? key);
    if (!attribute) {
      if (options.strict) throw invalidPath(`Unknown attribute "${name}"`);
      continue;
    }
    if (attribute.mutability === 'readOnly') {
      if (options.strict) throw mutability(`"${name}" is read-only`);
      continue;
    }
    result[attribute.name] = canonicalValue(attribute, value, options, name);
  }
  return result;
};

/** A request's resource: its own members in the schema's spelling (`schemas` is checked by the caller). */
export const readResource = (body: Json, options: ReadOptions): Json => {
  const rest = Object.fromEntries(
    Object.entries(body).filter(([key]) => key.toLowerCase() !== 'schemas')
  );
  return canonicalAttributes(rest, TOP_LEVEL, options);
};

/** `attributes=userName,name.givenName` → the resolved paths; unknown names select nothing. */
const resolveList = (list: string[]) =>
  list.flatMap((path) => {
    const steps = resolveAttrPath(path.trim());
    return steps ? [steps] : [];
  });

const copyPath = (from: Json, to: Json, steps: AttributeDef[]) => {
  const [first, ...rest] = steps;
  const value = from[first.name];
  if (value === undefined) return;
  if (rest.length === 0) {
    to[first.name] = value;
    return;
  }
  if (Array.isArray(value)) {
    const existing = Array.isArray(to[first.name])
      ? (to[first.name] as Json[])
      : value.map(() => ({}));
    value.forEach((item, index) => {
      if (isObject(item)) copyPath(item, existing[index], rest);
    });
    to[first.name] = existing;
    return;
  }
  if (!isObject(value)) return;
  const target = isObject(to[first.name]) ? (to[first.name] as Json) : {};
  copyPath(value, target, rest);
  to[first.name] = target;
};

const deletePath = (from: Json, steps: AttributeDef[]) => {
  const [first, ...rest] = steps;
  if (first.returned === 'always') return;
  if (rest.length === 0) {
    delete from[first.name];
    return;
  }
  const value = from[first.name];
  const items = Array.isArray(value) ? value : [value];
  for (const item of items) if (isObject(item)) deletePath(item, rest);
};

/** The response as asked for: `id` and `schemas` always, the rest as `attributes` / `excludedAttributes` say. */
export const project = (
  resource: Json,
  selection: { attributes?: string[]; excludedAttributes?: string[] }
): Json => {
  if (selection.attributes && selection.attributes.length > 0) {
    const picked: Json = { schemas: resource.schemas, id: resource.id };
    for (const steps of resolveList(selection.attributes)) copyPath(resource, picked, steps);
    return picked;
  }
  if (selection.excludedAttributes && selection.excludedAttributes.length > 0) {
    const copy = structuredClone(resource);
    for (const steps of resolveList(selection.excludedAttributes)) deletePath(copy, steps);
    return copy;
  }
  return resource;
};
