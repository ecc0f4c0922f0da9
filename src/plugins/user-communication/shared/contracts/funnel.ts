/** The activation funnel over a period (GET /user-communication/funnel, /funnel/users). */
import type { StatusOfUser } from './account-status';
import type { Pagination } from './messages';
import type { Origin } from './users';

/**
 * Each step keeps the users of the one before who also did this, so a step never counts more than
 * the one before and a drop is exactly the users listed behind it.
 * - `created`: created in the period (optionally of one origin).
 * - `mail-sent`: an activation e-mail was handed to the relay (it accepted the message: `sentAt`).
 * - `delivered`: one of those was not bounced (status `sent`, or `complained`, which only a
 *   delivered message can be); a provider's delivery event confirms it but is not required, as
 *   plain SMTP never reports one.
 * - `activated`: the account was activated (`activatedAt`).
 * - `first-login`: the user logged in at least once (`lastLoginAt`).
 */
export const FUNNEL_STEPS = [
  'created',
  'mail-sent',
  'delivered',
  'activated',
  'first-login',
] as const;
export type FunnelStep = (typeof FUNNEL_STEPS)[number];

/** The steps a user can fail to reach: `mail-sent` lists users created but never sent the e-mail, and so on. */
export const DROP_STEPS = ['mail-sent', 'delivered', 'activated', 'first-login'] as const;
export type DropStep = (typeof DROP_STEPS)[number];

export type FunnelCounts = Record<FunnelStep, number>;

export interface FunnelOriginRow {
  /** null: users created before the plugin recorded origins. */
  origin: Origin | null;
  counts: FunnelCounts;
}

export interface FunnelAnswer {
  from: string;
  to: string;
  origin: Origin | null;
  total: FunnelCounts;
  byOrigin: FunnelOriginRow[];
}

/** The query of both routes; `step` (users only) names the step the listed users did not reach. */
export interface FunnelQuery {
  from?: string;
  to?: string;
  origin?: Origin;
}

export interface FunnelUser {
  id: number;
  documentId: string;
  email: string | null;
  username: string | null;
  origin: Origin | null;
  createdAt: string;
  status: StatusOfUser;
}

export interface FunnelUsersPage {
  results: FunnelUser[];
  pagination: Pagination;
}
