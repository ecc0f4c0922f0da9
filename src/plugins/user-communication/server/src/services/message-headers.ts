import type { Core } from '@strapi/strapi';
import { providerReferenceHeaders, type MailHeader } from '../feedback/headers';
import { getService } from '../utils/get-service';
import { pluginConfig } from '../utils/plugin-config';
import type { MessageRow } from './outbox';

type Headers = Record<string, string>;

/**
 * RFC 8058 one-click unsubscribe, on no-login reminders only: account mail (activation, reset,
 * password changed) and test mail cannot be refused. The link is the one the reminder's body
 * got when it was rendered (`{{ unsubscribeLink }}`), made again from the user and the address.
 */
const unsubscribeHeaders = async (strapi: Core.Strapi, message: MessageRow): Promise<Headers> => {
  if (message.type !== 'no-login-reminder') return {};
  const link = await getService(strapi, 'unsubscribe').linkForMessage(message);
  if (!link) return {};
  return { 'List-Unsubscribe': `<${link}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
};

/**
 * The extra headers a message is sent with, decided at send time from its row: what a
 * provider needs to tie its reports back to the message, and what the message type requires
 * of the mailbox (List-Unsubscribe on reminders only).
 */
const messageHeaders = ({ strapi }: { strapi: Core.Strapi }) => ({
  async for(message: MessageRow): Promise<Record<string, MailHeader>> {
    return {
      ...providerReferenceHeaders(message.smtpMessageId, pluginConfig(strapi).feedback),
      ...(await unsubscribeHeaders(strapi, message)),
    };
  },
});

export type MessageHeadersService = ReturnType<typeof messageHeaders>;
export default messageHeaders;
