/** An admin's password actions on one user (POST /user-communication/users/:id/reset-password and /password). */

/** Why an admin cannot send a user a reset link (answered as a 400 with `details.reason`). */
export const RESET_REFUSALS = ['no-email', 'sso', 'blocked'] as const;
export type ResetRefusal = (typeof RESET_REFUSALS)[number];

export interface ResetPasswordResult {
  queued: true;
}

/** The body of POST /users/:id/password: a password typed (and confirmed) or `generate: true`. */
export interface SetPasswordBody {
  password?: string;
  passwordConfirmation?: string;
  generate?: boolean;
  /** The user must choose a new password at the next login. */
  oneTime?: boolean;
}

export interface SetPasswordResult {
  ok: true;
  oneTime: boolean;
  /** Only with `generate: true`, and only in this answer: it is stored nowhere in clear. */
  password?: string;
}
