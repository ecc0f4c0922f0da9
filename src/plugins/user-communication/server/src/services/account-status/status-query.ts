import type { Core } from '@strapi/strapi';
import type { AccountFacts } from '../../../../shared/contracts/account-status';
import type { EmailStatus } from '../../../../shared/contracts/delivery';
import { TOKEN_UID, USER_UID, type Origin } from '../../constants';
import { isSqlTrue } from '../../utils/table-queries';

interface FactsRow {
  id: number | string;
  blocked: boolean | number | null;
  email_status: EmailStatus | null;
  origin: Origin | null;
  provider: string | null;
  last_login_at: Date | string | number | null;
  activated_at: Date | string | number | null;
  live_link: boolean | number | string | null;
  had_link: boolean | number | string | null;
}

// Drivers answer datetimes as Date (PostgreSQL, MySQL) or epoch milliseconds (SQLite), as the Query Engine reads them.
const iso = (value: FactsRow['last_login_at']) =>
  value === null ? null : new Date(value).toISOString();

/**
 * What the status rule needs about the given users, in one statement: the users' columns and,
 * per user, whether an activation link is live and whether one was ever issued (two correlated
 * EXISTS on the tokens' (user_id, purpose) index). Raw knex: the Query Engine has no EXISTS in a
 * select list, and a second query would grow the work per page the Status column asks for.
 */
export const readAccountFacts = async (
  strapi: Core.Strapi,
  ids: number[],
  now: Date
): Promise<Map<number, AccountFacts>> => {
  if (ids.length === 0) return new Map();
  const knex = strapi.db.connection;
  const users = strapi.db.metadata.get(USER_UID).tableName;
  const tokens = strapi.db.metadata.get(TOKEN_UID).tableName;
  const links = () =>
    knex
      .select(knex.raw('1'))
      .from(`${tokens} as tk`)
      .where('tk.user_id', knex.ref('u.id'))
      .where('tk.purpose', 'activation');
  const live = links()
    .whereNull('tk.used_at')
    .whereNull('tk.superseded_at')
    .where('tk.expires_at', '>=', now);
  const rows = (await knex
    .select(
      'u.id',
      'u.blocked',
      'u.email_status',
      'u.origin',
      'u.provider',
      'u.last_login_at',
      'u.activated_at',
      knex.raw('exists ? as live_link', [live]),
      knex.raw('exists ? as had_link', [links()])
    )
    .from(`${users} as u`)
    .whereIn('u.id', ids)) as FactsRow[];
  return new Map(
    rows.map((row) => [
      Number(row.id),
      {
        blocked: row.blocked === null ? null : Boolean(row.blocked),
        emailStatus: row.email_status,
        origin: row.origin,
        provider: row.provider,
        lastLoginAt: iso(row.last_login_at),
        activatedAt: iso(row.activated_at),
        liveLink: isSqlTrue(row.live_link),
        hadLink: isSqlTrue(row.had_link),
      },
    ])
  );
};
