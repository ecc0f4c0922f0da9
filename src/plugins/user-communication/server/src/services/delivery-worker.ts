import { AsyncResource } from 'node:async_hooks';
import type { Core } from '@strapi/strapi';
import { backoffSeconds } from '../utils/backoff';
import { WEBHOOK_EVENTS } from '../../../shared/contracts/delivery';
import {
  classifySendError,
  describeSendError,
  isRecipientRejection,
} from '../utils/classify-send-error';
import { getService } from '../utils/get-service';
import { open, revealToken } from '../utils/link-secrets';
import { linkKey, pluginConfig } from '../utils/plugin-config';
import type { MessageBodiesService, RenderedBodies } from './message-bodies';
import type { BatchHeaders } from './message-headers';
import type { Delivery, MessageRow } from './outbox';
import { errorSummary } from '../utils/error-summary';
import { retryingTransaction } from '../utils/transient-conflict';

interface SendInfo {
  response?: string;
}

/**
 * Delivers the outbox, one loop per Strapi instance. It holds no database transaction
 * or lock while talking to SMTP; a claim is a lease, so a crash mid-send only delays a
 * message until another worker takes it over.
 */
const deliveryWorker = ({ strapi }: { strapi: Core.Strapi }) => {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<number> | null = null;
  let rerun = false;
  let stopped = true;
  // Set by stop(): finish the batch in flight, claim no more.
  let stopping = false;

  const outbox = () => getService(strapi, 'outbox');
  const clock = () => getService(strapi, 'clock');
  const config = () => pluginConfig(strapi).delivery;

  type Outcome =
    | { message: MessageRow; response: string | null; rendered: RenderedBodies | null }
    | { message: MessageRow; error: unknown };

  type BodyRenderer = ReturnType<MessageBodiesService['forBatch']>;

  /** The bodies as the recipient gets them: a hidden link token back in its slot. */
  const deliverable = ({ text, html, sealedToken, tokenSlot }: RenderedBodies & MessageRow) => {
    if (!sealedToken || !tokenSlot) return { text, html };
    const token = open(linkKey(strapi), sealedToken);
    if (token === null) {
      throw Object.assign(
        new Error(
          'The link in this message cannot be unsealed (was linkSecretKey changed?). Send a new link.'
        ),
        { code: 'ELINKSEAL' }
      );
    }
    return { text: revealToken(text, tokenSlot, token), html: revealToken(html, tokenSlot, token) };
  };

  const send = async (
    message: MessageRow,
    batch: BatchHeaders,
    renderBodies: BodyRenderer
  ): Promise<Outcome> => {
    try {
      const rendered = await renderBodies(message, batch.unsubscribeLinkOf(message));
      const bodies = rendered ?? {
        subject: message.subject,
        text: message.text ?? '',
        html: message.html ?? '',
      };
      const info = (await strapi
        .plugin('email')
        .service('email')
        .send({
          to: message.recipient,
          subject: bodies.subject,
          ...(message.smtpMessageId ? { messageId: `<${message.smtpMessageId}>` } : {}),
          headers: batch.headersOf(message),
          ...deliverable({ ...message, ...bodies }),
        })) as SendInfo | undefined;
      return { message, response: info?.response ?? null, rendered };
    } catch (error) {
      return { message, error };
    }
  };

  const retryTime = (message: MessageRow, error: unknown): Date | null => {
    const { maxAttempts, backoffBaseSeconds, backoffMaxSeconds } = config();
    if (classifySendError(error) !== 'temporary' || message.attempts >= maxAttempts) return null;
    const delay = backoffSeconds(message.attempts, {
      baseSeconds: backoffBaseSeconds,
      maxSeconds: backoffMaxSeconds,
    });
    return clock().now().plus({ seconds: delay }).toJSDate();
  };

  const record = async (claimToken: string, outcomes: Outcome[]) => {
    const responses = await recordOutcomes(claimToken, outcomes);
    // Logged once recorded: the transaction may run more than once.
    for (const outcome of outcomes) {
      if (!('error' in outcome)) continue;
      strapi.log.warn(
        `[user-communication] message ${outcome.message.id} (${outcome.message.type}) not delivered: ${describeSendError(outcome.error)}`
      );
    }
    try {
      await outbox().keepRendered(responses);
    } catch (error) {
      // Sent and recorded: only the log's copy is missing (it then shows the message as it would be sent now).
      strapi.log.warn(
        `[user-communication] the bodies of ${responses.length} sent message(s) were not kept for the log: ${errorSummary(error)}`
      );
    }
  };

  const reminders = (messages: MessageRow[]) =>
    messages.filter(
      (message): message is MessageRow & { userId: number } =>
        message.type === 'no-login-reminder' && message.userId !== null
    );

  // One transaction for a batch's outcomes: one commit (one fsync), and all deliveries in one UPDATE.
  const recordOutcomes = (claimToken: string, outcomes: Outcome[]) =>
    retryingTransaction(strapi, async () => {
      // Users first, then messages: the order delivery-feedback locks them in.
      const sent = outcomes.flatMap((outcome) => ('error' in outcome ? [] : [outcome.message]));
      await getService(strapi, 'reminders').recordSent(
        reminders(sent).map((message) => message.userId)
      );
      const delivered: MessageRow[] = [];
      const dead: MessageRow[] = [];
      const responses: Delivery[] = [];
      for (const outcome of outcomes) {
        if ('error' in outcome) {
          const description = describeSendError(outcome.error);
          const retryAt = retryTime(outcome.message, outcome.error);
          await outbox().markFailed(outcome.message, description, retryAt);
          if (!retryAt) dead.push(outcome.message);
        } else {
          delivered.push(outcome.message);
          responses.push({
            id: outcome.message.id,
            response: outcome.response,
            ...(outcome.rendered ? { rendered: outcome.rendered } : {}),
          });
        }
      }
      await outbox().markSent(claimToken, responses);
      await announce(delivered, dead);
      return responses;
    });

  const announce = async (delivered: MessageRow[], dead: MessageRow[]) => {
    const events = getService(strapi, 'events');
    await events.messages(WEBHOOK_EVENTS.MESSAGE_SENT, delivered, 'sent');
    await events.messages(WEBHOOK_EVENTS.MESSAGE_DEAD, dead, 'dead');
    // A reminder counts as given when it leaves, paced by delivery, not all at once when the day's run queues it.
    await events.users(
      WEBHOOK_EVENTS.USER_REMINDED,
      reminders(delivered).map((message) => ({
        id: message.userId,
        detail: { messageId: message.id },
      }))
    );
  };

  /**
   * An SMTP 5xx to RCPT TO is the receiving server refusing the address itself: a hard bounce
   * known at once. (A 5xx to MAIL FROM or DATA is about the sender or the content, not the user.)
   */
  const recordRejections = async (outcomes: Outcome[]) => {
    for (const outcome of outcomes) {
      if (!('error' in outcome) || !isRecipientRejection(outcome.error)) continue;
      const { message } = outcome;
      if (!message.smtpMessageId) continue;
      await getService(strapi, 'delivery-feedback').record({
        source: 'smtp',
        eventId: `${message.id}:${message.attempts}`,
        kind: 'hard-bounce',
        smtpMessageId: message.smtpMessageId,
        recipient: message.recipient,
        detail: describeSendError(outcome.error),
      });
    }
  };

  /** One lane: claim a batch, send it, record the outcomes; until nothing is due. */
  const lane = async (): Promise<number> => {
    let attempted = 0;
    for (;;) {
      const batch = await outbox().claim(config().batchSize);
      if (batch.length === 0) return attempted;
      const headers = await getService(strapi, 'message-headers').forBatch(batch);
      const renderBodies = getService(strapi, 'message-bodies').forBatch();
      const outcomes = await Promise.all(
        batch.map((message) => send(message, headers, renderBodies))
      );
      // Before the outcomes: should the process die in between, the claim runs out, the message
      // is sent again, refused again, and the user is marked then (a report per attempt).
      await recordRejections(outcomes);
      await record(batch[0].claimToken as string, outcomes);
      attempted += batch.length;
      if (stopping) return attempted;
    }
  };

  // Several lanes overlap one batch's database writes with another's SMTP dialogue.
  const runBatches = async (): Promise<number> => {
    const counts = await Promise.all(Array.from({ length: config().lanes }, lane));
    return counts.reduce((sum, count) => sum + count, 0);
  };

  const tick = async (): Promise<number> => {
    if (running) {
      rerun = true;
      return running;
    }
    running = (async () => {
      let total = 0;
      do {
        rerun = false;
        total += await runBatches();
      } while (rerun);
      return total;
    })().finally(() => {
      running = null;
    });
    return running;
  };

  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      timer = null;
      tick()
        .catch((error: unknown) =>
          strapi.log.error(`[user-communication] delivery worker: ${errorSummary(error)}`)
        )
        .finally(schedule);
    }, config().pollIntervalMs);
    timer.unref();
  };

  // The worker's own async context: a tick started from a request or a transaction must not run
  // its queries on that transaction (it may have committed by the time they run).
  const root = new AsyncResource('user-communication.delivery-worker');

  const kickNow = () =>
    setImmediate(() =>
      root.runInAsyncScope(() => {
        if (stopped) return;
        tick().catch((error: unknown) =>
          strapi.log.error(`[user-communication] delivery worker: ${errorSummary(error)}`)
        );
      })
    );

  return {
    start(): void {
      if (!stopped || !config().workerEnabled) return;
      stopped = false;
      stopping = false;
      schedule();
    },

    /** Stops polling and waits for the batch in flight, so shutdown does not strand claims. */
    async stop(): Promise<void> {
      stopped = true;
      stopping = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await running?.catch(() => undefined);
      stopping = false;
    },

    /** Delivers what is due now instead of at the next poll (after an enqueue, in tests, "run now"). */
    tick,

    kick(): void {
      if (stopped) return;
      // Queued inside a transaction: the messages exist for other connections once it commits.
      if (strapi.db.inTransaction()) {
        void strapi.db.transaction(async ({ onCommit }) => onCommit(kickNow));
      } else {
        kickNow();
      }
    },
  };
};

export type DeliveryWorkerService = ReturnType<typeof deliveryWorker>;
export default deliveryWorker;
