import type { ResendReason } from '../api/activation';

export const USER_UID = 'plugin::users-permissions.user';

/** Same list as the server's ORIGINS (constants.ts); the admin bundle cannot import server code. */
export const ORIGINS = ['manual', 'integration', 'excel', 'sso', 'self-registration'] as const;
export type Origin = (typeof ORIGINS)[number];

/** The account facts the plugin keeps on a users-permissions user, as the Content Manager loaded them. */
export interface Account {
  email: string | null;
  origin: Origin | null;
  provider: string | null;
  blocked: boolean;
  createdAt: string | null;
  lastLoginAt: string | null;
  activatedAt: string | null;
  lastRemindedAt: string | null;
  /** Set by a one-time password: the user must choose a new one at the next login. */
  mustChangePassword: boolean;
}

const text = (value: unknown): string | null =>
  typeof value === 'string' && value !== '' ? value : null;

/** Reads the account facts from a Content Manager document (edit view or list row); null while creating one. */
export const readAccount = (document: unknown): Account | null => {
  if (!document || typeof document !== 'object') return null;
  const fields = document as Record<string, unknown>;
  const origin = text(fields.origin);
  return {
    email: text(fields.email),
    origin: ORIGINS.includes(origin as Origin) ? (origin as Origin) : null,
    provider: text(fields.provider),
    blocked: fields.blocked === true,
    createdAt: text(fields.createdAt),
    lastLoginAt: text(fields.lastLoginAt),
    activatedAt: text(fields.activatedAt),
    lastRemindedAt: text(fields.lastRemindedAt),
    mustChangePassword: fields.mustChangePassword === true,
  };
};

export const isSso = (account: Account) =>
  account.origin === 'sso' || (account.provider !== null && account.provider !== 'local');

/**
 * Why the server would skip this user on resend, judged from what the admin already sees;
 * same order as the server's refusal() (services/activation.ts), which stays the authority.
 */
export const resendRefusal = (account: Account | null): ResendReason | null => {
  if (!account) return null;
  if (isSso(account)) return 'sso';
  if (account.blocked) return 'blocked';
  if (account.lastLoginAt) return 'has-logged-in';
  return null;
};

export type ActivationState =
  | { kind: 'activated'; since: string }
  | { kind: 'pending'; since: string | null }
  | { kind: 'not-needed' };

/** Activated (with when), waiting for activation (since creation), or never needing it (SSO, or logged in before the plugin tracked activation). */
export const activationState = (account: Account): ActivationState => {
  if (account.activatedAt) return { kind: 'activated', since: account.activatedAt };
  if (isSso(account) || account.lastLoginAt) return { kind: 'not-needed' };
  return { kind: 'pending', since: account.createdAt };
};
