import * as React from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import { request } from './errors';

/** Same lists as the server's constants.ts; the admin bundle cannot import server code. */
export const MESSAGE_TYPES = [
  'activation',
  'password-reset',
  'password-changed',
  'no-login-reminder',
  'test',
] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];

export const MESSAGE_STATUSES = ['queued', 'sending', 'sent', 'failed', 'dead'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/** One row of the message log (server: services/message-log.ts). */
export interface MessageSummary {
  id: number;
  type: MessageType;
  userId: number | null;
  recipient: string;
  locale: string | null;
  subject: string;
  status: MessageStatus;
  /** Delivered to a local .eml file instead of over SMTP. */
  captured: boolean;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  sentAt: string | null;
  createdAt: string;
}

/** A message with its bodies; link tokens are masked by the server. */
export interface MessageDetail extends MessageSummary {
  text: string;
  html: string;
}

export interface MessageFilters {
  type?: MessageType;
  status?: MessageStatus;
  /** A users-permissions user id. */
  user?: number;
}

export interface MessagePage {
  results: MessageSummary[];
  pagination: { page: number; pageSize: number; total: number; pageCount: number };
}

const MESSAGES_URL = '/user-communication/messages';

const messageUrl = (id: number) => `${MESSAGES_URL}/${encodeURIComponent(String(id))}`;

/** The only place the admin talks to the plugin's message log routes. Errors are thrown as ApiError. */
export const useMessagesApi = () => {
  const { get, post } = useFetchClient();

  return React.useMemo(
    () => ({
      // The server refuses unknown parameters, so only set filters are sent.
      listMessages: (filters: MessageFilters, page: number, pageSize: number) =>
        request(() =>
          get<MessagePage>(MESSAGES_URL, {
            params: Object.fromEntries(
              Object.entries({ ...filters, page, pageSize }).filter(
                ([, value]) => value !== undefined
              )
            ),
          })
        ),

      getMessage: (id: number) => request(() => get<MessageDetail>(messageUrl(id))),

      /** Puts a dead message back in the queue; answers with the message as it is now. */
      retryMessage: (id: number) => request(() => post<MessageDetail>(`${messageUrl(id)}/retry`)),
    }),
    [get, post]
  );
};
