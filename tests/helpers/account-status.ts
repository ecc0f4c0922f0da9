import {
  accountStatus,
  type AccountFacts,
  type StatusClock,
  type StatusOfUser,
} from '@shared/contracts/account-status';
import type { TestApp } from './strapi';

type DbDate = Date | string | number | null;
const instant = (value: DbDate) => (value === null ? null : new Date(value).toISOString());
const millis = (value: DbDate) => (value === null ? null : new Date(value).getTime());

/**
 * Every user's status straight from the tables (plain reads, aggregated here), through the
 * shared rule: what the server's one-statement read must agree with.
 */
export const statusesFromDatabase = async (
  app: TestApp,
  clock: StatusClock
): Promise<Map<number, StatusOfUser>> => {
  const knex = app.strapi.db.connection;
  const users = (await knex('up_users').select(
    'id',
    'blocked',
    'email_status',
    'origin',
    'provider',
    'last_login_at',
    'activated_at'
  )) as Array<Record<string, unknown>>;
  const links = (await knex('uc_tokens')
    .where({ purpose: 'activation' })
    .select('user_id', 'used_at', 'superseded_at', 'expires_at')) as Array<{
    user_id: number;
    used_at: DbDate;
    superseded_at: DbDate;
    expires_at: DbDate;
  }>;
  const statuses = new Map<number, StatusOfUser>();
  for (const user of users) {
    const own = links.filter((link) => Number(link.user_id) === Number(user.id));
    const facts: AccountFacts = {
      blocked: user.blocked === null ? null : Boolean(user.blocked),
      emailStatus: user.email_status as AccountFacts['emailStatus'],
      origin: user.origin as AccountFacts['origin'],
      provider: user.provider as string | null,
      lastLoginAt: instant(user.last_login_at as DbDate),
      activatedAt: instant(user.activated_at as DbDate),
      hadLink: own.length > 0,
      liveLink: own.some(
        (link) =>
          link.used_at === null &&
          link.superseded_at === null &&
          (millis(link.expires_at) as number) >= clock.now
      ),
    };
    statuses.set(Number(user.id), accountStatus(facts, clock));
  }
  return statuses;
};

/** Counts the statements Strapi sends to the database while `work` runs. */
export const countQueries = async <T>(
  app: TestApp,
  work: () => Promise<T>
): Promise<{ result: T; queries: string[] }> => {
  const queries: string[] = [];
  const listener = (query: { sql: string }) => queries.push(query.sql);
  // The delivery worker polls the outbox on its own timer: its queries are not the request's.
  const worker = app.strapi.plugin('user-communication').service('delivery-worker');
  await worker.stop();
  app.strapi.db.connection.on('query', listener);
  try {
    const result = await work();
    return { result, queries };
  } finally {
    app.strapi.db.connection.off('query', listener);
    worker.start();
  }
};
