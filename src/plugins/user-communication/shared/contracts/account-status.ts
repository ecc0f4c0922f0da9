/**
 * An account's status at a glance (the Content Manager's Status column, the Communication page),
 * and the one rule that derives it. The server computes it for a page of users in one query;
 * the tests derive it from the same rule to check the server's figures.
 */
import type { EmailStatus } from './delivery';
import { isSsoAccount, type Origin } from './users';

/**
 * In order of precedence: the first that applies wins. What stops mail or access (blocked, an
 * address that does not take mail) outranks how the user signs in, which outranks activity.
 */
export const ACCOUNT_STATUSES = [
  'blocked',
  'undeliverable',
  'sso',
  'invited',
  'link-expired',
  'never-logged-in',
  'inactive',
  'active',
] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

export const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The Content Manager's list filter by status (`filters[$and][0][accountStatus][$eq]=invited`):
 * not a column, the server takes it out of the list's query and applies the rule's `where`.
 */
export const ACCOUNT_STATUS_FILTER = 'accountStatus';

/** The users-permissions user carries this plugin option, so the admin's list hooks know the user list. */
export const ACCOUNT_STATUS_PLUGIN_OPTION = 'accountStatus';

/** What the rule reads about one user: columns of the user, and two facts about their activation links. */
export interface AccountFacts {
  blocked: boolean | null;
  emailStatus: EmailStatus | null;
  origin: Origin | null;
  provider: string | null;
  lastLoginAt: string | null;
  activatedAt: string | null;
  /** An activation link neither used, replaced nor expired. */
  liveLink: boolean;
  /** Any activation link was ever issued to the user. */
  hadLink: boolean;
}

/** `days`: for `inactive`, whole days since the last login. */
export interface StatusOfUser {
  status: AccountStatus;
  days?: number;
}

/** GET /user-communication/users/status?ids=… answers one entry per user found, by numeric id. */
export type StatusAnswer = Record<string, StatusOfUser>;

export interface StatusClock {
  /** Now, in epoch milliseconds (the plugin's clock). */
  now: number;
  /** The no-login reminder interval: a user is inactive from this many days after their last login. */
  inactiveAfterDays: number;
}

/**
 * - `blocked`: blocked by an admin (or deactivated by SCIM).
 * - `undeliverable`: the address hard-bounced, or its owner marked our mail as spam.
 * - `sso`: signs in through an identity provider (no activation, no password of ours).
 * - never logged in: `invited` while an activation link is live; `link-expired` when the user
 *   never activated and every link they got has stopped working; `never-logged-in` otherwise
 *   (activated but not yet signed in, or never sent a link, e.g. an import awaiting its mail).
 * - logged in: `inactive` once `inactiveAfterDays` have passed since the last login (the same
 *   boundary as the no-login reminder), with the whole days since; else `active`.
 */
export const accountStatus = (facts: AccountFacts, clock: StatusClock): StatusOfUser => {
  if (facts.blocked) return { status: 'blocked' };
  if (facts.emailStatus === 'undeliverable' || facts.emailStatus === 'complained')
    return { status: 'undeliverable' };
  if (isSsoAccount(facts)) return { status: 'sso' };
  if (!facts.lastLoginAt) {
    if (facts.liveLink) return { status: 'invited' };
    if (!facts.activatedAt && facts.hadLink) return { status: 'link-expired' };
    return { status: 'never-logged-in' };
  }
  const idleMs = clock.now - new Date(facts.lastLoginAt).getTime();
  if (idleMs >= clock.inactiveAfterDays * DAY_MS)
    return { status: 'inactive', days: Math.floor(idleMs / DAY_MS) };
  return { status: 'active' };
};
