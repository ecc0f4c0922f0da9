import { yup } from '@strapi/utils';
import { validate } from './validate';

/**
 * RFC 8058 §3.1: a one-click POST carries `List-Unsubscribe=One-Click`, form-urlencoded or
 * multipart; the confirm page sends the same, and an empty body is taken as well. Other fields
 * are let through: a mailbox provider that adds one must not keep mailing someone who refused.
 */
const oneClickSchema = yup
  .object({
    'List-Unsubscribe': yup
      .string()
      .strict()
      .oneOf(['One-Click'], 'List-Unsubscribe must be One-Click (RFC 8058)'),
  })
  .required();

export const validateOneClick = (body: unknown) =>
  validate(oneClickSchema, body ?? {}, { strict: true });
