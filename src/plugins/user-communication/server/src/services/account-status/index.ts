import type { Core } from '@strapi/strapi';
import {
  accountStatus,
  type AccountStatus,
  type StatusAnswer,
  type StatusClock,
} from '../../../../shared/contracts/account-status';
import { getService } from '../../utils/get-service';
import { readAccountFacts } from './status-query';
import { statusWhere } from './status-where';

/** Account statuses: for a page of users (the Status column), and the users of one status (filters). */
const accountStatusService = ({ strapi }: { strapi: Core.Strapi }) => {
  const statusClock = async (): Promise<StatusClock> => {
    const { noLoginReminder } = await getService(strapi, 'settings').get();
    return {
      now: getService(strapi, 'clock').now().toMillis(),
      inactiveAfterDays: noLoginReminder.intervalDays,
    };
  };

  return {
    statusClock,

    /** The status of each user found, by numeric id; ids of users that do not exist are left out. */
    async forUsers(ids: number[]): Promise<StatusAnswer> {
      const clock = await statusClock();
      const facts = await readAccountFacts(strapi, ids, new Date(clock.now));
      return Object.fromEntries(
        [...facts].map(([id, userFacts]) => [String(id), accountStatus(userFacts, clock)])
      );
    },

    /**
     * Builds a Query Engine `where` on users selecting those of `status` now; called once per
     * statement, as each statement needs subqueries of its own.
     */
    async whereBuilder(status: AccountStatus) {
      const clock = await statusClock();
      return () => statusWhere(strapi, status, clock);
    },
  };
};

export type AccountStatusService = ReturnType<typeof accountStatusService>;
export default accountStatusService;
