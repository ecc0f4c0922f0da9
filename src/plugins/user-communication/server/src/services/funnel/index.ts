import type { Core } from '@strapi/strapi';
import {
  FUNNEL_STEPS,
  type FunnelAnswer,
  type FunnelCounts,
  type FunnelOriginRow,
  type FunnelUsersPage,
} from '../../../../shared/contracts/funnel';
import { USER_UID, type Origin } from '../../constants';
import { getService } from '../../utils/get-service';
import type { FunnelFiguresQuery, FunnelUsersQuery } from '../../validation/funnel';
import { droppedWhere, reachedWhere, type Cohort } from './steps';

const DEFAULT_DAYS = 30;

const USER_FIELDS = ['id', 'documentId', 'email', 'username', 'origin', 'createdAt'];

interface UserRow {
  id: number;
  documentId: string;
  email: string | null;
  username: string | null;
  origin: Origin | null;
  createdAt: string;
}

const zero = (): FunnelCounts =>
  Object.fromEntries(FUNNEL_STEPS.map((step) => [step, 0])) as FunnelCounts;

/** The activation funnel of the users created in a period, per origin, and the users behind each drop. */
const funnel = ({ strapi }: { strapi: Core.Strapi }) => {
  /** The period asked for; by default the last 30 days up to now (the plugin's clock). */
  const cohortOf = (query: { from?: string; to?: string; origin?: Origin }): Cohort => {
    const now = getService(strapi, 'clock').now();
    const to = query.to ? new Date(query.to) : now.toJSDate();
    const from = query.from
      ? new Date(query.from)
      : new Date(to.getTime() - DEFAULT_DAYS * 24 * 60 * 60 * 1000);
    return { from, to, origin: query.origin };
  };

  /** One grouped count per step: five statements whatever the number of users. */
  const countByOrigin = async (cohort: Cohort) => {
    const rows = new Map<Origin | null, FunnelCounts>();
    for (const step of FUNNEL_STEPS) {
      const counts = (await strapi.db
        .queryBuilder(USER_UID)
        .select(['origin', strapi.db.connection.raw('count(*) as users')])
        .where(reachedWhere(strapi, cohort, step))
        .groupBy('origin')
        .execute({ mapResults: false })) as Array<{
        origin: Origin | null;
        users: number | string;
      }>;
      for (const { origin, users } of counts) {
        const row = rows.get(origin) ?? zero();
        row[step] = Number(users);
        rows.set(origin, row);
      }
    }
    return rows;
  };

  return {
    async figures(query: FunnelFiguresQuery): Promise<FunnelAnswer> {
      const cohort = cohortOf(query);
      const rows = await countByOrigin(cohort);
      const byOrigin: FunnelOriginRow[] = [...rows]
        .map(([origin, counts]) => ({ origin, counts }))
        .sort((a, b) => b.counts.created - a.counts.created);
      const total = zero();
      for (const { counts } of byOrigin) {
        for (const step of FUNNEL_STEPS) total[step] += counts[step];
      }
      return {
        from: cohort.from.toISOString(),
        to: cohort.to.toISOString(),
        origin: cohort.origin ?? null,
        total,
        byOrigin,
      };
    },

    /** The cohort's users behind one drop (or all of them), optionally of one status, newest first. */
    async users(query: FunnelUsersQuery): Promise<FunnelUsersPage> {
      const cohort = cohortOf(query);
      const ofStatus = query.status
        ? await getService(strapi, 'account-status').whereBuilder(query.status)
        : null;
      // Built per statement: each takes its own subqueries.
      const where = () => ({
        $and: [
          query.step
            ? droppedWhere(strapi, cohort, query.step)
            : reachedWhere(strapi, cohort, 'created'),
          ...(ofStatus ? [ofStatus()] : []),
        ],
      });
      const rows = (await strapi.db.query(USER_UID).findMany({
        where: where(),
        select: USER_FIELDS,
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        limit: query.pageSize,
        offset: (query.page - 1) * query.pageSize,
      })) as UserRow[];
      const total = await strapi.db.query(USER_UID).count({ where: where() });
      const statuses = await getService(strapi, 'account-status').forUsers(
        rows.map((row) => row.id)
      );
      return {
        // A user deleted between the two reads is left out rather than given a status.
        results: rows.flatMap((row) => {
          const status = statuses[String(row.id)];
          return status
            ? [
                {
                  id: row.id,
                  documentId: row.documentId,
                  email: row.email,
                  username: row.username,
                  origin: row.origin,
                  createdAt: row.createdAt,
                  status,
                },
              ]
            : [];
        }),
        pagination: {
          page: query.page,
          pageSize: query.pageSize,
          total,
          pageCount: Math.ceil(total / query.pageSize),
        },
      };
    },
  };
};

export type FunnelService = ReturnType<typeof funnel>;
export default funnel;
