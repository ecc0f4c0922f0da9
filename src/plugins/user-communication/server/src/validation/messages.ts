import { yup } from '@strapi/utils';
import { validate } from './validate';
import {
  MESSAGE_STATUSES,
  MESSAGE_TYPES,
  type MessageStatus,
  type MessageType,
} from '../constants';

const isoDate = (name: string) =>
  yup
    .string()
    .test('iso-date', `${name} must be an ISO 8601 date, e.g. 2026-01-31T00:00:00Z`, (value) => {
      return value === undefined || !Number.isNaN(Date.parse(value));
    });

// Only these parameters: no generic filters/sort/populate reach the query engine.
const querySchema = yup
  .object({
    user: yup.number().integer('user must be a user id').min(1, 'user must be a user id'),
    type: yup
      .mixed<MessageType>()
      .oneOf([...MESSAGE_TYPES], `type must be one of ${MESSAGE_TYPES.join(', ')}`),
    status: yup
      .mixed<MessageStatus>()
      .oneOf([...MESSAGE_STATUSES], `status must be one of ${MESSAGE_STATUSES.join(', ')}`),
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

export type MessageLogQuery = yup.InferType<typeof querySchema>;

export const validateMessageLogQuery = (query: unknown) => validate(querySchema, query);

const idSchema = yup
  .number()
  .integer('id must be a message id')
  .min(1, 'id must be a message id')
  .required();

export const validateMessageId = (id: unknown) => validate(idSchema, id);
