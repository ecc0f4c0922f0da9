import type { Core } from '@strapi/strapi';
import type { ResetPasswordResult, ResetRefusal } from '../../../shared/contracts/passwords';
import { errors } from '@strapi/utils';
import { PLUGIN_ID } from '../constants';
import {
  PasswordResetLinkExpired,
  PasswordResetLinkInvalid,
  PasswordResetLinkUsed,
} from '../errors';
import { usersPermissionsStore } from '../users-permissions/store';
import { getService } from '../utils/get-service';
import { keyId } from '../utils/ordered-ids';
import { pluginConfig } from '../utils/plugin-config';
import { trustedPageUrl } from '../utils/trusted-url';
import type { TokenState } from './tokens';
import type { UserRecord } from './users';
import { retryingTransaction } from '../utils/transient-conflict';

const REFUSAL_MESSAGES: Record<ResetRefusal, string> = {
  'no-email':
    'This user has no e-mail address, so no reset link can be sent. Set a password instead.',
  sso: 'This user signs in through single sign-on: their password is managed by the identity provider.',
  blocked: 'This user is blocked. Unblock the user before sending a password reset e-mail.',
};

/** The reset link flow: forgot-password (users-permissions' route), admin-triggered reset, the link itself. */
const passwordReset = ({ strapi }: { strapi: Core.Strapi }) => {
  const tokens = () => getService(strapi, 'tokens');
  const users = () => getService(strapi, 'users');

  const refusal = (user: UserRecord): ResetRefusal | null => {
    if (!user.email) return 'no-email';
    if (users().isSso(user)) return 'sso';
    if (user.blocked) return 'blocked';
    return null;
  };

  /**
   * The platform's own reset page: the plugin option, else users-permissions' "reset password
   * page" setting (which any admin with its settings permission may edit, unchecked). It is
   * used only when absolute, https (http on localhost) and on the origin of `platformUrl` or
   * `publicUrl`: otherwise an admin of another permission could send every reset link elsewhere.
   */
  const resetPage = async (): Promise<URL | null> => {
    const config = pluginConfig(strapi);
    const { email_reset_password: storedPage } = await usersPermissionsStore(strapi).advanced();
    const page = config.resetPasswordUrl ?? storedPage ?? null;
    if (!page) return null;
    const url = trustedPageUrl(page, [config.platformUrl, config.publicUrl]);
    if (!url) {
      strapi.log.warn(
        '[user-communication] ignoring the reset password page: it must be an absolute https URL on the origin of platformUrl or publicUrl'
      );
    }
    return url;
  };

  /**
   * The platform's page gets `?code=`, which stock Strapi front ends read; the built-in page
   * gets the token in the fragment, which browsers never send to a server.
   */
  const linkFor = (token: string, page: URL | null) => {
    if (page) {
      const url = new URL(page);
      url.searchParams.set('code', token);
      return url.toString();
    }
    const base = pluginConfig(strapi).publicUrl.replace(/\/$/, '');
    return `${base}/${PLUGIN_ID}/reset-password#token=${token}`;
  };

  const linkError = (state: TokenState) => {
    if (state === 'used')
      return new PasswordResetLinkUsed(
        'This reset link has already been used. Log in, or ask for a new link.'
      );
    if (state === 'expired')
      return new PasswordResetLinkExpired('This reset link has expired. Ask for a new one.');
    if (state === 'superseded')
      return new PasswordResetLinkExpired(
        'This reset link was replaced by a newer one. Use the latest e-mail, or ask for a new link.'
      );
    return new PasswordResetLinkInvalid(
      'This reset link is not valid. Ask for a new one with your e-mail address.'
    );
  };

  const resolveLink = async (token: unknown) => {
    const { state, record } = await tokens().inspect(token, 'password-reset');
    const user = record ? await users().findById(record.userId) : null;
    if (!record || !user || refusal(user)) throw linkError('invalid');
    if (state !== 'valid') throw linkError(state);
    return user;
  };

  /**
   * Issues a link (older ones stop working) and queues the e-mail, to the user as they are
   * under the lock: `user` may have been read before an address change or a block. Returns
   * why nothing was sent, if the user no longer qualifies.
   */
  const send = async (user: UserRecord): Promise<ResetRefusal | null> => {
    const { passwordReset: settings } = await getService(strapi, 'settings').get();
    const platformPage = await resetPage();
    // One transaction: a link whose message could not be queued must not stay live.
    return retryingTransaction(strapi, async () => {
      const current = await users().lockById(user.id);
      if (!current) return 'no-email';
      const reason = refusal(current);
      if (reason) return reason;
      const issued = await tokens().issue(current.id, 'password-reset', {
        minutes: settings.linkLifetimeMinutes,
      });
      await getService(strapi, 'mailer').queueForUser({
        type: 'password-reset',
        user: current,
        variables: {
          link: linkFor(issued.token, platformPage),
          expiresInMinutes: settings.linkLifetimeMinutes,
        },
        dedupeKey: `password-reset:${keyId(issued.id)}`,
        secret: issued.token,
      });
      return null;
    });
  };

  return {
    /**
     * POST /api/auth/forgot-password. Returns before looking anything up: the answer and its
     * timing are the same for every address. Unknown, blocked and SSO addresses get nothing.
     */
    request(email: string): void {
      getService(strapi, 'detached-work').run('password reset request', async () => {
        // Over the limit the request is dropped silently: the answer was the same 200 as always.
        if (!(await getService(strapi, 'rate-limits').allowAddress('password-reset', email))) {
          return;
        }
        const user = await users().findByEmail(email);
        if (!user || refusal(user)) return;
        await send(user);
      });
    },

    /** Admin "send a password reset e-mail": any user with an address, logged in before or not. */
    async requestByAdmin(user: UserRecord): Promise<ResetPasswordResult> {
      const reason = refusal(user) ?? (await send(user));
      if (reason) throw new errors.ApplicationError(REFUSAL_MESSAGES[reason], { reason });
      return { queued: true };
    },

    /** What the built-in page shows before the user types a password; opening a link never uses it. */
    async verify(token: unknown) {
      const user = await resolveLink(token);
      return { email: user.email };
    },

    /** POST /api/auth/reset-password: sets the password once per link, then the user's sessions end. */
    async complete(input: {
      code: string;
      password: string;
      passwordConfirmation: string;
    }): Promise<UserRecord> {
      const user = await resolveLink(input.code);
      await getService(strapi, 'passwords').check(input.password, input.passwordConfirmation);
      await retryingTransaction(strapi, async () => {
        const consumed = await tokens().consume(input.code, 'password-reset');
        if (consumed.state !== 'valid') throw linkError(consumed.state);
        await getService(strapi, 'passwords').apply(user, input.password, {
          mustChange: false,
          notify: true,
          provesMailbox: true,
        });
      });
      return user;
    },
  };
};

export type PasswordResetService = ReturnType<typeof passwordReset>;
export default passwordReset;
