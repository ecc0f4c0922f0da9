import { yup } from '@strapi/utils';
import { ACCOUNT_STATUSES, type AccountStatus } from '../../../shared/contracts/account-status';
import { DROP_STEPS, type DropStep } from '../../../shared/contracts/funnel';
import { ORIGINS, type Origin } from '../constants';
import { isoDate, listQuery } from './list-query';
import { validate } from './validate';

const origin = yup
  .mixed<Origin>()
  .oneOf([...ORIGINS], `origin must be one of ${ORIGINS.join(', ')}`);

/** `from` after `to` is a mistake, not an empty period. */
const orderedPeriod = <Schema extends yup.AnyObjectSchema>(schema: Schema) =>
  schema.test('period', 'from must not be after to', function (value) {
    const { from, to } = (value ?? {}) as { from?: string; to?: string };
    if (!from || !to || Date.parse(from) <= Date.parse(to)) return true;
    return this.createError({ path: 'from', message: 'from must not be after to' });
  });

const figuresSchema = orderedPeriod(
  yup
    .object({ from: isoDate('from'), to: isoDate('to'), origin })
    .noUnknown(true, 'Unknown query parameter(s): ${unknown}')
);

const usersSchema = orderedPeriod(
  listQuery({
    origin,
    step: yup
      .mixed<DropStep>()
      .oneOf([...DROP_STEPS], `step must be one of ${DROP_STEPS.join(', ')}`),
    status: yup
      .mixed<AccountStatus>()
      .oneOf([...ACCOUNT_STATUSES], `status must be one of ${ACCOUNT_STATUSES.join(', ')}`),
  })
);

export type FunnelFiguresQuery = yup.InferType<typeof figuresSchema>;
export type FunnelUsersQuery = yup.InferType<typeof usersSchema>;

export const validateFunnelQuery = (query: unknown) => validate(figuresSchema, query);
export const validateFunnelUsersQuery = (query: unknown) => validate(usersSchema, query);
