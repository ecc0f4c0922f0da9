import { yup } from '@strapi/utils';
import { listQuery, positiveId } from './list-query';
import { validate } from './validate';
import {
  MESSAGE_STATUSES,
  MESSAGE_TYPES,
  type MessageStatus,
  type MessageType,
} from '../constants';

const querySchema = listQuery({
  user: positiveId('user', 'a user id'),
  type: yup
    .mixed<MessageType>()
    .oneOf([...MESSAGE_TYPES], `type must be one of ${MESSAGE_TYPES.join(', ')}`),
  status: yup
    .mixed<MessageStatus>()
    .oneOf([...MESSAGE_STATUSES], `status must be one of ${MESSAGE_STATUSES.join(', ')}`),
});

export type MessageLogQuery = yup.InferType<typeof querySchema>;

export const validateMessageLogQuery = (query: unknown) => validate(querySchema, query);

const idSchema = yup
  .number()
  .integer('id must be a message id')
  .min(1, 'id must be a message id')
  .required();

export const validateMessageId = (id: unknown) => validate(idSchema, id);
