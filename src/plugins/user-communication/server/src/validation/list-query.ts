import { yup } from '@strapi/utils';

export const isoDate = (name: string) =>
  yup
    .string()
    .test('iso-date', `${name} must be an ISO 8601 date, e.g. 2026-01-31T00:00:00Z`, (value) => {
      return value === undefined || !Number.isNaN(Date.parse(value));
    });

export const positiveId = (name: string, what: string) =>
  yup.number().integer(`${name} must be ${what}`).min(1, `${name} must be ${what}`);

/**
 * The query of a paged list: its own filters, a date range (`from`, `to`) and a page of at
 * most 100 rows. Only these parameters: no generic filters/sort/populate reach the query engine.
 */
export const listQuery = <Filters extends Record<string, yup.AnySchema>>(filters: Filters) =>
  yup
    .object({
      ...filters,
      from: isoDate('from'),
      to: isoDate('to'),
      page: yup
        .number()
        .integer('page must be a whole number')
        .min(1, 'page must be at least 1')
        .default(1),
      pageSize: yup
        .number()
        .integer('pageSize must be a whole number')
        .min(1, 'pageSize must be between 1 and 100')
        .max(100, 'pageSize must be between 1 and 100')
        .default(25),
    })
    .noUnknown(true, 'Unknown query parameter(s): ${unknown}');
