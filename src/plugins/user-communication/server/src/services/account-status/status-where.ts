import type { Core } from '@strapi/strapi';
import type { AccountStatus, StatusClock } from '../../../../shared/contracts/account-status';
import { DAY_MS } from '../../../../shared/contracts/account-status';
import { TOKEN_UID } from '../../constants';
import { correlatedToRoot } from '../../utils/table-queries';

type Where = Record<string, unknown>;

/**
 * The ids of users holding an activation link (any, or only live ones), as a subquery: the Query
 * Engine takes a knex query as the value of `$in` / `$notIn`, so the user list stays one
 * statement however many users match.
 */
export const activationLinkHolders = (strapi: Core.Strapi, liveAt?: Date) =>
  strapi.db
    .queryBuilder(TOKEN_UID)
    .select('userId')
    .where({
      purpose: 'activation',
      // A NULL in a NOT IN list makes it match nothing (SQL three-valued logic).
      userId: { $notNull: true },
      ...(liveAt ? { usedAt: null, supersededAt: null, expiresAt: { $gte: liveAt } } : {}),
    })
    .getKnexQuery();

/**
 * The same links of one user only, correlated to the listed user, for `id: { $notIn }`.
 * PostgreSQL runs an uncorrelated NOT IN as a hashed subplan only while the subquery's rows fit
 * in work_mem; past that it compared every user with every link, and the Never logged in filter
 * did not finish at 1,000,000 users with 300,000 links (bench/account-status.ts). Correlated, it
 * is one index lookup per user (uc_tokens_user_purpose_idx) on every database.
 */
const linksOfUser = (strapi: Core.Strapi, liveAt?: Date) => {
  const query = correlatedToRoot(strapi, TOKEN_UID, 'link', 'user_id').where(
    'link.purpose',
    'activation'
  );
  if (liveAt) {
    query
      .whereNull('link.used_at')
      .whereNull('link.superseded_at')
      .where('link.expires_at', '>=', liveAt);
  }
  return query;
};

// Columns written before the plugin added them, or by a Query Engine caller that left them out, are null.
const NOT_BLOCKED: Where = { $or: [{ blocked: false }, { blocked: null }] };
const DELIVERABLE: Where = { $or: [{ emailStatus: 'ok' }, { emailStatus: null }] };
const SSO: Where = {
  $or: [
    { origin: 'sso' },
    { $and: [{ provider: { $notNull: true } }, { provider: { $ne: 'local' } }] },
  ],
};
const NOT_SSO: Where = {
  $and: [
    { $or: [{ origin: { $ne: 'sso' } }, { origin: null }] },
    { $or: [{ provider: null }, { provider: 'local' }] },
  ],
};

/**
 * The users of one status, as a Query Engine `where` on users: the rule of
 * shared/contracts/account-status.ts, each status excluding those that take precedence over it.
 * The integration tests check that it selects exactly the users the rule gives that status.
 */
export const statusWhere = (
  strapi: Core.Strapi,
  status: AccountStatus,
  clock: StatusClock
): Where => {
  const now = new Date(clock.now);
  const live = () => activationLinkHolders(strapi, now);
  const any = () => activationLinkHolders(strapi);
  const cutoff = new Date(clock.now - clock.inactiveAfterDays * DAY_MS);
  const active = [NOT_BLOCKED, DELIVERABLE, NOT_SSO];
  const neverLoggedIn = [...active, { lastLoginAt: null }];
  const conditions: Record<AccountStatus, Where[]> = {
    blocked: [{ blocked: true }],
    undeliverable: [NOT_BLOCKED, { emailStatus: { $in: ['undeliverable', 'complained'] } }],
    sso: [NOT_BLOCKED, DELIVERABLE, SSO],
    invited: [...neverLoggedIn, { id: { $in: live() } }],
    'link-expired': [
      ...neverLoggedIn,
      { id: { $notIn: linksOfUser(strapi, now) } },
      { activatedAt: null },
      { id: { $in: any() } },
    ],
    'never-logged-in': [
      ...neverLoggedIn,
      { id: { $notIn: linksOfUser(strapi, now) } },
      { $or: [{ activatedAt: { $notNull: true } }, { id: { $notIn: linksOfUser(strapi) } }] },
    ],
    inactive: [...active, { lastLoginAt: { $lte: cutoff } }],
    active: [...active, { lastLoginAt: { $gt: cutoff } }],
  };
  return { $and: conditions[status] };
};
