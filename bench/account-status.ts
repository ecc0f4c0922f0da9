/**
 * The Status filter of the Content Manager's user list over a large user base: N users (default
 * 1,000,000) in every status, 30 % of them holding an activation link (two thirds live, one third
 * expired). Times, for each status, the count and the first page of 10 the list asks for,
 * through the plugin's `where` (the Link expired and Never logged in statuses use
 * `id NOT IN (subquery of the user's links)`, correlated), and checks each count against the seeding. Beside it,
 * the anti-join alone written both ways, `NOT IN (subquery)` and `NOT EXISTS`: PostgreSQL runs a
 * NOT IN as a hashed subplan only while the subquery's rows fit in `work_mem`, and past that
 * compares every user with every row of it. Each statement is given up after a minute.
 *
 *   npm run bench -- account-status [N]     (DATABASE_CLIENT picks the database)
 */
import crypto from 'node:crypto';
import type { Knex } from 'knex';
import type { AccountStatusService } from '@server/services/account-status';
import { bootStrapi, type TestApp } from '../tests/helpers/strapi';
import type { AccountStatus } from '../src/plugins/user-communication/shared/contracts/account-status';

const N = Number(process.argv[3] ?? process.env.BENCH_N ?? 1_000_000);
const NOW = Date.parse('2026-10-01T06:00:00Z');
const DAY = 86_400_000;
const USER_UID = 'plugin::users-permissions.user';
const QUERY_TIMEOUT_MS = 60_000;

/** What user i is, by i % 10: the expected status of each, and the link it holds. */
const KINDS: Array<{
  status: AccountStatus;
  link: 'live' | 'expired' | null;
  activated: boolean;
  lastLoginDaysAgo: number | null;
}> = [
  { status: 'invited', link: 'live', activated: false, lastLoginDaysAgo: null },
  { status: 'invited', link: 'live', activated: false, lastLoginDaysAgo: null },
  { status: 'link-expired', link: 'expired', activated: false, lastLoginDaysAgo: null },
  { status: 'never-logged-in', link: null, activated: true, lastLoginDaysAgo: null },
  { status: 'never-logged-in', link: null, activated: false, lastLoginDaysAgo: null },
  { status: 'inactive', link: null, activated: true, lastLoginDaysAgo: 60 },
  { status: 'inactive', link: null, activated: true, lastLoginDaysAgo: 45 },
  { status: 'active', link: null, activated: true, lastLoginDaysAgo: 2 },
  { status: 'active', link: null, activated: true, lastLoginDaysAgo: 10 },
  { status: 'active', link: null, activated: true, lastLoginDaysAgo: 20 },
];

const seed = async (app: TestApp) => {
  const knex = app.strapi.db.connection;
  const batch = app.strapi.db.dialect.client === 'sqlite' ? 400 : 2000;
  const at = new Date(NOW - 100 * DAY);
  const started = performance.now();
  for (let offset = 0; offset < N; offset += batch) {
    const rows = [];
    for (let i = offset; i < Math.min(N, offset + batch); i += 1) {
      const kind = KINDS[i % 10];
      rows.push({
        document_id: crypto.randomBytes(12).toString('hex'),
        username: `status${i}`,
        email: `status${i}@example.com`,
        provider: 'local',
        confirmed: kind.activated,
        blocked: false,
        origin: 'manual',
        email_status: 'ok',
        created_at: at,
        updated_at: at,
        published_at: at,
        activated_at: kind.activated ? at : null,
        last_login_at:
          kind.lastLoginDaysAgo === null ? null : new Date(NOW - kind.lastLoginDaysAgo * DAY),
      });
    }
    await knex('up_users').insert(rows);
  }
  const ids = (
    (await knex('up_users').select('id').where('username', 'like', 'status%').orderBy('id')) as {
      id: number;
    }[]
  ).map((row) => row.id);
  for (let offset = 0; offset < N; offset += batch) {
    const rows = [];
    for (let i = offset; i < Math.min(N, offset + batch); i += 1) {
      const link = KINDS[i % 10].link;
      if (!link) continue;
      rows.push({
        document_id: crypto.randomBytes(12).toString('hex'),
        purpose: 'activation',
        user_id: ids[i],
        digest: crypto.randomBytes(24).toString('base64url'),
        expires_at: new Date(NOW + (link === 'live' ? 5 : -5) * DAY),
        created_at: at,
        updated_at: at,
        published_at: at,
      });
    }
    if (rows.length > 0) await knex('uc_tokens').insert(rows);
  }
  const client = app.strapi.db.dialect.client;
  if (client === 'mysql') {
    await knex.raw('ANALYZE TABLE up_users, uc_tokens');
  } else {
    await knex.raw('ANALYZE');
  }
  return performance.now() - started;
};

const timed = async <T>(work: () => Promise<T>) => {
  const started = performance.now();
  const result = await work();
  return { result, ms: performance.now() - started };
};

const main = async () => {
  const app = await bootStrapi({ parseMail: false, env: { UC_CRON_ENABLED: 'false' } });
  try {
    const plugin = app.strapi.plugin('user-communication');
    await plugin.service('delivery-worker').stop();
    await plugin
      .service('settings')
      .update({ noLoginReminder: { enabled: true, intervalDays: 30 } });
    app.clock.set(new Date(NOW).toISOString());
    console.log(
      `account-status benchmark: N = ${N.toLocaleString('en')} users, database ${app.database.client}`
    );
    console.log(`  seeded in ${((await seed(app)) / 1000).toFixed(1)} s`);

    const statuses = plugin.service('account-status') as AccountStatusService;
    // The list's two statements, each given up (and cancelled in the database) after a minute.
    // better-sqlite3 runs a statement synchronously: there is nothing to cancel, nor time out.
    const cancel = app.strapi.db.dialect.client !== 'sqlite';
    const limited = async (query: Knex.QueryBuilder) => {
      try {
        return await timed(
          async () => (await query.timeout(QUERY_TIMEOUT_MS, { cancel })) as unknown[]
        );
      } catch (error) {
        if ((error as Error).name === 'KnexTimeoutError') return null;
        throw error;
      }
    };
    const gaveUp = `gave up after ${QUERY_TIMEOUT_MS / 1000} s`;
    for (const status of [
      'invited',
      'link-expired',
      'never-logged-in',
      'inactive',
      'active',
    ] as const) {
      const where = await statuses.whereBuilder(status);
      const expected = KINDS.reduce(
        (sum, kind, k) => (kind.status === status ? sum + Math.floor((N - k + 9) / 10) : sum),
        0
      );
      const counted = await limited(
        app.strapi.db.queryBuilder(USER_UID).where(where()).count().getKnexQuery()
      );
      const page = await limited(
        app.strapi.db
          .queryBuilder(USER_UID)
          .select('id')
          .where(where())
          .orderBy({ id: 'asc' })
          .limit(10)
          .getKnexQuery()
      );
      const n = counted ? Number(Object.values(counted.result[0] as object)[0]) : NaN;
      const check = !counted ? '' : n === expected ? ' (right)' : ` (WRONG, expected ${expected})`;
      console.log(
        `  ${status.padEnd(16)} count ${counted ? `${n.toLocaleString('en')}${check} in ${counted.ms.toFixed(0)} ms` : gaveUp}; first page of 10 ${page ? `in ${page.ms.toFixed(0)} ms` : gaveUp}`
      );
    }

    // The anti-join alone, written both ways: users who never held an activation link.
    const knex = app.strapi.db.connection;
    const holders = () =>
      knex('uc_tokens').select('user_id').where({ purpose: 'activation' }).whereNotNull('user_id');
    const notIn = await limited(knex('up_users').count({ n: '*' }).whereNotIn('id', holders()));
    const notExists = await limited(
      knex('up_users')
        .count({ n: '*' })
        .whereNotExists(holders().whereRaw('?? = ??', ['uc_tokens.user_id', 'up_users.id']))
    );
    const took = (result: Awaited<ReturnType<typeof limited>>) =>
      result ? `${result.ms.toFixed(0)} ms` : gaveUp;
    console.log(
      `  never held a link (anti-join alone): NOT IN (subquery) ${took(notIn)}, NOT EXISTS ${took(notExists)}`
    );
  } finally {
    await app.stop();
  }
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
