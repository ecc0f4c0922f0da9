import type { Core } from '@strapi/strapi';
import { USER_UID } from '../constants';
import { WEBHOOK_EVENTS, type WebhookEvent } from '../../../shared/contracts/delivery';
import { errorSummary } from '../utils/error-summary';
import { getService } from '../utils/get-service';

/** What a webhook receives besides Strapi's own `event` and `createdAt`: ids, types and times only. */
export type EventPayload =
  | {
      message: { id: number; type: string; userId: number | null; status: string; at: string };
      kind?: string;
    }
  | { user: { id: number; documentId: string | null }; at: string; [detail: string]: unknown };

/**
 * The plugin's events, the Strapi way: registered with the webhook store at boot, so an admin
 * subscribes to them in Settings → Webhooks, and emitted on the event hub, whose webhook runner
 * calls the subscribers. An event raised inside a transaction goes out when it commits: a
 * webhook must not announce what was rolled back.
 */
const events = ({ strapi }: { strapi: Core.Strapi }) => {
  const documentIds = async (ids: number[]) => {
    const rows = (await strapi.db.query(USER_UID).findMany({
      where: { id: { $in: ids } },
      select: ['id', 'documentId'],
    })) as Array<{ id: number; documentId: string }>;
    return new Map(rows.map((row) => [row.id, row.documentId]));
  };

  const emitNow = (event: WebhookEvent, payloads: EventPayload[]) => {
    for (const payload of payloads) {
      strapi.eventHub
        .emit(event, payload)
        .catch((error: unknown) =>
          strapi.log.error(`[user-communication] event ${event}: ${errorSummary(error)}`)
        );
    }
  };

  // Awaited, so that the commit hook is in place before the caller's transaction can commit.
  const emit = async (event: WebhookEvent, payloads: EventPayload[]) => {
    if (payloads.length === 0) return;
    if (strapi.db.inTransaction()) {
      await strapi.db.transaction(async ({ onCommit }) => onCommit(() => emitNow(event, payloads)));
    } else {
      emitNow(event, payloads);
    }
  };

  return {
    register(): void {
      const store = strapi.get('webhookStore');
      for (const [key, value] of Object.entries(WEBHOOK_EVENTS)) {
        store.addAllowedEvent(`USER_COMMUNICATION_${key}`, value);
      }
    },

    /** Message events: the outbox row's id, type, user and new status (and a report's kind). */
    async messages(
      event: WebhookEvent,
      messages: Array<{ id: number; type: string; userId: number | null }>,
      status: string,
      kind?: string
    ): Promise<void> {
      const at = getService(strapi, 'clock').now().toISO() as string;
      await emit(
        event,
        messages.map((message) => ({
          message: { id: message.id, type: message.type, userId: message.userId, status, at },
          ...(kind ? { kind } : {}),
        }))
      );
    },

    /** User events: the user's id and documentId (the Content Manager's key), plus ids or types in `detail`. */
    async users(
      event: WebhookEvent,
      users: Array<{ id: number; detail?: Record<string, unknown> }>
    ): Promise<void> {
      if (users.length === 0) return;
      const at = getService(strapi, 'clock').now().toISO() as string;
      const known = await documentIds(users.map((user) => user.id));
      await emit(
        event,
        users.map((user) => ({
          user: { id: user.id, documentId: known.get(user.id) ?? null },
          at,
          ...user.detail,
        }))
      );
    },
  };
};

export type EventsService = ReturnType<typeof events>;
export default events;
