import { yup } from '@strapi/utils';
import { userKeysSchema } from './user-keys';
import { validate } from './validate';

const token = yup.string().strict().required('token is required').max(100, 'token is not valid');
const password = yup.string().strict().max(1000, 'password is too long');

const verifySchema = yup
  .object({ token })
  .noUnknown(true, 'Unknown field(s): ${unknown}')
  .required();
const completeSchema = yup
  .object({ token, password, passwordConfirmation: password })
  .noUnknown(true, 'Unknown field(s): ${unknown}')
  .required();
const renewSchema = yup
  .object({
    email: yup
      .string()
      .strict()
      .required('email is required')
      .email('email must be a valid e-mail address')
      .max(255),
  })
  .noUnknown(true, 'Unknown field(s): ${unknown}')
  .required();

export type CompleteInput = yup.InferType<typeof completeSchema>;

export const validateVerify = (body: unknown) => validate(verifySchema, body, { strict: true });
export const validateComplete = (body: unknown) => validate(completeSchema, body, { strict: true });
export const validateRenew = (body: unknown) => validate(renewSchema, body, { strict: true });
export const validateResend = (body: unknown) => validate(userKeysSchema, body, { strict: true });
