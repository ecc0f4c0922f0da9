import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { errorSummary } from '../utils/error-summary';
import { isTransientConflict } from '../utils/transient-conflict';

/** Upper bound of the random wait before detached work starts. */
const MAX_JITTER_MS = 200;
/** Runs of one piece of work that lost a race in the database (deadlock, serialization) before it is given up. */
const MAX_RUNS = 4;

const pause = (maxMs: number) =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, crypto.randomInt(maxMs + 1));
  });

/**
 * The work, run again after a short random wait when the database rolled it back for losing a
 * race: nobody is there to retry detached work, and four password-reset requests at once
 * deadlocked on MariaDB's gap locks, losing a reset e-mail. A run repeats what an earlier run
 * of the work committed before it lost: detached work must tolerate that (a reset request counts
 * against its address's limit twice, at worst).
 */
const withRetries = async (work: () => Promise<unknown>): Promise<void> => {
  for (let run = 1; ; run += 1) {
    try {
      await work();
      return;
    } catch (error) {
      if (run >= MAX_RUNS || !isTransientConflict(error)) throw error;
      await pause(MAX_JITTER_MS * run);
    }
  }
};

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
        .then(() => withRetries(work))
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
