import * as React from 'react';
import type { ApiError } from '../../api/errors';
import type {
  MessageDetail,
  MessageFilters,
  MessagePage,
  MessageSummary,
} from '../../../../shared/contracts/messages';
import { useMessagesApi } from '../../api/messages';

/** While a shown message is on its way, look again this often so its outcome appears by itself. */
const POLL_MS = 1500;

export interface RequestState<T> {
  data: T | null;
  error: string | null;
  isLoading: boolean;
}

const isInFlight = (message: Pick<MessageSummary, 'status'>) =>
  message.status === 'queued' || message.status === 'sending';

/**
 * Loads whenever `key` changes (callers put a refresh counter in it), keeping the previous
 * data on screen meanwhile, and polls while `inFlight(data)` says something is still moving.
 */
const useRefreshingRequest = <T>(
  load: (() => Promise<T>) | null,
  key: string,
  inFlight: (data: T) => boolean
): RequestState<T> => {
  const [state, setState] = React.useState<RequestState<T>>({
    data: null,
    error: null,
    isLoading: load !== null,
  });
  const [poll, setPoll] = React.useState(0);
  const loadRef = React.useRef(load);
  loadRef.current = load;
  const enabled = load !== null;

  React.useEffect(() => {
    const current = loadRef.current;
    if (!current) return undefined;
    let active = true;
    setState((previous) => ({ ...previous, isLoading: true }));
    current().then(
      (data) => active && setState({ data, error: null, isLoading: false }),
      (error: ApiError) =>
        active &&
        !error.aborted &&
        setState((previous) => ({ ...previous, error: error.message, isLoading: false }))
    );
    return () => {
      active = false;
    };
  }, [key, poll, enabled]);

  const { data } = state;
  // inFlight is a pure function of data; only new data should rearm the timer.
  React.useEffect(() => {
    if (!enabled || data === null || !inFlight(data)) return undefined;
    const timer = setTimeout(() => setPoll((count) => count + 1), POLL_MS);
    return () => clearTimeout(timer);
  }, [data, enabled]);

  return state;
};

/** One page of the message log for the given filters. */
export const useMessageList = (
  filters: MessageFilters,
  page: number,
  pageSize: number,
  version: number
) => {
  const api = useMessagesApi();
  return useRefreshingRequest<MessagePage>(
    () => api.listMessages(filters, page, pageSize),
    JSON.stringify({ filters, page, pageSize, version }),
    (data) => data.results.some(isInFlight)
  );
};

/** One message with its (masked) bodies; nothing is loaded while `id` is null. */
export const useMessageDetail = (id: number | null, version: number) => {
  const api = useMessagesApi();
  return useRefreshingRequest<MessageDetail>(
    id === null ? null : () => api.getMessage(id),
    `${id}:${version}`,
    isInFlight
  );
};
