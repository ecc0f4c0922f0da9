import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import type { SetPasswordResult } from '../../../shared/contracts/passwords';
import { errors } from '@strapi/utils';
import { PLUGIN_ID, USER_UID } from '../constants';
import { PasswordChangeRequired, PasswordChangeTokenInvalid } from '../errors';
import { formatInstant } from '../utils/format-instant';
import { getService } from '../utils/get-service';
import { checkPassword } from '../utils/password-policy';
import { pluginConfig } from '../utils/plugin-config';
import type { UserRecord } from './users';

/** How long the proof of a correct one-time password lasts (issue #5: 15 minutes, single use). */
const CHANGE_TOKEN_MINUTES = 15;

const GENERATED_LENGTH = 20;
// No look-alikes (0/O, 1/l/I): the admin reads the password out or types it into another channel.
const GENERATED_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789!#%+=?@';
const GENERATED_CLASSES = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/];

interface UsersPermissionsUserService {
  edit(id: number, data: Record<string, unknown>): Promise<unknown>;
  validatePassword(password: string, hash: string): Promise<boolean>;
}

export interface LoginAttempt {
  identifier: string;
  password: string;
}

/**
 * Everything that sets a password (reset link, admin, one-time change) ends here, so each
 * change has the same consequences: hashed by users-permissions, open links revoked,
 * sessions ended.
 */
const passwords = ({ strapi }: { strapi: Core.Strapi }) => {
  const upUsers = () =>
    strapi.plugin('users-permissions').service('user') as UsersPermissionsUserService;
  const now = () => getService(strapi, 'clock').now();

  return {
    /** The password rules; a failure is a 400 ValidationError naming the field and the rule. */
    async check(password: unknown, confirmation: unknown): Promise<void> {
      const problem = await checkPassword(password, confirmation, {
        minLength: pluginConfig(strapi).passwordMinLength,
        validatePassword: strapi.config.get('plugin::users-permissions.validatePassword') as
          ((password: string) => boolean) | undefined,
      });
      if (problem) {
        throw new errors.ValidationError(problem.message, {
          errors: [{ path: [problem.field], message: problem.message, name: 'ValidationError' }],
        });
      }
    },

    /** A strong random password that meets every rule (at least 20 characters of 64 symbols: 120 bits). */
    async generate(): Promise<string> {
      const length = Math.max(GENERATED_LENGTH, pluginConfig(strapi).passwordMinLength);
      for (let attempt = 0; attempt < 100; attempt += 1) {
        const bytes = crypto.randomBytes(length * 2);
        // Rejection sampling keeps every symbol equally likely.
        const limit = 256 - (256 % GENERATED_ALPHABET.length);
        const chars = [...bytes]
          .filter((byte) => byte < limit)
          .map((byte) => GENERATED_ALPHABET[byte % GENERATED_ALPHABET.length]);
        const candidate = chars.slice(0, length).join('');
        if (
          candidate.length !== length ||
          !GENERATED_CLASSES.every((pattern) => pattern.test(candidate))
        )
          continue;
        // The project's own rule (users-permissions' validatePassword hook) applies to generated passwords too.
        const accepted = await this.check(candidate, candidate).then(
          () => true,
          () => false
        );
        if (accepted) return candidate;
      }
      throw new errors.ApplicationError(
        'No generated password met the password policy. Set a password by hand.'
      );
    },

    /**
     * Sets the password and applies its consequences. Joins the caller's transaction. The
     * user's other sessions end, and no open reset or change link works any more.
     */
    async apply(
      user: UserRecord,
      password: string,
      options: { mustChange: boolean; notify: boolean; provesMailbox?: boolean }
    ) {
      const data: Record<string, unknown> = { password };
      // A reset link proves the user reads mail at the address, as activation or confirmation would.
      if (options.provesMailbox) data.confirmed = true;
      await upUsers().edit(user.id, data);
      const state: Record<string, unknown> = { mustChangePassword: options.mustChange };
      if (options.provesMailbox && !user.activatedAt) state.activatedAt = now().toJSDate();
      await getService(strapi, 'user-state').trusted(() =>
        strapi.db.query(USER_UID).update({ where: { id: user.id }, data: state })
      );
      // Every open link of the user: an old activation link must not set yet another password.
      await getService(strapi, 'tokens').revoke(user.id);
      await getService(strapi, 'sessions').revokeAll(user.id);
      if (options.notify) await this.notifyChanged(user);
    },

    /** "Your password was changed": the warning a user needs if it was not them. */
    async notifyChanged(user: UserRecord) {
      if (!user.email) return;
      const at = now();
      await getService(strapi, 'mailer').queueForUser({
        type: 'password-changed',
        user: { id: user.id, email: user.email, username: user.username, locale: user.locale },
        variables: { changedAt: formatInstant(at.toISO() as string) },
        dedupeKey: `password-changed:${user.id}:${at.toMillis()}`,
      });
    },

    /**
     * After users-permissions' own change-password (a logged-in user): the same consequences
     * as any other change, except for the session it has just issued.
     */
    async afterSelfServiceChange(userId: number, newJwt: string | null) {
      const user = await getService(strapi, 'users').findById(userId);
      if (!user) return;
      await getService(strapi, 'user-state').trusted(() =>
        strapi.db
          .query(USER_UID)
          .update({ where: { id: userId }, data: { mustChangePassword: false } })
      );
      await getService(strapi, 'tokens').revoke(userId);
      // Refresh mode: users-permissions has already replaced every session with the new one.
      if (!getService(strapi, 'sessions').refreshMode() && newJwt)
        await getService(strapi, 'sessions').revokeAllBut(userId, newJwt);
      await this.notifyChanged(user);
    },

    /** Admin "set a new password": no e-mail (the admin passes it on), optionally one-time. */
    async setByAdmin(
      user: UserRecord,
      input: {
        password?: string;
        passwordConfirmation?: string;
        generate: boolean;
        oneTime: boolean;
      }
    ) {
      if (getService(strapi, 'users').isSso(user)) {
        throw new errors.ApplicationError(
          `This user signs in through ${user.provider && user.provider !== 'local' ? user.provider : 'single sign-on'}: their password is managed by the identity provider.`
        );
      }
      const password = input.generate ? await this.generate() : (input.password as string);
      if (!input.generate) await this.check(password, input.passwordConfirmation ?? password);
      await strapi.db.transaction(() =>
        this.apply(user, password, { mustChange: input.oneTime, notify: false })
      );
      const result: SetPasswordResult = { ok: true, oneTime: input.oneTime };
      return input.generate ? { ...result, password } : result;
    },

    /**
     * Called before users-permissions handles a local login. A correct one-time password
     * gets a 403 PasswordChangeRequired with a short-lived change token instead of a
     * session; a wrong one gets users-permissions' own error, so the flag reveals nothing.
     * Anything else (and blocked or unconfirmed accounts) is left to users-permissions.
     */
    async interceptOneTimeLogin(attempt: LoginAttempt): Promise<void> {
      const store = strapi.store({ type: 'plugin', name: 'users-permissions' });
      const grant = (await store.get({ key: 'grant' })) as { email?: { enabled?: boolean } } | null;
      if (!grant?.email?.enabled) return;
      const user = (await strapi.db.query(USER_UID).findOne({
        where: {
          provider: 'local',
          $or: [{ email: attempt.identifier.toLowerCase() }, { username: attempt.identifier }],
        },
        select: ['id', 'password', 'mustChangePassword', 'blocked', 'confirmed'],
      })) as Pick<
        UserRecord,
        'id' | 'password' | 'mustChangePassword' | 'blocked' | 'confirmed'
      > | null;
      if (!user?.mustChangePassword || !user.password) return;
      // One hash comparison either way: the same cost as users-permissions' own check.
      if (!(await upUsers().validatePassword(attempt.password, user.password))) {
        throw new errors.ValidationError('Invalid identifier or password');
      }
      const advanced = (await store.get({ key: 'advanced' })) as {
        email_confirmation?: boolean;
      } | null;
      if (user.blocked || (advanced?.email_confirmation && user.confirmed !== true)) return;

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
    async completeChange(input: {
      changeToken: string;
      password: string;
      passwordConfirmation: string;
    }): Promise<UserRecord> {
      const invalid = () =>
        new PasswordChangeTokenInvalid(
          'This password change has expired or was already completed. Log in again with your password.'
        );
      const tokens = getService(strapi, 'tokens');
      const { state, record } = await tokens.inspect(input.changeToken, 'password-change');
      const user = record ? await getService(strapi, 'users').findById(record.userId) : null;
      if (state !== 'valid' || !user || user.blocked) throw invalid();
      await this.check(input.password, input.passwordConfirmation);
      if (user.password && (await upUsers().validatePassword(input.password, user.password))) {
        const message = 'The new password must be different from the one-time password';
        throw new errors.ValidationError(message, {
          errors: [{ path: ['password'], message, name: 'ValidationError' }],
        });
      }
      await strapi.db.transaction(async () => {
        // The conditional UPDATE alone decides (see tokens.consume): one redemption wins.
        const consumed = await tokens.consume(input.changeToken, 'password-change');
        if (consumed.state !== 'valid') throw invalid();
        await this.apply(user, input.password, { mustChange: false, notify: true });
      });
      return user;
    },
  };
};

export type PasswordsService = ReturnType<typeof passwords>;
export default passwords;
