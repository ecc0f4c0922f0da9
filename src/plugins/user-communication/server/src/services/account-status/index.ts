import type { Core } from '@strapi/strapi';
import {
  accountStatus,
  type AccountStatus,
  type StatusAnswer,
  type StatusClock,
} from '../../../../shared/contracts/account-status';
import { USER_UID } from '../../constants';
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

    /**
     * The status of each user found, by numeric id; ids of users that do not exist, or that
     * `readable` (the admin's permission conditions, if any) leaves out, are left out.
     */
    async forUsers(
      ids: number[],
      readable: Record<string, unknown> | null = null
    ): Promise<StatusAnswer> {
      const clock = await statusClock();
      const visible = readable
        ? (
            (await strapi.db.query(USER_UID).findMany({
              where: { $and: [{ id: { $in: ids } }, readable] },
              select: ['id'],
            })) as Array<{ id: number }>
          ).map((user) => user.id)
        : ids;
      const facts = await readAccountFacts(strapi, visible, new Date(clock.now));
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
