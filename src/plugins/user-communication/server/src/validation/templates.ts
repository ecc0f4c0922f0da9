import { yup, validateYupSchema } from '@strapi/utils';
import type { TemplateContent } from '../templates/defaults';
import { TEMPLATE_TYPES, type TemplateType } from '../templates/variables';

const paramsSchema = yup
  .object({
    type: yup.string().required().oneOf([...TEMPLATE_TYPES], `type must be one of ${TEMPLATE_TYPES.join(', ')}`),
    locale: yup
      .string()
      .required()
      .matches(/^[a-z]{2}(-[A-Z]{2})?$/, 'locale must be a language code such as "en" or "en-GB"'),
  })
  .noUnknown();

const contentFields = {
  subject: yup.string().strict().trim().required('subject is required').max(255, 'subject must be at most 255 characters'),
  html: yup.string().strict().required('html is required').max(200_000, 'html must be at most 200,000 characters'),
  text: yup.string().strict().required('text is required').max(100_000, 'text must be at most 100,000 characters'),
};

const contentSchema = yup.object(contentFields).noUnknown(true, 'Unknown template field(s): ${unknown}').required();

// Preview and test-send take an optional unsaved draft so the editor can show changes before saving.
const draftSchema = yup
  .object(contentFields)
  .noUnknown(true, 'Unknown template field(s): ${unknown}')
  .default(undefined)
  .nullable();

export const validateTemplateParams = (params: unknown) =>
  validateYupSchema(paramsSchema, { strict: false })(params) as Promise<{ type: TemplateType; locale: string }>;

export const validateTemplateContent = (body: unknown) =>
  validateYupSchema(contentSchema, { strict: false, abortEarly: false })(body) as Promise<TemplateContent>;

export const validateTemplateDraft = async (body: unknown): Promise<TemplateContent | undefined> => {
  const isEmpty = body === undefined || body === null || (typeof body === 'object' && Object.keys(body).length === 0);
  if (isEmpty) return undefined;
  return (await validateYupSchema(draftSchema, { strict: false, abortEarly: false })(body)) as TemplateContent;
};
