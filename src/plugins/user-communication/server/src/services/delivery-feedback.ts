import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import {
  WEBHOOK_EVENTS,
  type EmailStatus,
  type FeedbackKind,
  type FeedbackSource,
} from '../../../shared/contracts/delivery';
import { DELIVERY_EVENT_UID, MESSAGE_UID, USER_UID, type MessageStatus } from '../constants';
import { getService } from '../utils/get-service';
import { maskSecrets } from '../utils/mask-secrets';
import { pluginConfig } from '../utils/plugin-config';
import { retryingTransaction } from '../utils/transient-conflict';

export interface Feedback {
  source: FeedbackSource;
  /** The provider's own id of this event: with the source, what makes a replay a replay. */
  eventId: string;
  kind: FeedbackKind;
  /** The message's Message-ID header as the report names it, with or without angle brackets. */
  smtpMessageId: string;
  /** The address the report is about, when it names one. */
  recipient?: string | null;
  /** The diagnostic (SMTP reply, provider's reason); shown to admins, never to the user. */
  detail?: string | null;
  occurredAt?: Date;
}

export type FeedbackOutcome = 'recorded' | 'duplicate' | 'unknown-message';

interface MessageRef {
  id: number;
  type: string;
  userId: number | null;
  recipient: string;
  status: MessageStatus;
}

interface UserRef {
  id: number;
  email: string | null;
  emailStatus: EmailStatus | null;
  softBounceCount: number | null;
}

/** `<abc@host>`, `abc@host` and ` <abc@host> ` are one Message-ID. */
export const normalizeMessageId = (value: string): string =>
  value
    .trim()
    .replace(/^<+|>+$/g, '')
    .trim();

const DETAIL_LENGTH = 1000;

const LABELS: Record<FeedbackKind, string> = {
  'hard-bounce': 'Hard bounce',
  'soft-bounce': 'Soft bounce',
  complaint: 'Marked as spam',
  delivered: 'Delivered',
};

// A returned message's diagnostic may quote a link of ours: the message log shows it masked.
const reason = (kind: FeedbackKind, detail: string | null | undefined) => {
  const label = LABELS[kind];
  return detail ? `${label}: ${maskSecrets(detail)}`.slice(0, DETAIL_LENGTH) : label;
};

/**
 * What happens to a message after it is handed over, from every source alike (the SMTP
 * answer, provider webhooks, raw reports): the event is stored once, the message shows it, and
 * the user's `emailStatus` follows. A report about an address the user has since corrected
 * changes the message, not the user.
 */
const deliveryFeedback = ({ strapi }: { strapi: Core.Strapi }) => {
  const now = () => getService(strapi, 'clock').now();

  const findMessage = (smtpMessageId: string) =>
    strapi.db.query(MESSAGE_UID).findOne({
      where: { smtpMessageId: normalizeMessageId(smtpMessageId) },
      select: ['id', 'type', 'userId', 'recipient', 'status'],
    }) as Promise<MessageRef | null>;

  /** The user's status after this report; null: unchanged. */
  const nextUserState = (user: UserRef, kind: FeedbackKind) => {
    const current = user.emailStatus ?? 'ok';
    switch (kind) {
      case 'delivered':
        return (user.softBounceCount ?? 0) > 0 ? { softBounceCount: 0 } : null;
      case 'complaint':
        return current === 'complained' ? null : { emailStatus: 'complained' as const };
      case 'hard-bounce':
        return current === 'ok' ? { emailStatus: 'undeliverable' as const } : null;
      case 'soft-bounce': {
        const count = (user.softBounceCount ?? 0) + 1;
        const limit = pluginConfig(strapi).delivery.softBounceLimit;
        return current === 'ok' && count >= limit
          ? { softBounceCount: count, emailStatus: 'undeliverable' as const }
          : { softBounceCount: count };
      }
    }
  };

  const messageChange = (message: MessageRef, feedback: Feedback, at: Date) => {
    // Only a message that left us can bounce; one that never did (dead, cancelled) keeps its status.
    const reportable: MessageStatus[] = ['sent', 'bounced', 'complained'];
    if (!reportable.includes(message.status)) return null;
    switch (feedback.kind) {
      case 'delivered':
        return message.status === 'sent' ? { deliveredAt: at } : null;
      case 'complaint':
        return { status: 'complained', lastError: reason('complaint', feedback.detail) };
      default:
        return message.status === 'complained'
          ? null
          : { status: 'bounced', lastError: reason(feedback.kind, feedback.detail) };
    }
  };

  const lockMessage = async (id: number) => {
    const [message] = (await strapi.db
      .queryBuilder(MESSAGE_UID)
      .select(['id', 'type', 'userId', 'recipient', 'status'])
      .where({ id })
      .forUpdate()
      .execute()) as MessageRef[];
    return message ?? null;
  };

  /** The message's user, row held until the transaction ends; null for test mail or a deleted user. */
  const lockUser = async (message: MessageRef) => {
    if (message.userId === null) return null;
    const [user] = (await strapi.db
      .queryBuilder(USER_UID)
      .select(['id', 'email', 'emailStatus', 'softBounceCount'])
      .where({ id: message.userId })
      .forUpdate()
      .execute()) as UserRef[];
    return user ?? null;
  };

  const updateUser = async (user: UserRef, message: MessageRef, feedback: Feedback, at: Date) => {
    // The address was corrected since: the report is about a mailbox that is no longer theirs.
    if ((user.email ?? '').toLowerCase() !== message.recipient.toLowerCase()) return;
    const change = nextUserState(user, feedback.kind);
    if (!change) return;
    const data: Record<string, unknown> = { ...change };
    if ('emailStatus' in change) {
      data.emailStatusReason = reason(feedback.kind, feedback.detail).slice(0, 255);
      data.emailStatusChangedAt = at;
    }
    await getService(strapi, 'user-state').trusted(() =>
      strapi.db.query(USER_UID).update({ where: { id: user.id }, data })
    );
    // The reminders still waiting go the way of the ones to come (account mail still goes out).
    if ('emailStatus' in change) {
      await getService(strapi, 'outbox').cancelForUser(
        user.id,
        `Not sent: ${data.emailStatusReason as string}`,
        ['no-login-reminder']
      );
    }
  };

  return {
    normalizeMessageId,

    /** The fields a corrected address writes: bounces and complaints of the old one no longer apply. */
    addressChangedFields() {
      return {
        emailStatus: 'ok',
        emailStatusReason: null,
        emailStatusChangedAt: now().toJSDate(),
        softBounceCount: 0,
      };
    },

    /** Records one report; joins the caller's transaction. */
    async record(feedback: Feedback): Promise<FeedbackOutcome> {
      const message = await findMessage(feedback.smtpMessageId);
      if (!message) {
        strapi.log.info(
          `[user-communication] ${feedback.source} ${feedback.kind} report for an unknown message (${normalizeMessageId(feedback.smtpMessageId).slice(0, 200)}): ignored`
        );
        return 'unknown-message';
      }
      // Hashed: an id with several long addresses in it must not be cut into another's key.
      const eventKey = `${feedback.source}:${crypto.createHash('sha256').update(feedback.eventId).digest('hex')}`;
      const at = feedback.occurredAt ?? now().toJSDate();
      return retryingTransaction(strapi, async () => {
        // The user's row first, as every path that writes a user's mail state does (tokens.lockUsers),
        // then the message's, read again under it: two reports about one message (a replay, a
        // bounce and a complaint at once) run one after the other, and the second sees the first.
        const user = await lockUser(message);
        const locked = await lockMessage(message.id);
        if (!locked) return 'unknown-message';
        const seen = await strapi.db
          .query(DELIVERY_EVENT_UID)
          .findOne({ where: { eventKey }, select: ['id'] });
        if (seen) return 'duplicate';
        await strapi.db.query(DELIVERY_EVENT_UID).create({
          data: {
            eventKey,
            source: feedback.source,
            kind: feedback.kind,
            messageId: message.id,
            userId: message.userId,
            recipient: feedback.recipient ?? message.recipient,
            detail: feedback.detail ? maskSecrets(feedback.detail).slice(0, DETAIL_LENGTH) : null,
            occurredAt: at,
          },
        });
        const change = messageChange(locked, feedback, at);
        if (change) {
          await strapi.db.query(MESSAGE_UID).update({
            where: { id: message.id },
            data: { ...change, updatedAt: now().toJSDate() },
          });
        }
        if (user) await updateUser(user, message, feedback, at);
        if (feedback.kind !== 'delivered') {
          await getService(strapi, 'events').messages(
            WEBHOOK_EVENTS.MESSAGE_BOUNCED,
            [message],
            change?.status ?? message.status,
            feedback.kind
          );
        }
        return 'recorded';
      });
    },
  };
};

export type DeliveryFeedbackService = ReturnType<typeof deliveryFeedback>;
export default deliveryFeedback;
