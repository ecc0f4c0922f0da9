import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import type { MessageType } from '../constants';
import type { TemplateContent } from '../../../shared/contracts/templates';
import type { TemplateType } from '../templates/variables';
import { getService } from '../utils/get-service';
import { pluginConfig } from '../utils/plugin-config';
import type { TemplateVariables } from '../utils/render-template';

export interface Recipient {
  id: number;
  email: string;
  username?: string | null;
  locale?: string | null;
}

/**
 * Turns "send this kind of message to this user" into a rendered outbox row: the one path
 * by which activation, reset, notifications and reminders reach users.
 */
/** The variables every template may use. */
export const commonVariables = (
  config: { platformName: string; platformUrl: string },
  user: { email: string; username?: string | null }
): TemplateVariables => ({
  username: user.username ?? user.email,
  email: user.email,
  platformName: config.platformName,
  platformUrl: config.platformUrl,
});

const mailer = ({ strapi }: { strapi: Core.Strapi }) => {
  return {
    async queueForUser(input: {
      type: TemplateType;
      user: Recipient;
      variables: TemplateVariables;
      dedupeKey: string;
    }) {
      const { type, user, variables, dedupeKey } = input;
      const rendered = await getService(strapi, 'templates').renderFor(type, user.locale, {
        ...commonVariables(pluginConfig(strapi), user),
        ...variables,
      });
      const queued = await getService(strapi, 'outbox').enqueue({
        type: type as MessageType,
        userId: user.id,
        recipient: user.email,
        locale: rendered.locale,
        subject: rendered.subject,
        text: rendered.text,
        html: rendered.html,
        dedupeKey,
      });
      getService(strapi, 'delivery-worker').kick();
      return queued;
    },

    /** Sends the (draft or stored) template with sample data to the calling admin only. */
    async queueTest(input: {
      type: TemplateType;
      locale: string;
      adminEmail: string;
      draft?: TemplateContent;
    }) {
      const preview = await getService(strapi, 'templates').preview(
        input.type,
        input.locale,
        input.draft
      );
      const queued = await getService(strapi, 'outbox').enqueue({
        type: 'test',
        userId: null,
        recipient: input.adminEmail,
        locale: input.locale,
        subject: `[Test] ${preview.subject}`,
        text: preview.text,
        html: preview.html,
        dedupeKey: `test:${crypto.randomUUID()}`,
      });
      getService(strapi, 'delivery-worker').kick();
      return queued;
    },
  };
};

export type MailerService = ReturnType<typeof mailer>;
export default mailer;
