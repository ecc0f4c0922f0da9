import type { Core } from '@strapi/strapi';
import { providerReferenceHeaders, type MailHeader } from '../feedback/headers';
import { pluginConfig } from '../utils/plugin-config';
import type { MessageRow } from './outbox';

/**
 * The extra headers a message is sent with, decided at send time from its row: what a
 * provider needs to tie its reports back to the message, and what the message type requires
 * of the mailbox (List-Unsubscribe on reminders only).
 */
const messageHeaders = ({ strapi }: { strapi: Core.Strapi }) => ({
  for(message: MessageRow): Record<string, MailHeader> {
    return providerReferenceHeaders(message.smtpMessageId, pluginConfig(strapi).feedback);
  },
});

export type MessageHeadersService = ReturnType<typeof messageHeaders>;
export default messageHeaders;
