import { yup } from '@strapi/utils';
import { validate } from './validate';

const strictObject = <T extends Record<string, yup.AnySchema>>(fields: T) =>
  yup.object(fields).noUnknown(true, 'Unknown field(s): ${unknown}').required();

const email = yup
  .string()
  .strict()
  .required('email is required')
  .email('email must be a valid e-mail address')
  .max(255);
const required = (name: string) =>
  yup.string().strict().required(`${name} is required`).max(1000, `${name} is too long`);
const optionalText = (name: string) => yup.string().strict().max(1000, `${name} is too long`);

// Same request shapes as users-permissions' own routes, so existing front ends keep working.
const forgotSchema = strictObject({ email });
const resetSchema = strictObject({
  code: required('code'),
  password: required('password'),
  passwordConfirmation: required('passwordConfirmation'),
  deviceId: optionalText('deviceId'),
});
const verifySchema = strictObject({ token: required('token') });
const changeSchema = strictObject({
  changeToken: required('changeToken'),
  password: required('password'),
  passwordConfirmation: required('passwordConfirmation'),
  deviceId: optionalText('deviceId'),
});
const adminSetSchema = strictObject({
  password: optionalText('password'),
  passwordConfirmation: optionalText('passwordConfirmation'),
  generate: yup.boolean().strict(),
  oneTime: yup.boolean().strict(),
})
  .test(
    'password-or-generate',
    'Give a password, or set generate to true to have one made',
    (value) =>
      Boolean(value?.generate) || (typeof value?.password === 'string' && value.password !== '')
  )
  .test(
    'not-both',
    'Give either a password or generate: true, not both',
    (value) => !(value?.generate && value?.password)
  );

export type ResetInput = yup.InferType<typeof resetSchema>;
export type ChangeInput = yup.InferType<typeof changeSchema>;
/** The admin's set-password body, with the flags' defaults applied. */
export type AdminSetInput = Omit<yup.InferType<typeof adminSetSchema>, 'generate' | 'oneTime'> & {
  generate: boolean;
  oneTime: boolean;
};

export const validateForgot = (body: unknown) => validate(forgotSchema, body, { strict: true });
export const validateReset = (body: unknown) => validate(resetSchema, body, { strict: true });
export const validateVerifyReset = (body: unknown) =>
  validate(verifySchema, body, { strict: true });
export const validateChange = (body: unknown) => validate(changeSchema, body, { strict: true });
export const validateAdminSet = async (body: unknown): Promise<AdminSetInput> => {
  const input = await validate(adminSetSchema, body ?? {}, { strict: true });
  return { ...input, generate: input.generate ?? false, oneTime: input.oneTime ?? false };
};
