import type { Core } from '@strapi/strapi';
import { errorSummary } from '../utils/error-summary';
import { pause, withRetries } from '../utils/transient-conflict';

/** Upper bound of the random wait before detached work starts. */
const MAX_JITTER_MS = 200;

/**
 * Work that must not shape a public answer (does this address have an account?), run after the
 * answer has gone and after a random wait: the load it puts on the server then falls on
 * whichever requests happen to be in flight, not predictably on the next one, so neither the
 * answer's timing nor the timing of a follow-up probe tells known addresses from unknown ones.
 * The work in flight is tracked, so shutdown (and a test) can wait for it instead of guessing.
 */
const detachedWork = ({ strapi }: { strapi: Core.Strapi }) => {
  const inFlight = new Set<Promise<void>>();

  return {
    run(label: string, work: () => Promise<unknown>): void {
      const done: Promise<void> = pause(MAX_JITTER_MS)
        .then(() =>
          // Nobody is there to retry detached work: four password-reset requests at once
          // deadlocked on MariaDB's gap locks, losing a reset e-mail. Its transactions run again
          // on their own after a lost race (retryingTransaction); this runs the whole work again
          // after what they leave, a lock wait timeout above all. A request run again counts
          // against its address's limit again.
          withRetries(work, { jitterMs: MAX_JITTER_MS })
        )
        .then(
          () => undefined,
          (error: unknown) => {
            strapi.log.error(`[user-communication] ${label} failed: ${errorSummary(error)}`);
          }
        )
        .finally(() => inFlight.delete(done));
      inFlight.add(done);
    },

    /** Resolves once no detached work is left, including work started meanwhile. */
    async idle(): Promise<void> {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
  };
};

export type DetachedWorkService = ReturnType<typeof detachedWork>;
export default detachedWork;
