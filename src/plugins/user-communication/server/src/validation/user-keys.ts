import { yup } from '@strapi/utils';

/**
 * `{ userIds }` of the admin actions on many users (resend, mark as deliverable): numeric ids
 * or documentIds, as the Content Manager (documentIds) and integrations (ids) have them. The
 * cap keeps one request's locks and audit rows bounded.
 */
export const userKeysSchema = yup
  .object({
    userIds: yup
      .array(yup.string().strict().required().max(64))
      .strict()
      .required('userIds is required')
      .min(1, 'userIds must list at least one user')
      .max(1000, 'userIds may list at most 1000 users'),
  })
  .noUnknown(true, 'Unknown field(s): ${unknown}')
  .required();
