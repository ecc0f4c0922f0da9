/** The account facts the plugin keeps on a users-permissions user, and the rules both halves apply to them. */

/** How an account came to exist; it decides which messages the user gets. */
export const ORIGINS = [
  'manual',
  'integration',
  'excel',
  'sso',
  'self-registration',
  'scim',
] as const;
export type Origin = (typeof ORIGINS)[number];

/** The user fields the plugin adds; derived by the server, read-only everywhere else. */
export const ACCOUNT_STATE_FIELDS = [
  'origin',
  'lastLoginAt',
  'activatedAt',
  'mustChangePassword',
  'lastRemindedAt',
  'sessionsValidAfter',
  // Written by the SCIM API only (the identity provider owns them).
  'externalId',
  'scimUserName',
  'scimUserNameKey',
  'scimProfile',
  'scimUpdatedAt',
  'scimLastChange',
  'ssoSubject',
  // Delivery feedback and the reminder opt-out (services/delivery-feedback.ts, unsubscribe).
  'emailStatus',
  'emailStatusReason',
  'emailStatusChangedAt',
  'softBounceCount',
  'reminderOptOut',
  'reminderOptOutAt',
] as const;

/** What the last SCIM request that changed a user did to it (shown in the user's Account panel). */
export const SCIM_CHANGES = ['created', 'updated', 'deactivated', 'reactivated'] as const;
export type ScimChange = (typeof SCIM_CHANGES)[number];

/** Signs in through an identity provider: no activation, no password of ours. */
export const isSsoAccount = (account: {
  origin: Origin | null;
  provider: string | null;
}): boolean =>
  account.origin === 'sso' || (account.provider !== null && account.provider !== 'local');

export const RESEND_REASONS = [
  'has-logged-in',
  'blocked',
  'sso',
  'not-found',
  'activation-off',
] as const;
export type ResendReason = (typeof RESEND_REASONS)[number];

export interface ResendAccount {
  email: string | null;
  origin: Origin | null;
  provider: string | null;
  blocked: boolean | null;
  lastLoginAt: string | null;
}

/**
 * Why a user may not get an activation e-mail from an admin or a renewal, or null if they may.
 * The server decides; the admin asks the same question to explain a disabled action up front.
 */
export const resendRefusal = (account: ResendAccount | null): ResendReason | null => {
  if (!account || !account.email) return 'not-found';
  if (isSsoAccount(account)) return 'sso';
  if (account.blocked) return 'blocked';
  if (account.lastLoginAt) return 'has-logged-in';
  return null;
};

/** POST /user-communication/activation/resend answers one result per requested user, by the key it was asked by. */
export interface ResendResult {
  id: string;
  status: 'queued' | 'skipped';
  reason?: ResendReason;
}

export interface ResendAnswer {
  results: ResendResult[];
}

/** The body of POST /user-communication/activation/resend: users by documentId or numeric id. */
export interface ResendBody {
  userIds: string[];
}
