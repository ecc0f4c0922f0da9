import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { WEBHOOK_EVENTS } from '../../../shared/contracts/delivery';
import {
  resendRefusal,
  type ResendAnswer,
  type ResendReason,
  type ResendResult,
} from '../../../shared/contracts/users';
import { PLUGIN_ID, USER_UID, type Origin } from '../constants';
import { ActivationLinkExpired, ActivationLinkInvalid, ActivationLinkUsed } from '../errors';
import { usersPermissionsUsers } from '../users-permissions/user-service';
import { getService } from '../utils/get-service';
import { formatInstant } from '../utils/format-instant';
import { keyId } from '../utils/ordered-ids';
import { pluginConfig } from '../utils/plugin-config';
import type { CompleteInput } from '../validation/activation';
import type { TokenState } from './tokens';
import type { UserRecord } from './users';
import { retryingTransaction } from '../utils/transient-conflict';

/** Origins whose users get an activation e-mail on creation (Excel imports get theirs by resend; SSO users need none). */
const ORIGINS_WITH_ACTIVATION_EMAIL: Origin[] = ['manual', 'integration', 'self-registration'];

/** SCIM users get one only when the plugin's `scim.activation` option says `email` (else they sign in with the IdP). */
const getsActivationEmail = (strapi: Core.Strapi, origin: Origin): boolean =>
  ORIGINS_WITH_ACTIVATION_EMAIL.includes(origin) ||
  (origin === 'scim' && pluginConfig(strapi).scim?.activation === 'email');

const activation = ({ strapi }: { strapi: Core.Strapi }) => {
  const tokens = () => getService(strapi, 'tokens');
  const users = () => getService(strapi, 'users');

  const linkFor = (token: string) => {
    const config = pluginConfig(strapi);
    const base =
      config.activationUrl ?? `${config.publicUrl.replace(/\/$/, '')}/${PLUGIN_ID}/activate`;
    // In the fragment: browsers never send it to a server, so it stays out of access logs and Referer headers.
    return `${base}#token=${token}`;
  };

  // No address in any link error: after an address change an old link would tell its holder the new one.
  const linkError = (state: TokenState) => {
    if (state === 'used')
      return new ActivationLinkUsed('This activation link has already been used. You can log in.');
    if (state === 'expired' || state === 'superseded') {
      const message =
        state === 'expired'
          ? 'This activation link has expired.'
          : 'This activation link was replaced by a newer one.';
      return new ActivationLinkExpired(`${message} Ask for a new one.`);
    }
    return new ActivationLinkInvalid(
      'This activation link is not valid. Ask for a new one with your e-mail address.'
    );
  };

  /** The user behind a presented link, or the error that explains why the link does not work. */
  const resolveLink = async (token: unknown) => {
    const { state, record } = await tokens().inspect(token, 'activation');
    const user = record ? await users().findById(record.userId) : null;
    if (!record || !user || user.blocked) throw linkError('invalid');
    if (state !== 'valid') throw linkError(state);
    return { record, user };
  };

  /**
   * Issues a new link (older ones stop working) and queues the e-mail, to the user as they are
   * under the lock: `user` may have been read before an address change, a block or a login.
   * Answers why nothing was sent, if the user as locked may no longer have a link.
   */
  const send = async (user: UserRecord): Promise<ResendReason | null> => {
    const { activation: settings } = await getService(strapi, 'settings').get();
    // One transaction: a link whose message could not be queued must not stay live.
    return retryingTransaction(strapi, async () => {
      const current = await users().lockById(user.id);
      const refusal = resendRefusal(current);
      if (refusal !== null || !current) return refusal ?? 'not-found';
      const issued = await tokens().issue(current.id, 'activation', {
        days: settings.linkLifetimeDays,
      });
      await getService(strapi, 'mailer').queueForUser({
        type: 'activation',
        user: current,
        variables: {
          link: linkFor(issued.token),
          expiresInDays: settings.linkLifetimeDays,
          expiresAt: formatInstant(issued.expiresAt.toISO() as string),
        },
        dedupeKey: `activation:${keyId(issued.id)}`,
        secret: issued.token,
      });
      return null;
    });
  };

  return {
    linkFor,

    /** Called for every new user, in the transaction that creates it. */
    async onUserCreated(userId: number) {
      const user = await users().findById(userId);
      if (
        !user?.email ||
        user.activatedAt ||
        !user.origin ||
        !getsActivationEmail(strapi, user.origin)
      )
        return;
      const { activation: settings } = await getService(strapi, 'settings').get();
      if (!settings.enabled) return;
      await send(user);
    },

    async verify(token: unknown) {
      const { record, user } = await resolveLink(token);
      return {
        email: user.email,
        username: user.username,
        expiresAt: record.expiresAt,
        hasPassword: Boolean(user.password),
      };
    },

    /**
     * Activates the account. An activation link sets the first password only: on an account
     * that already has one (given by an admin, never used) it only confirms the address, and a
     * password sent along is refused: changing a password is what a reset link, with its short
     * lifetime and its "password changed" notice, is for.
     */
    async complete(input: CompleteInput) {
      const { user } = await resolveLink(input.token);
      const hasPassword = Boolean(user.password);
      if (
        hasPassword &&
        (input.password !== undefined || input.passwordConfirmation !== undefined)
      ) {
        const message =
          'This account already has a password: the link only activates it. To change the password, use "Forgot password".';
        throw new errors.ValidationError(message, {
          errors: [{ path: ['password'], message, name: 'ValidationError' }],
        });
      }
      if (!hasPassword) {
        await getService(strapi, 'passwords').check(input.password, input.passwordConfirmation);
      }

      await retryingTransaction(strapi, async () => {
        // Decided by the conditional UPDATE alone: a re-read here could see the transaction's
        // own snapshot (MySQL's repeatable read) and let a second redemption through.
        const consumed = await tokens().consume(input.token, 'activation');
        if (consumed.state !== 'valid') throw linkError(consumed.state);
        if (hasPassword) {
          await usersPermissionsUsers(strapi).edit(user.id, { confirmed: true });
        } else {
          // The first password has the consequences of any other (sessions end, open links stop
          // working); it also confirms the account.
          await getService(strapi, 'passwords').apply(user, input.password as string, {
            mustChange: false,
            notify: false,
            provesMailbox: true,
          });
        }
        const activatedAt = getService(strapi, 'clock').now().toJSDate();
        await getService(strapi, 'user-state').trusted(() =>
          strapi.db.query(USER_UID).update({ where: { id: user.id }, data: { activatedAt } })
        );
        // passwords.apply announced it for a first password; here the link only activated.
        if (hasPassword) {
          await getService(strapi, 'events').users(WEBHOOK_EVENTS.USER_ACTIVATED, [
            { id: user.id, detail: { via: 'link' } },
          ]);
        }
      });
      return { activated: true };
    },

    /**
     * "Send me a new link". Answers the same whatever the address, and does the lookup after
     * answering, so neither the body nor the timing says whether an account exists. With
     * activation off no link is issued, and the answer says so (for every address alike).
     */
    async renew(email: string): Promise<{ ok: true; message: string }> {
      const { activation: settings } = await getService(strapi, 'settings').get();
      if (!settings.enabled) {
        return {
          ok: true,
          message:
            'Activation links are not sent on this platform. Use "Forgot password" to set a password.',
        };
      }
      getService(strapi, 'detached-work').run('activation renewal', async () => {
        if (!(await getService(strapi, 'rate-limits').allowAddress('activation-renew', email))) {
          return;
        }
        const user = await users().findByEmail(email);
        if (resendRefusal(user) !== null || !user) return;
        await send(user);
      });
      return {
        ok: true,
        message:
          'If an account that still needs activating exists for this address, a new link is on its way.',
      };
    },

    /** Admin resend (users by documentId or numeric id): only users who have never logged in (and are neither blocked nor SSO) get a new link. */
    async resend(keys: string[]): Promise<ResendAnswer> {
      const { activation: settings } = await getService(strapi, 'settings').get();
      if (!settings.enabled) {
        const reason = 'activation-off' as const;
        return { results: keys.map((id) => ({ id, status: 'skipped', reason })) };
      }
      const byKey = await users().findByKeys(keys);
      const results: ResendResult[] = [];
      // A user named twice (by id and documentId, or twice over) gets one mail, not a link that the second one revokes.
      const outcomes = new Map<number, ResendReason | null>();
      for (const key of keys) {
        const user = byKey.get(key) ?? null;
        const reason = resendRefusal(user);
        if (reason || !user) {
          results.push({ id: key, status: 'skipped', reason: reason ?? 'not-found' });
          continue;
        }
        if (!outcomes.has(user.id)) outcomes.set(user.id, await send(user));
        // The user as locked decides: read unlocked, they may have logged in or been blocked since.
        const refusal = outcomes.get(user.id);
        results.push(
          refusal ? { id: key, status: 'skipped', reason: refusal } : { id: key, status: 'queued' }
        );
      }
      return { results };
    },
  };
};

export type ActivationService = ReturnType<typeof activation>;
export default activation;
