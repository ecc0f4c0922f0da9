import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { WEBHOOK_EVENTS } from '../../../shared/contracts/delivery';
import type { SetPasswordResult } from '../../../shared/contracts/passwords';
import { USER_UID } from '../constants';
import { usersPermissionsConfig } from '../users-permissions/config';
import { markPasswordChecked } from '../users-permissions/password-rules';
import { usersPermissionsUsers } from '../users-permissions/user-service';
import { formatInstant } from '../utils/format-instant';
import { getService } from '../utils/get-service';
import { checkPassword } from '../utils/password-policy';
import { pluginConfig } from '../utils/plugin-config';
import type { AdminSetInput } from '../validation/passwords';
import type { UserRecord } from './users';
import { retryingTransaction } from '../utils/transient-conflict';

const GENERATED_LENGTH = 20;
// No look-alikes (0/O, 1/l/I): the admin reads the password out or types it into another channel.
const GENERATED_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789!#%+=?@';
const GENERATED_CLASSES = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/];

export interface PasswordChange {
  /** The user must choose another password at the next login (an admin's one-time password). */
  mustChange: boolean;
  /** Queue the "password changed" notice. */
  notify: boolean;
  /** Set through an e-mailed link: the user reads mail at the address, so the account is confirmed. */
  provesMailbox?: boolean;
}

/** A candidate of `length` symbols drawn uniformly (rejection sampling), or null if short of a class. */
const drawPassword = (length: number): string | null => {
  const limit = 256 - (256 % GENERATED_ALPHABET.length);
  const symbols = [...crypto.randomBytes(length * 2)]
    .filter((byte) => byte < limit)
    .map((byte) => GENERATED_ALPHABET[byte % GENERATED_ALPHABET.length]);
  const candidate = symbols.slice(0, length).join('');
  const complete =
    candidate.length === length && GENERATED_CLASSES.every((pattern) => pattern.test(candidate));
  return complete ? candidate : null;
};

/**
 * Everything that sets a password (reset link, activation link, admin, one-time change) ends
 * here, so each change has the same consequences: hashed by users-permissions, open links
 * revoked, sessions ended.
 */
const passwords = ({ strapi }: { strapi: Core.Strapi }) => {
  const now = () => getService(strapi, 'clock').now();

  /**
   * The password rules; a failure is a 400 ValidationError naming the field and the rule. A
   * password that passes is not checked again when it is written in the same request.
   */
  const check = async (password: unknown, confirmation: unknown): Promise<void> => {
    const problem = await checkPassword(password, confirmation, {
      minLength: pluginConfig(strapi).passwordMinLength,
      validatePassword: usersPermissionsConfig(strapi).validatePassword(),
    });
    if (problem) {
      throw new errors.ValidationError(problem.message, {
        errors: [{ path: [problem.field], message: problem.message, name: 'ValidationError' }],
      });
    }
    markPasswordChecked(strapi, password as string);
  };

  /** A strong random password that meets every rule (at least 20 characters of 64 symbols: 120 bits). */
  const generate = async (): Promise<string> => {
    const length = Math.max(GENERATED_LENGTH, pluginConfig(strapi).passwordMinLength);
    for (let attempt = 0; attempt < 100; attempt += 1) {
      const candidate = drawPassword(length);
      if (candidate === null) continue;
      // The project's own rule (users-permissions' validatePassword hook) applies to generated passwords too.
      const accepted = await check(candidate, candidate).then(
        () => true,
        () => false
      );
      if (accepted) return candidate;
    }
    throw new errors.ApplicationError(
      'No generated password met the password policy. Set a password by hand.'
    );
  };

  /** "Your password was changed": the warning a user needs if it was not them. */
  const notifyChanged = async (user: UserRecord) => {
    if (!user.email) return;
    const at = now();
    await getService(strapi, 'mailer').queueForUser({
      type: 'password-changed',
      user,
      variables: { changedAt: formatInstant(at.toISO() as string) },
      dedupeKey: `password-changed:${user.id}:${at.toMillis()}`,
    });
  };

  /**
   * Sets a password that the caller has checked, and applies its consequences. Joins the
   * caller's transaction. The user lifecycles end the user's sessions and revoke every open
   * link, as for any password change (user-lifecycles.ts).
   */
  const apply = async (user: UserRecord, password: string, change: PasswordChange) => {
    const data: Record<string, unknown> = { password };
    if (change.provesMailbox) data.confirmed = true;
    await usersPermissionsUsers(strapi).edit(user.id, data);
    await getService(strapi, 'user-state').trusted(() =>
      strapi.db
        .query(USER_UID)
        .update({ where: { id: user.id }, data: { mustChangePassword: change.mustChange } })
    );
    // Decided by the conditional UPDATE, not by `user` as read before the caller's transaction:
    // a first login that activated the account meanwhile has announced it already.
    const activates =
      change.provesMailbox &&
      Number(
        await strapi.db
          .queryBuilder(USER_UID)
          .where({ id: user.id, activatedAt: null })
          .update({ activatedAt: now().toJSDate() })
          .execute()
      ) > 0;
    if (activates) {
      await getService(strapi, 'events').users(WEBHOOK_EVENTS.USER_ACTIVATED, [
        { id: user.id, detail: { via: 'link' } },
      ]);
    }
    if (change.notify) await notifyChanged(user);
  };

  return {
    check,
    generate,
    apply,
    notifyChanged,

    /**
     * The consequences of any password change, whatever made it (run by the user lifecycles):
     * an old activation or reset link must not set yet another password, and whoever held the
     * old one is signed out.
     */
    async revokeAccess(userId: number): Promise<void> {
      await getService(strapi, 'tokens').revoke(userId);
      await getService(strapi, 'sessions').revokeAll(userId);
    },

    /**
     * After users-permissions' own change-password (a logged-in user): the notice, and no
     * one-time flag left. Its write has already ended the older sessions (the user lifecycles
     * run before it issues the new session or JWT).
     */
    async afterSelfServiceChange(userId: number) {
      const user = await getService(strapi, 'users').findById(userId);
      if (!user) return;
      await getService(strapi, 'user-state').trusted(() =>
        strapi.db
          .query(USER_UID)
          .update({ where: { id: userId }, data: { mustChangePassword: false } })
      );
      await notifyChanged(user);
    },

    /** Admin "set a new password": no e-mail (the admin passes it on), optionally one-time. */
    async setByAdmin(user: UserRecord, input: AdminSetInput): Promise<SetPasswordResult> {
      if (getService(strapi, 'users').isSso(user)) {
        const provider =
          user.provider && user.provider !== 'local' ? user.provider : 'single sign-on';
        throw new errors.ApplicationError(
          `This user signs in through ${provider}: their password is managed by the identity provider.`
        );
      }
      const password = input.generate ? await generate() : (input.password as string);
      if (!input.generate) await check(password, input.passwordConfirmation ?? password);
      await retryingTransaction(strapi, () =>
        apply(user, password, { mustChange: input.oneTime, notify: false })
      );
      const result: SetPasswordResult = { ok: true, oneTime: input.oneTime };
      return input.generate ? { ...result, password } : result;
    },
  };
};

export type PasswordsService = ReturnType<typeof passwords>;
export default passwords;
