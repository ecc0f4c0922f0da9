import type { Core } from '@strapi/strapi';
import {
  resendRefusal,
  type ResendAnswer,
  type ResendResult,
} from '../../../shared/contracts/users';
import { PLUGIN_ID, USER_UID, type Origin } from '../constants';
import { ActivationLinkExpired, ActivationLinkInvalid, ActivationLinkUsed } from '../errors';
import { usersPermissionsUsers } from '../users-permissions/user-service';
import { getService } from '../utils/get-service';
import { formatInstant } from '../utils/format-instant';
import { pluginConfig } from '../utils/plugin-config';
import { runDetached } from '../utils/run-detached';
import type { TokenState } from './tokens';
import type { UserRecord } from './users';

/** Origins whose users get an activation e-mail on creation (Excel imports get theirs by resend; SSO users need none). */
const ORIGINS_WITH_ACTIVATION_EMAIL: Origin[] = ['manual', 'integration', 'self-registration'];

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

  const linkError = (state: TokenState, email: string | null | undefined) => {
    if (state === 'used')
      return new ActivationLinkUsed('This activation link has already been used. You can log in.');
    if (state === 'expired' || state === 'superseded') {
      const message =
        state === 'expired'
          ? 'This activation link has expired.'
          : 'This activation link was replaced by a newer one.';
      // The link proves its holder received mail at this address, so the page may offer a renewal for it.
      return new ActivationLinkExpired(`${message} Ask for a new one.`, { email });
    }
    return new ActivationLinkInvalid(
      'This activation link is not valid. Ask for a new one with your e-mail address.'
    );
  };

  /** The user behind a presented link, or the error that explains why the link does not work. */
  const resolveLink = async (token: unknown) => {
    const { state, record } = await tokens().inspect(token, 'activation');
    const user = record ? await users().findById(record.userId) : null;
    if (!record || !user || user.blocked) throw linkError('invalid', null);
    if (state !== 'valid') throw linkError(state, user.email);
    return { record, user };
  };

  /** Issues a new link (older ones stop working) and queues the e-mail. */
  const send = async (user: UserRecord) => {
    const { activation: settings } = await getService(strapi, 'settings').get();
    // One transaction: a link whose message could not be queued must not stay live.
    return strapi.db.transaction(async () => {
      const issued = await tokens().issue(user.id, 'activation', {
        days: settings.linkLifetimeDays,
      });
      return getService(strapi, 'mailer').queueForUser({
        type: 'activation',
        user,
        variables: {
          link: linkFor(issued.token),
          expiresInDays: settings.linkLifetimeDays,
          expiresAt: formatInstant(issued.expiresAt.toISO() as string),
        },
        dedupeKey: `activation:${issued.id}`,
        secret: issued.token,
      });
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
        !ORIGINS_WITH_ACTIVATION_EMAIL.includes(user.origin)
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

    async complete(input: { token: unknown; password?: string; passwordConfirmation?: string }) {
      const { user } = await resolveLink(input.token);
      const settingPassword = !user.password || input.password !== undefined;
      if (settingPassword)
        await getService(strapi, 'passwords').check(input.password, input.passwordConfirmation);

      await strapi.db.transaction(async () => {
        // Decided by the conditional UPDATE alone: a re-read here could see the transaction's
        // own snapshot (MySQL's repeatable read) and let a second redemption through.
        const consumed = await tokens().consume(input.token, 'activation');
        if (consumed.state !== 'valid') throw linkError(consumed.state, user.email);
        if (settingPassword) {
          // A password set through the link has the consequences of any other change (sessions
          // end, open links stop working); it also confirms the account.
          await getService(strapi, 'passwords').apply(user, input.password as string, {
            mustChange: false,
            notify: false,
            provesMailbox: true,
          });
        } else {
          await usersPermissionsUsers(strapi).edit(user.id, { confirmed: true });
        }
        const activatedAt = getService(strapi, 'clock').now().toJSDate();
        await getService(strapi, 'user-state').trusted(() =>
          strapi.db.query(USER_UID).update({ where: { id: user.id }, data: { activatedAt } })
        );
      });
      return { activated: true };
    },

    /**
     * "Send me a new link". Answers the same whatever the address, and does the lookup after
     * answering, so neither the body nor the timing says whether an account exists.
     */
    renew(email: string) {
      runDetached(strapi, 'activation renewal', async () => {
        const allowed = await getService(strapi, 'rate-limits').hit({
          key: `activation-renew:address:${email.toLowerCase()}`,
          ...pluginConfig(strapi).rateLimits.perAddress,
        });
        if (!allowed) return;
        const user = await users().findByEmail(email);
        if (resendRefusal(user) !== null || !user) return;
        await send(user);
      });
    },

    /** Admin resend: only users who have never logged in (and are neither blocked nor SSO) get a new link. */
    async resend(documentIds: string[]): Promise<ResendAnswer> {
      const found = await users().findByDocumentIds(documentIds);
      const byDocumentId = new Map(found.map((user) => [user.documentId, user]));
      const results: ResendResult[] = [];
      for (const documentId of documentIds) {
        const user = byDocumentId.get(documentId) ?? null;
        const reason = resendRefusal(user);
        if (reason || !user) {
          results.push({ id: documentId, status: 'skipped', reason: reason ?? 'not-found' });
          continue;
        }
        await send(user);
        results.push({ id: documentId, status: 'queued' });
      }
      return { results };
    },
  };
};

export type ActivationService = ReturnType<typeof activation>;
export default activation;
