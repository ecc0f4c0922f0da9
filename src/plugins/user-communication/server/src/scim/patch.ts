/**
 * PATCH (RFC 7644 §3.5.2) applied to a User in memory: the caller reads the user, applies
 * every operation here, checks the result and writes it once, in one transaction, so a
 * request is applied whole or not at all. Accepts what Microsoft Entra ID and Okta send:
 * op names in any case ("Replace"), booleans as "True"/"False" (checked later, with the
 * other values), no-path operations whose value holds paths (`{"name.givenName": …}`),
 * and filtered paths that create the value they name when none matches
 * (`emails[type eq "work"].value`).
 */
import { MAX_PATCH_OPERATIONS, PATCH_OP } from './constants';
import { invalidPath, invalidSyntax, invalidValue, mutability, noTarget } from './errors';
import { parsePatchPath, type FilterNode, type PatchPath } from './filter';
import { asBoolean, equalities, matches } from './value-filter';
import { canonicalValue, isObject, type Json } from './resource';
import { findAttribute, pathName, resolveAttrPath, type AttributeDef } from './schema';

export type PatchOp = 'add' | 'replace' | 'remove';

export interface PatchOperation {
  op: PatchOp;
  path?: string;
  value?: unknown;
}

const member = (object: Json, name: string): unknown => {
  const key = Object.keys(object).find((candidate) => candidate.toLowerCase() === name);
  return key === undefined ? undefined : object[key];
};

/** The operations of a PatchOp message; the message's own shape errors are 400 invalidSyntax. */
export const readPatchRequest = (body: unknown): PatchOperation[] => {
  if (!isObject(body)) throw invalidSyntax('The body must be a PatchOp message (a JSON object)');
  const schemas = member(body, 'schemas');
  if (schemas !== undefined && (!Array.isArray(schemas) || !schemas.includes(PATCH_OP)))
    throw invalidSyntax(`schemas must be ["${PATCH_OP}"]`);
  const operations = member(body, 'operations');
  if (!Array.isArray(operations) || operations.length === 0)
    throw invalidSyntax('Operations must be a non-empty list');
  if (operations.length > MAX_PATCH_OPERATIONS)
    throw invalidValue(
      `A PATCH request may hold at most ${MAX_PATCH_OPERATIONS} operations; this one holds ${operations.length}`
    );
  return operations.map((operation, index) => {
    if (!isObject(operation)) throw invalidSyntax(`Operations[${index}] must be an object`);
    const op = member(operation, 'op');
    const kind = typeof op === 'string' ? op.toLowerCase() : '';
    if (kind !== 'add' && kind !== 'replace' && kind !== 'remove')
      throw invalidSyntax(`Operations[${index}].op must be add, replace or remove`);
    const path = member(operation, 'path');
    if (path !== undefined && path !== null && typeof path !== 'string')
      throw invalidPath(`Operations[${index}].path must be a string`);
    return {
      op: kind,
      ...(typeof path === 'string' && path.trim() !== '' ? { path: path.trim() } : {}),
      value: member(operation, 'value'),
    };
  });
};

const STRICT = { strict: true };

const sameText = (a: unknown, b: unknown, caseExact: boolean) =>
  typeof a === 'string' && typeof b === 'string'
    ? caseExact
      ? a === b
      : a.toLowerCase() === b.toLowerCase()
    : a === b;

/** RFC 7643 §2.4: at most one value is primary; the one just written wins. */
const onePrimary = (items: Json[], preferred: Json[]) => {
  if (items.filter((item) => asBoolean(item.primary) === true).length <= 1) return;
  const keep = preferred.find((item) => asBoolean(item.primary) === true);
  for (const item of items)
    if (item !== keep && asBoolean(item.primary) === true) item.primary = false;
};

const sameItem = (a: Json, b: Json, parent: AttributeDef) => {
  const value = findAttribute(parent.subAttributes, 'value');
  if (value && a.value !== undefined) return sameText(a.value, b.value, value.caseExact);
  return JSON.stringify(a) === JSON.stringify(b);
};

const applyFiltered = (
  resource: Json,
  op: PatchOp,
  attribute: AttributeDef,
  filter: FilterNode,
  sub: AttributeDef | undefined,
  value: unknown,
  name: string
) => {
  const items = (Array.isArray(resource[attribute.name]) ? resource[attribute.name] : []) as Json[];
  const matching = items.filter((item) => isObject(item) && matches(item, filter, attribute));
  if (op === 'remove') {
    if (sub) for (const item of matching) delete item[sub.name];
    else resource[attribute.name] = items.filter((item) => !matching.includes(item));
    return;
  }
  const written = sub
    ? canonicalValue(sub, value, STRICT, `${name}.${sub.name}`)
    : canonicalValue({ ...attribute, multiValued: false }, value, STRICT, name);
  if (matching.length === 0) {
    // Entra replaces `emails[type eq "work"].value` on a user without a work address: the
    // filter's equalities describe the value to create.
    const seed = equalities(filter, attribute);
    if (!seed) throw noTarget(`No value of "${attribute.name}" matches the filter of "${name}"`);
    const created = sub ? { ...seed, [sub.name]: written } : { ...seed, ...(written as Json) };
    items.push(created);
    resource[attribute.name] = items;
    onePrimary(items, [created]);
    return;
  }
  for (const item of matching) {
    if (sub) item[sub.name] = written;
    else if (op === 'replace') {
      for (const key of Object.keys(item)) delete item[key];
      Object.assign(item, written);
    } else Object.assign(item, written);
  }
  resource[attribute.name] = items;
  onePrimary(items, matching);
};

/** The object that holds the last step, created on the way for add and replace; null if absent for remove. */
const holderOf = (resource: Json, steps: AttributeDef[], create: boolean): Json | null => {
  let holder = resource;
  for (const step of steps.slice(0, -1)) {
    const next = holder[step.name];
    if (!isObject(next)) {
      if (!create) return null;
      holder[step.name] = {};
    }
    holder = holder[step.name] as Json;
  }
  return holder;
};

const applyPlain = (
  resource: Json,
  op: PatchOp,
  steps: AttributeDef[],
  value: unknown,
  name: string
) => {
  const last = steps[steps.length - 1];
  const parent = steps[steps.length - 2];
  // `emails.value`: the sub-attribute of every value of a multi-valued attribute.
  if (parent?.multiValued) {
    const items = (Array.isArray(resource[parent.name]) ? resource[parent.name] : []) as Json[];
    if (op === 'remove') {
      for (const item of items) delete item[last.name];
      return;
    }
    const written = canonicalValue(last, value, STRICT, name);
    if (items.length === 0) items.push({});
    for (const item of items) item[last.name] = written;
    resource[parent.name] = items;
    return;
  }
  const holder = holderOf(resource, steps, op !== 'remove');
  if (!holder) return;
  if (op === 'remove') {
    if (last.multiValued && value !== undefined && value !== null) {
      // Remove the given values only (as clients remove group members).
      const gone = canonicalValue(last, value, STRICT, name) as Json[];
      const items = (Array.isArray(holder[last.name]) ? holder[last.name] : []) as Json[];
      holder[last.name] = items.filter((item) => !gone.some((one) => sameItem(one, item, last)));
    } else delete holder[last.name];
    return;
  }
  if (value === null) {
    delete holder[last.name];
    return;
  }
  const written = canonicalValue(last, value, STRICT, name);
  if (last.multiValued) {
    const added = written as Json[];
    const items = (Array.isArray(holder[last.name]) ? holder[last.name] : []) as Json[];
    const next =
      op === 'replace'
        ? added
        : [...items, ...added.filter((one) => !items.some((item) => sameItem(one, item, last)))];
    holder[last.name] = next;
    onePrimary(next, added);
  } else if (last.type === 'complex' && isObject(written) && isObject(holder[last.name])) {
    // §3.5.2.1 and §3.5.2.3: sub-attributes not given are left as they are.
    Object.assign(holder[last.name] as Json, written);
  } else {
    holder[last.name] = written;
  }
};

const applyAt = (resource: Json, op: PatchOp, path: PatchPath, value: unknown, id?: string) => {
  const steps = resolveAttrPath(path.attrPath);
  if (!steps) throw invalidPath(`Unknown attribute "${path.attrPath}"`);
  // The resource's own id sent back along (as some clients do in a no-path value) changes nothing.
  if (steps.length === 1 && steps[0].name === 'id' && op !== 'remove' && value === id) return;
  const attribute = steps[steps.length - 1];
  const sub = path.subAttr ? findAttribute(attribute.subAttributes, path.subAttr) : undefined;
  const name = pathName(steps) + (path.filter ? '[…]' : '') + (sub ? `.${sub.name}` : '');
  if (path.subAttr && !sub)
    throw invalidPath(`"${attribute.name}" has no sub-attribute "${path.subAttr}"`);
  if ([...steps, ...(sub ? [sub] : [])].some((step) => step.mutability === 'readOnly'))
    throw mutability(`"${name}" is read-only`);
  // Passwords are never taken from a provisioning client (README: SCIM).
  if (steps[0].mutability === 'writeOnly') return;
  if (path.filter) {
    if (steps.length !== 1 || !attribute.multiValued)
      throw invalidPath(`"${name}": a value filter needs a multi-valued attribute such as emails`);
    applyFiltered(resource, op, attribute, path.filter, sub, value, name);
    return;
  }
  applyPlain(resource, op, steps, value, name);
};

/**
 * The resource after every operation; throws (and changes nothing) if any one fails. `id`:
 * the resource's id, which an operation may repeat but not change.
 */
export const applyPatch = (draft: Json, operations: PatchOperation[], id?: string): Json => {
  const resource = structuredClone(draft);
  for (const { op, path, value } of operations) {
    if (path !== undefined) {
      applyAt(resource, op, parsePatchPath(path), value, id);
      continue;
    }
    if (op === 'remove') throw noTarget('A remove operation needs a path');
    if (!isObject(value))
      throw invalidValue(`An ${op} operation without a path takes an object of attributes`);
    for (const [key, item] of Object.entries(value)) {
      if (key.toLowerCase() === 'schemas') continue;
      applyAt(resource, op, parsePatchPath(key), item, id);
    }
  }
  return resource;
};
