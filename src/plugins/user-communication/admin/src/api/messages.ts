import * as React from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import type {
  MessageDetail,
  MessageFilters,
  MessagePage,
} from '../../../shared/contracts/messages';
import { request } from './errors';
import { queryParams } from './query-params';

/** One page of the log, filtered. */
export interface MessageQuery {
  filters: MessageFilters;
  page: number;
  pageSize: number;
}

const MESSAGES_URL = '/user-communication/messages';

const messageUrl = (id: number) => `${MESSAGES_URL}/${encodeURIComponent(String(id))}`;

/** The only place the admin talks to the plugin's message log routes. Errors are thrown as ApiError. */
export const useMessagesApi = () => {
  const { get, post } = useFetchClient();

  return React.useMemo(
    () => ({
      listMessages: ({ filters, page, pageSize }: MessageQuery, signal?: AbortSignal) =>
        request(() =>
          get<MessagePage>(MESSAGES_URL, {
            params: queryParams({ ...filters, page, pageSize }),
            signal,
          })
        ),

      getMessage: (id: number, signal?: AbortSignal) =>
        request(() => get<MessageDetail>(messageUrl(id), { signal })),

      /** Puts a dead message back in the queue; answers with the message as it is now. */
      retryMessage: (id: number) => request(() => post<MessageDetail>(`${messageUrl(id)}/retry`)),
    }),
    [get, post]
  );
};
