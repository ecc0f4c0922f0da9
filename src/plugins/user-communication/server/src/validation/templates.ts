import { yup } from '@strapi/utils';
import { validate } from './validate';
import type { TemplateContent } from '../../../shared/contracts/templates';
import { TEMPLATE_TYPES, type TemplateType } from '../templates/variables';

const paramsSchema = yup
  .object({
    type: yup
      .mixed<TemplateType>()
      .required()
      .oneOf([...TEMPLATE_TYPES], `type must be one of ${TEMPLATE_TYPES.join(', ')}`),
    locale: yup
      .string()
      .required()
      .matches(/^[a-z]{2}(-[A-Z]{2})?$/, 'locale must be a language code such as "en" or "en-GB"'),
  })
  .noUnknown();

const contentFields = {
  subject: yup
    .string()
    .strict()
    .required('subject is required')
    .max(255, 'subject must be at most 255 characters'),
  html: yup
    .string()
    .strict()
    .required('html is required')
    .max(200_000, 'html must be at most 200,000 characters'),
  text: yup
    .string()
    .strict()
    .required('text is required')
    .max(100_000, 'text must be at most 100,000 characters'),
};

const contentSchema = yup
  .object(contentFields)
  .noUnknown(true, 'Unknown template field(s): ${unknown}')
  .required();

// Preview and test-send take an optional unsaved draft so the editor can show changes before saving.
const draftSchema = yup
  .object(contentFields)
  .noUnknown(true, 'Unknown template field(s): ${unknown}')
  .default(undefined)
  .nullable();

// Koa's router adds positional captures ("0") next to the named ones.
export const validateTemplateParams = ({ type, locale }: Record<string, string>) =>
  validate(paramsSchema, { type, locale });

export const validateTemplateContent = (body: unknown): Promise<TemplateContent> =>
  validate(contentSchema, body, { strict: true });

export const validateTemplateDraft = async (
  body: unknown
): Promise<TemplateContent | undefined> => {
  const isEmpty =
    body === undefined ||
    body === null ||
    (typeof body === 'object' && Object.keys(body).length === 0);
  if (isEmpty) return undefined;
  return (await validate(draftSchema, body, { strict: true })) ?? undefined;
};
