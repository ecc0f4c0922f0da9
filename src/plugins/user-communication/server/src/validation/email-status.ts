import { userKeysSchema } from './user-keys';
import { validate } from './validate';

export const validateClearEmailStatus = (body: unknown) =>
  validate(userKeysSchema, body, { strict: true });
