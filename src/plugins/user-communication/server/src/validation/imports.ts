import { errors, yup } from '@strapi/utils';
import { validate } from './validate';

const commitSchema = yup
  .object({ updateExisting: yup.boolean().strict() })
  .noUnknown(true, 'Unknown field(s): ${unknown}');

export const validateCommit = (body: unknown) =>
  validate(commitSchema, body ?? {}, { strict: true });

/** The multipart text field, as forms send it. */
export const parseUpdateExisting = (value: unknown): boolean | undefined => {
  if (value === undefined || value === '') return undefined;
  if (value === 'true' || value === true) return true;
  if (value === 'false' || value === false) return false;
  throw new errors.ValidationError('updateExisting must be true or false');
};

export const parseImportId = (value: unknown): number => {
  const id = typeof value === 'string' && /^[1-9][0-9]{0,9}$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(id)) throw new errors.NotFoundError('No import with this id.');
  return id;
};
