import type { Core } from '@strapi/strapi';
import { WEBHOOK_EVENTS } from '../../../shared/contracts/delivery';
import { PLUGIN_ID, USER_UID } from '../constants';
import { UnsubscribeLinkInvalid } from '../errors';
import { getService } from '../utils/get-service';
import { linkKey, pluginConfig } from '../utils/plugin-config';
import {
  readUnsubscribe,
  signUnsubscribe,
  unsubscribeKeyFrom,
  type UnsubscribeKey,
} from '../utils/unsubscribe-link';
import { retryingTransaction } from '../utils/transient-conflict';

/** Where a valid link's user stands: still reminded, or not (any more). */
export type ReminderSubscription = 'subscribed' | 'unsubscribed';

interface Holder {
  id: number;
  email: string | null;
  reminderOptOut: boolean | null;
}

/**
 * Refusing no-login reminders (RFC 8058 one-click, or the confirm page), without logging in:
 * the link is the user's authority. Account mail (activation, reset, password changed) carries
 * no such link and cannot be refused. Every wrong link gets the same answer, whether it was
 * forged, made with another key, or names a deleted user or an address since changed: the
 * answer tells nobody whether an account exists.
 */
const unsubscribe = ({ strapi }: { strapi: Core.Strapi }) => {
  let key: UnsubscribeKey | null = null;
  const unsubscribeKey = () => (key ??= unsubscribeKeyFrom(linkKey(strapi)));

  const invalid = () =>
    new UnsubscribeLinkInvalid(
      'This unsubscribe link is not valid. Use the link in your latest reminder, or ask your administrator.'
    );

  /** The link's user, read (and, in a transaction, locked) by the documentId it names. */
  const holderOf = async (token: string, lock: boolean): Promise<Holder> => {
    const claim = readUnsubscribe(unsubscribeKey(), token);
    if (!claim) throw invalid();
    const query = strapi.db
      .queryBuilder(USER_UID)
      .select(['id', 'email', 'reminderOptOut'])
      .where({ documentId: claim.documentId });
    const [user] = (await (lock ? query.forUpdate() : query).execute()) as Holder[];
    if (!user?.email || !claim.madeFor(user.email)) throw invalid();
    return user;
  };

  /** The link for a reminder to this user at this address (header and template alike). */
  const linkFor = (user: { documentId: string; email: string }): string => {
    const prefix = (strapi.config.get('api.rest.prefix') as string | undefined) ?? '/api';
    const base = pluginConfig(strapi).publicUrl.replace(/\/$/, '');
    return `${base}${prefix}/${PLUGIN_ID}/unsubscribe/${signUnsubscribe(unsubscribeKey(), user)}`;
  };

  return {
    linkFor,

    /**
     * The links of a batch's reminders, each for its user at the address it goes to, by message
     * id: one query per batch, not per message (a morning's run queues half a million). A user
     * deleted since gets none.
     */
    async linksForMessages(
      messages: Array<{ id: number; userId: number | null; recipient: string }>
    ): Promise<Map<number, string>> {
      const userIds = [
        ...new Set(
          messages.flatMap((message) => (message.userId === null ? [] : [message.userId]))
        ),
      ];
      if (userIds.length === 0) return new Map();
      const users = (await strapi.db.query(USER_UID).findMany({
        where: { id: { $in: userIds } },
        select: ['id', 'documentId'],
      })) as Array<{ id: number; documentId: string }>;
      const documentIds = new Map(users.map((user) => [user.id, user.documentId]));
      const links = new Map<number, string>();
      for (const message of messages) {
        const documentId = message.userId === null ? undefined : documentIds.get(message.userId);
        if (documentId) links.set(message.id, linkFor({ documentId, email: message.recipient }));
      }
      return links;
    },

    /** For the confirm page (GET): reads only. */
    async subscription(token: string): Promise<ReminderSubscription> {
      const user = await holderOf(token, false);
      return user.reminderOptOut ? 'unsubscribed' : 'subscribed';
    },

    /**
     * Sets the opt-out; true when this call did (a second POST, from the user or a mailbox
     * provider, changes nothing and announces nothing). The row is held from its read, so two
     * concurrent POSTs opt out, and emit `user.unsubscribed`, once.
     */
    async optOut(token: string): Promise<boolean> {
      return retryingTransaction(strapi, async () => {
        const user = await holderOf(token, true);
        if (user.reminderOptOut) return false;
        const at = getService(strapi, 'clock').now().toJSDate();
        await getService(strapi, 'user-state').trusted(() =>
          strapi.db.query(USER_UID).update({
            where: { id: user.id },
            data: { reminderOptOut: true, reminderOptOutAt: at },
          })
        );
        // A reminder still waiting (a rate cap, a retry) must not arrive after the refusal.
        await getService(strapi, 'outbox').cancelForUser(
          user.id,
          'The user unsubscribed from no-login reminders',
          ['no-login-reminder']
        );
        await getService(strapi, 'events').users(WEBHOOK_EVENTS.USER_UNSUBSCRIBED, [
          { id: user.id },
        ]);
        return true;
      });
    },
  };
};

export type UnsubscribeService = ReturnType<typeof unsubscribe>;
export default unsubscribe;
