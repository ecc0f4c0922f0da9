import { yup } from '@strapi/utils';
import { AUDIT_ACTIONS, type AuditAction } from '../../../shared/contracts/audit';
import { listQuery, positiveId } from './list-query';
import { validate } from './validate';

const querySchema = listQuery({
  action: yup
    .mixed<AuditAction>()
    .oneOf([...AUDIT_ACTIONS], `action must be one of ${AUDIT_ACTIONS.join(', ')}`),
  userId: positiveId('userId', 'a user id'),
  actorId: positiveId('actorId', 'an admin id'),
});

export type AuditQuery = yup.InferType<typeof querySchema>;

export const validateAuditQuery = (query: unknown) => validate(querySchema, query);
