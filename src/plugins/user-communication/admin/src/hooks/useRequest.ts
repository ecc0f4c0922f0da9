import * as React from 'react';
import type { ApiError } from '../api/errors';

/** Often enough that an outcome shows up by itself, seldom enough for a page left open all day. */
const DEFAULT_POLL_MS = 1500;

export interface RequestState<T> {
  /** The last answer; kept on screen while the next load runs and when it fails. */
  data: T | null;
  /** Why the last load failed, as the server said it; cleared by the next answer. */
  error: string | null;
  isLoading: boolean;
}

export interface RequestResult<T> extends RequestState<T> {
  /** Loads again, keeping the data on screen until the answer comes. */
  refresh: () => void;
  /** Puts another request's answer (a save) in place of the data, without loading. */
  setData: (update: (current: T | null) => T | null) => void;
}

/** Must give up when `signal` aborts: a newer load replaced this one, or the page closed. */
export type Load<T> = (signal: AbortSignal) => Promise<T>;

export interface RequestOptions<T> {
  /** What the load depends on (filters, an id): a different value, compared as JSON, loads again. */
  key?: unknown;
  /** While this says the data is still moving (a message on its way), loads again every `pollMs`. */
  pollWhile?: (data: T) => boolean;
  pollMs?: number;
}

/**
 * The admin's one way to load data: loads when mounted, again when `key` changes or on
 * `refresh()`, and drops the answer of a load that a newer one replaced. With `load` null
 * nothing is loaded (nothing is open) and the last state stays as it was.
 */
export const useRequest = <T>(
  load: Load<T> | null,
  { key, pollWhile, pollMs = DEFAULT_POLL_MS }: RequestOptions<T> = {}
): RequestResult<T> => {
  const [state, setState] = React.useState<RequestState<T>>({
    data: null,
    error: null,
    isLoading: load !== null,
  });
  // Bumped by refresh() and by each poll.
  const [round, setRound] = React.useState(0);
  // `load` is a new closure on every render; only `key`, `round` and whether there is one should load again.
  const latestLoad = React.useRef(load);
  React.useLayoutEffect(() => {
    latestLoad.current = load;
  });
  const enabled = load !== null;
  const keyJson = JSON.stringify(key ?? null);

  React.useEffect(() => {
    const current = latestLoad.current;
    if (!current) return undefined;
    const controller = new AbortController();
    setState((previous) => ({ ...previous, isLoading: true }));
    current(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ data, error: null, isLoading: false });
      },
      (error: ApiError) => {
        if (controller.signal.aborted || error.aborted) return;
        setState((previous) => ({ ...previous, error: error.message, isLoading: false }));
      }
    );
    return () => controller.abort();
  }, [keyJson, round, enabled]);

  const { data } = state;
  const moving = enabled && data !== null && pollWhile !== undefined && pollWhile(data);
  // Each new answer arms the next poll, so a failed one ends the polling until the next load.
  React.useEffect(() => {
    if (!moving) return undefined;
    const timer = setTimeout(() => setRound((count) => count + 1), pollMs);
    return () => clearTimeout(timer);
  }, [moving, data, pollMs]);

  const refresh = React.useCallback(() => setRound((count) => count + 1), []);
  const setData = React.useCallback(
    (update: (current: T | null) => T | null) =>
      setState((previous) => ({ ...previous, data: update(previous.data) })),
    []
  );

  return { ...state, refresh, setData };
};
