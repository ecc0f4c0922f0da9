import type { Core } from '@strapi/strapi';
import { providerReferenceHeaders, type MailHeader } from '../feedback/headers';
import { getService } from '../utils/get-service';
import { pluginConfig } from '../utils/plugin-config';
import type { MessageRow } from './outbox';

/**
 * RFC 8058 one-click unsubscribe, on no-login reminders only: account mail (activation, reset,
 * password changed) and test mail cannot be refused. The link is the one the reminder's body
 * got when it was rendered (`{{ unsubscribeLink }}`), made again from the user and the address.
 */
const unsubscribeHeaders = (link: string | undefined): Record<string, string> =>
  link
    ? { 'List-Unsubscribe': `<${link}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' }
    : {};

export interface BatchHeaders {
  headersOf(message: MessageRow): Record<string, MailHeader>;
  unsubscribeLinkOf(message: MessageRow): string | undefined;
}

/**
 * The extra headers messages are sent with, decided at send time from their rows, a batch at a
 * time: what a provider needs to tie its reports back to the message, and what the message type
 * requires of the mailbox (List-Unsubscribe on reminders only).
 */
const messageHeaders = ({ strapi }: { strapi: Core.Strapi }) => ({
  async forBatch(messages: MessageRow[]): Promise<BatchHeaders> {
    const links = await getService(strapi, 'unsubscribe').linksForMessages(
      messages.filter((message) => message.type === 'no-login-reminder')
    );
    const feedback = pluginConfig(strapi).feedback;
    return {
      headersOf: (message) => ({
        ...providerReferenceHeaders(message.smtpMessageId, feedback),
        ...unsubscribeHeaders(links.get(message.id)),
      }),
      // The same link for the body of a reminder rendered at send time (message-bodies.ts).
      unsubscribeLinkOf: (message) => links.get(message.id),
    };
  },
});

export type MessageHeadersService = ReturnType<typeof messageHeaders>;
export default messageHeaders;
