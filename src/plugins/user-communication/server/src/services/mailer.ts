import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import type { TemplateContent, TemplateType } from '../../../shared/contracts/templates';
import { greetingName, type Addressee } from '../utils/display-name';
import { getService } from '../utils/get-service';
import { pluginConfig } from '../utils/plugin-config';
import type { TemplateVariables } from '../utils/render-template';

export interface Recipient extends Omit<Addressee, 'email'> {
  id: number;
  /** Callers only queue mail for users with an address. */
  email: string | null;
  /** Whether the account may be greeted by its name (see greetingName). */
  origin: Addressee['origin'];
  activatedAt: Addressee['activatedAt'];
  lastLoginAt: Addressee['lastLoginAt'];
  locale?: string | null;
}

export interface UserMessage {
  type: TemplateType;
  user: Recipient;
  /** The type's own variables; the common ones (commonVariables) are added. */
  variables: TemplateVariables;
  /** Chosen by the caller; queuing the same key again is a no-op (see outbox.enqueue). */
  dedupeKey: string;
  /** The link token in `variables.link`: the outbox keeps it sealed, out of the stored bodies. */
  secret?: string;
}

type PlatformConfig = { platformName: string; platformUrl: string };

/** The variables every template may use. */
export const commonVariables = (config: PlatformConfig, user: Addressee): TemplateVariables => ({
  username: greetingName(user),
  email: user.email,
  platformName: config.platformName,
  platformUrl: config.platformUrl,
});

/**
 * The whole variables of a message rendered when it is sent (a reminder), from the few it
 * stores: its greeting, its own values and its link if it has one of its own (an activation
 * link). The rest is the same for every message, so it is not stored in each: the address it
 * goes to, the platform's name and URL, and the platform as the link of a message without one
 * (a quarter of each reminder's row, a million times over). A message queued with them all
 * keeps its own.
 */
export const sendTimeVariables = (
  config: PlatformConfig,
  recipient: string,
  stored: TemplateVariables
): TemplateVariables => ({
  email: recipient,
  platformName: config.platformName,
  platformUrl: config.platformUrl,
  link: config.platformUrl,
  ...stored,
});

/**
 * Turns "send this kind of message to this user" into a rendered outbox row: the one path
 * by which activation, reset, notifications and reminders reach users.
 */
const mailer = ({ strapi }: { strapi: Core.Strapi }) => ({
  async queueForUser({ type, user, variables, dedupeKey, secret }: UserMessage) {
    const email = user.email;
    if (!email) throw new Error(`user ${user.id} has no e-mail address to send ${type} to`);
    const rendered = await getService(strapi, 'templates').renderFor(type, user.locale, {
      ...commonVariables(pluginConfig(strapi), { ...user, email }),
      ...variables,
    });
    const queued = await getService(strapi, 'outbox').enqueue({
      type,
      userId: user.id,
      recipient: email,
      locale: rendered.locale,
      subject: rendered.subject,
      text: rendered.text,
      html: rendered.html,
      dedupeKey,
      secret,
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
});

export type MailerService = ReturnType<typeof mailer>;
export default mailer;
