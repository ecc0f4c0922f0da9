import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';

/** Upper bound of the random wait before detached work starts. */
const MAX_JITTER_MS = 200;

/**
 * Runs work that must not shape a public answer (does this address have an account?) after
 * the answer has gone, and after a random wait: the load it puts on the server then falls on
 * whichever requests happen to be in flight, not predictably on the next one, so neither the
 * answer's timing nor the timing of a follow-up probe tells known addresses from unknown ones.
 */
export const runDetached = (
  strapi: Core.Strapi,
  label: string,
  work: () => Promise<unknown>
): void => {
  setTimeout(
    () => {
      // The name and code only: a database error's message may quote what it was writing.
      work().catch((error: Error & { code?: unknown }) =>
        strapi.log.error(
          `[user-communication] ${label} failed: ${error.name}${error.code ? ` (${String(error.code)})` : ''}`
        )
      );
    },
    crypto.randomInt(MAX_JITTER_MS + 1)
  );
};
