/**
 * Exponential backoff with full jitter (AWS Architecture Blog, "Exponential Backoff and
 * Jitter"): spreads the retries of many messages that failed together, so a relay
 * coming back is not hit by all of them at the same second.
 */
export const backoffSeconds = (
  attempt: number,
  { baseSeconds, maxSeconds }: { baseSeconds: number; maxSeconds: number },
  random: () => number = Math.random
): number => {
  const ceiling = Math.min(maxSeconds, baseSeconds * 2 ** Math.max(0, attempt - 1));
  // Never retry sooner than half the ceiling: full jitter alone may retry at once.
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
};
