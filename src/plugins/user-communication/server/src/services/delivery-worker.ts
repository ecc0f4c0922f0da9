import type { Core } from '@strapi/strapi';
import { backoffSeconds } from '../utils/backoff';
import { classifySendError, describeSendError } from '../utils/classify-send-error';
import { getService } from '../utils/get-service';
import { pluginConfig } from '../utils/plugin-config';
import type { MessageRow } from './outbox';

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

  const deliver = async (message: MessageRow): Promise<void> => {
    try {
      const info = (await strapi.plugin('email').service('email').send({
        to: message.recipient,
        subject: message.subject,
        text: message.text,
        html: message.html,
      })) as SendInfo | undefined;
      await outbox().markSent(message, info?.response ?? null);
    } catch (error) {
      const { maxAttempts, backoffBaseSeconds, backoffMaxSeconds } = config();
      const retry = classifySendError(error) === 'temporary' && message.attempts < maxAttempts;
      const retryAt = retry
        ? clock()
            .now()
            .plus({ seconds: backoffSeconds(message.attempts, { baseSeconds: backoffBaseSeconds, maxSeconds: backoffMaxSeconds }) })
            .toJSDate()
        : null;
      const description = describeSendError(error);
      strapi.log.warn(`[user-communication] message ${message.id} (${message.type}) not delivered: ${description}`);
      await outbox().markFailed(message, description, retryAt);
    }
  };

  /** Claims and sends batches until nothing is due; returns how many were attempted. */
  const runBatches = async (): Promise<number> => {
    let attempted = 0;
    for (;;) {
      const batch = await outbox().claim(config().batchSize);
      if (batch.length === 0) return attempted;
      await Promise.all(batch.map(deliver));
      attempted += batch.length;
      if (stopping) return attempted;
    }
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
        .catch((error: Error) => strapi.log.error(`[user-communication] delivery worker: ${error.message}`))
        .finally(schedule);
    }, config().pollIntervalMs);
    timer.unref();
  };

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
    },

    /** Delivers what is due now instead of at the next poll (after an enqueue, in tests, "run now"). */
    tick,

    kick(): void {
      if (stopped) return;
      setImmediate(() => {
        tick().catch((error: Error) => strapi.log.error(`[user-communication] delivery worker: ${error.message}`));
      });
    },
  };
};

export type DeliveryWorkerService = ReturnType<typeof deliveryWorker>;
export default deliveryWorker;
