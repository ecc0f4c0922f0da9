import type { Core } from '@strapi/strapi';
import type { DropStep, FunnelStep } from '../../../../shared/contracts/funnel';
import { DROP_STEPS } from '../../../../shared/contracts/funnel';
import { MESSAGE_UID, type Origin } from '../../constants';

type Where = Record<string, unknown>;

export interface Cohort {
  from: Date;
  to: Date;
  origin?: Origin;
}

/** Users with an activation message in one of these states, as a subquery for `id: { $in }`. */
const activationMessageUsers = (strapi: Core.Strapi, where: Where) =>
  strapi.db
    .queryBuilder(MESSAGE_UID)
    .select('userId')
    .where({ type: 'activation', userId: { $notNull: true }, ...where })
    .getKnexQuery();

/** What each step adds to the one before (shared/contracts/funnel.ts says why these). */
const stepCondition = (strapi: Core.Strapi, step: DropStep): Where => {
  switch (step) {
    case 'mail-sent':
      return { id: { $in: activationMessageUsers(strapi, { sentAt: { $notNull: true } }) } };
    case 'delivered':
      return {
        id: {
          $in: activationMessageUsers(strapi, {
            sentAt: { $notNull: true },
            status: { $in: ['sent', 'complained'] },
          }),
        },
      };
    case 'activated':
      return { activatedAt: { $notNull: true } };
    case 'first-login':
      return { lastLoginAt: { $notNull: true } };
  }
};

const cohortWhere = ({ from, to, origin }: Cohort): Where[] => [
  { createdAt: { $gte: from } },
  { createdAt: { $lte: to } },
  ...(origin ? [{ origin }] : []),
];

/** The steps before `step`, in order. */
const stepsBefore = (step: FunnelStep) =>
  DROP_STEPS.slice(0, Math.max(DROP_STEPS.indexOf(step as DropStep), 0));

/** The users of the cohort who reached `step`. */
export const reachedWhere = (strapi: Core.Strapi, cohort: Cohort, step: FunnelStep): Where => ({
  $and: [
    ...cohortWhere(cohort),
    ...[...stepsBefore(step), ...(step === 'created' ? [] : [step])].map((each) =>
      stepCondition(strapi, each)
    ),
  ],
});

/** The users of the cohort who reached the step before `step` but not `step`: the drop. */
export const droppedWhere = (strapi: Core.Strapi, cohort: Cohort, step: DropStep): Where => ({
  $and: [
    ...cohortWhere(cohort),
    ...stepsBefore(step).map((each) => stepCondition(strapi, each)),
    { $not: stepCondition(strapi, step) },
  ],
});
