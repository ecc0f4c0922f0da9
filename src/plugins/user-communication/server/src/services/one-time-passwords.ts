import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { PLUGIN_ID, USER_UID } from '../constants';
import { PasswordChangeRequired, PasswordChangeTokenInvalid } from '../errors';
import { usersPermissionsStore } from '../users-permissions/store';
import { usersPermissionsUsers } from '../users-permissions/user-service';
import { getService } from '../utils/get-service';
import { pluginConfig } from '../utils/plugin-config';
import type { ChangeInput } from '../validation/passwords';
import type { UserRecord } from './users';
import { retryingTransaction } from '../utils/transient-conflict';

/** How long the proof of a correct one-time password lasts (15 minutes, single use). */
const CHANGE_TOKEN_MINUTES = 15;

export interface LoginAttempt {
  identifier: string;
  password: string;
}

type LoginCandidate = Pick<
  UserRecord,
  'id' | 'password' | 'mustChangePassword' | 'blocked' | 'confirmed'
>;

const invalidChange = () =>
  new PasswordChangeTokenInvalid(
    'This password change has expired or was already completed. Log in again with your password.'
  );

/** A password an admin set as one-time: it opens no session, only the change to a new one. */
const oneTimePasswords = ({ strapi }: { strapi: Core.Strapi }) => ({
  /**
   * Called before users-permissions handles a local login. A correct one-time password
   * gets a 403 PasswordChangeRequired with a short-lived change token instead of a
   * session; a wrong one gets users-permissions' own error, so the flag reveals nothing.
   * Anything else (and blocked or unconfirmed accounts) is left to users-permissions.
   */
  async interceptLogin(attempt: LoginAttempt): Promise<void> {
    const settings = usersPermissionsStore(strapi);
    if (!(await settings.isLocalLoginEnabled())) return;
    const user = (await strapi.db.query(USER_UID).findOne({
      where: {
        provider: 'local',
        $or: [{ email: attempt.identifier.toLowerCase() }, { username: attempt.identifier }],
      },
      select: ['id', 'password', 'mustChangePassword', 'blocked', 'confirmed'],
    })) as LoginCandidate | null;
    if (!user?.mustChangePassword || !user.password) return;
    // One hash comparison either way: the same cost as users-permissions' own check.
    if (!(await usersPermissionsUsers(strapi).validatePassword(attempt.password, user.password))) {
      throw new errors.ValidationError('Invalid identifier or password');
    }
    const { email_confirmation: confirmationRequired } = await settings.advanced();
    if (user.blocked || (confirmationRequired && user.confirmed !== true)) return;

    const issued = await getService(strapi, 'tokens').issue(user.id, 'password-change', {
      minutes: CHANGE_TOKEN_MINUTES,
    });
    const base = pluginConfig(strapi).publicUrl.replace(/\/$/, '');
    throw new PasswordChangeRequired(
      'You signed in with a one-time password. Choose a new password to continue.',
      {
        changeToken: issued.token,
        expiresAt: issued.expiresAt.toISO(),
        // The built-in page completes the change for front ends that do not build their own form.
        changeUrl: `${base}/${PLUGIN_ID}/reset-password#change=${issued.token}`,
      }
    );
  },

  /** Redeems a change token: the new password replaces the one-time one. Returns the user, for the login that follows. */
  async completeChange(input: ChangeInput): Promise<UserRecord> {
    const tokens = getService(strapi, 'tokens');
    const passwords = getService(strapi, 'passwords');
    const { state, record } = await tokens.inspect(input.changeToken, 'password-change');
    const user = record ? await getService(strapi, 'users').findById(record.userId) : null;
    if (state !== 'valid' || !user || user.blocked) throw invalidChange();
    await passwords.check(input.password, input.passwordConfirmation);
    const unchanged =
      user.password !== null &&
      (await usersPermissionsUsers(strapi).validatePassword(input.password, user.password));
    if (unchanged) {
      const message = 'The new password must be different from the one-time password';
      throw new errors.ValidationError(message, {
        errors: [{ path: ['password'], message, name: 'ValidationError' }],
      });
    }
    await retryingTransaction(strapi, async () => {
      // The conditional UPDATE alone decides (see tokens.consume): one redemption wins.
      const consumed = await tokens.consume(input.changeToken, 'password-change');
      if (consumed.state !== 'valid') throw invalidChange();
      await passwords.apply(user, input.password, { mustChange: false, notify: true });
    });
    return user;
  },
});

export type OneTimePasswordsService = ReturnType<typeof oneTimePasswords>;
export default oneTimePasswords;
