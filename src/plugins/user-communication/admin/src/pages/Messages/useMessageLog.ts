import type { MessageSummary } from '../../../../shared/contracts/messages';
import { useMessagesApi, type MessageQuery } from '../../api/messages';
import { useRequest } from '../../hooks/useRequest';

const isInFlight = (message: Pick<MessageSummary, 'status'>) =>
  message.status === 'queued' || message.status === 'sending';

/** One page of the message log; looks again while a listed message is on its way. */
export const useMessageList = (query: MessageQuery) => {
  const api = useMessagesApi();
  return useRequest((signal) => api.listMessages(query, signal), {
    key: query,
    pollWhile: (page) => page.results.some(isInFlight),
  });
};

/** One message with its (masked) bodies; nothing is loaded while `id` is null. */
export const useMessageDetail = (id: number | null) => {
  const api = useMessagesApi();
  return useRequest(id === null ? null : (signal) => api.getMessage(id, signal), {
    key: id,
    pollWhile: isInFlight,
  });
};
