import { EMAIL_STATUSES, type EmailStatus } from '../../../shared/contracts/delivery';
import {
  ORIGINS,
  SCIM_CHANGES,
  isSsoAccount,
  resendRefusal,
  type Origin,
  type ResendReason,
  type ScimChange,
} from '../../../shared/contracts/users';

export const USER_UID = 'plugin::users-permissions.user';

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
  /** The user refused no-login reminders (the reminder's unsubscribe link), and when. */
  reminderOptOut: boolean;
  reminderOptOutAt: string | null;
  /** Set by a one-time password: the user must choose a new one at the next login. */
  mustChangePassword: boolean;
  /** The user's id in the identity provider (SCIM). */
  externalId: string | null;
  /** What the last SCIM request that changed the user did, and when. */
  scimLastChange: ScimChange | null;
  scimUpdatedAt: string | null;
  /** Whether mail reaches the address (bounces, complaints), why not, and since when. */
  emailStatus: EmailStatus;
  emailStatusReason: string | null;
  emailStatusChangedAt: string | null;
  softBounceCount: number;
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
    reminderOptOut: fields.reminderOptOut === true,
    reminderOptOutAt: text(fields.reminderOptOutAt),
    mustChangePassword: fields.mustChangePassword === true,
    externalId: text(fields.externalId),
    scimLastChange: SCIM_CHANGES.includes(fields.scimLastChange as ScimChange)
      ? (fields.scimLastChange as ScimChange)
      : null,
    scimUpdatedAt: text(fields.scimUpdatedAt),
    emailStatus: EMAIL_STATUSES.includes(fields.emailStatus as EmailStatus)
      ? (fields.emailStatus as EmailStatus)
      : 'ok',
    emailStatusReason: text(fields.emailStatusReason),
    emailStatusChangedAt: text(fields.emailStatusChangedAt),
    softBounceCount: typeof fields.softBounceCount === 'number' ? fields.softBounceCount : 0,
  };
};

/**
 * Why the server would skip this user on resend, judged from what the admin already sees; the
 * server decides again and its answer is what is shown. Users-permissions requires an e-mail, so a
 * document without one is one whose e-mail the admin's role may not read: such a user, like one not
 * loaded yet, is left to the server's answer rather than refused up front as not found.
 */
export const visibleResendRefusal = (account: Account | null): ResendReason | null => {
  const refusal = resendRefusal(account);
  return refusal === 'not-found' ? null : refusal;
};

export type ActivationState =
  | { kind: 'activated'; since: string }
  | { kind: 'pending'; since: string | null }
  | { kind: 'not-needed' };

/** Activated (with when), waiting for activation (since creation), or never needing it (SSO, or logged in before the plugin tracked activation). */
export const activationState = (account: Account): ActivationState => {
  if (account.activatedAt) return { kind: 'activated', since: account.activatedAt };
  if (isSsoAccount(account) || account.lastLoginAt) return { kind: 'not-needed' };
  return { kind: 'pending', since: account.createdAt };
};

/**
 * The address is deliverable again after it bounced or complained (corrected, or marked
 * deliverable by an admin): the server set it back to `ok`, with the time. While the account
 * still waits for activation, the panel offers the resend there.
 */
export const wasCorrected = (account: Account): boolean =>
  account.emailStatus === 'ok' &&
  account.emailStatusChangedAt !== null &&
  activationState(account).kind === 'pending';
