import { errors } from '@strapi/utils';

export const MAX_BATCH = 1000;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * `{ users: [...] }` (1..1000) or one user object. Each user's own fields are checked per
 * item by the service (one bad user does not fail the batch); only the envelope is checked here.
 */
export const validateProvisioning = (
  body: unknown
): { batch: boolean; users: Array<Record<string, unknown>> } => {
  if (!isObject(body))
    throw new errors.ValidationError(
      'Send one user as a JSON object, or a batch as { "users": [...] }'
    );
  if (!('users' in body)) return { batch: false, users: [body] };
  const { users, ...rest } = body;
  if (Object.keys(rest).length > 0)
    throw new errors.ValidationError(
      `Unknown field(s) next to users: ${Object.keys(rest).join(', ')}`
    );
  if (!Array.isArray(users) || users.length === 0 || users.length > MAX_BATCH) {
    throw new errors.ValidationError(
      `users must be a list of 1 to ${MAX_BATCH} users; split larger batches`
    );
  }
  const notObject = users.findIndex((user) => !isObject(user));
  if (notObject !== -1)
    throw new errors.ValidationError(
      `users[${notObject}] must be an object with at least an email`
    );
  return { batch: true, users: users as Array<Record<string, unknown>> };
};
