import type { Core } from '@strapi/strapi';
import { TEMPLATE_TYPES, type TemplateType } from '../../../shared/contracts/templates';
import { getService } from '../utils/get-service';
import { pluginConfig } from '../utils/plugin-config';
import type { TemplateVariables } from '../utils/render-template';
import { sendTimeVariables } from './mailer';
import type { MessageRow } from './outbox';
import type { TemplatesService } from './templates';

export interface RenderedBodies {
  subject: string;
  text: string;
  html: string;
}

type Renderer = ReturnType<TemplatesService['batchRenderer']>;

const isTemplateType = (type: string): type is TemplateType =>
  (TEMPLATE_TYPES as readonly string[]).includes(type);

const parseVariables = (stored: string): TemplateVariables | null => {
  try {
    const parsed: unknown = JSON.parse(stored);
    return parsed !== null && typeof parsed === 'object' ? (parsed as TemplateVariables) : null;
  } catch {
    return null;
  }
};

/**
 * Bodies rendered when a message is sent. A reminder run queues its messages with their template
 * variables only (outbox `variables`): rendering and storing half a million bodies in the morning
 * was most of the run. The worker renders each one as it claims it, with the template as it is
 * then and the unsubscribe link of the address it goes to; the outbox then keeps what was sent.
 */
const messageBodies = ({ strapi }: { strapi: Core.Strapi }) => {
  const render = async (
    renderer: (type: TemplateType) => Renderer,
    message: MessageRow,
    unsubscribeLink: string | undefined
  ): Promise<RenderedBodies | null> => {
    if (message.variables === null || message.html !== null) return null;
    const variables = parseVariables(message.variables);
    if (!isTemplateType(message.type) || variables === null) {
      // A fixed message: a parse error would quote the stored variables into the log.
      throw Object.assign(
        new Error('This message cannot be rendered: its stored template variables are unusable.'),
        { code: 'ERENDER' }
      );
    }
    const { subject, text, html } = await renderer(message.type)(message.locale, {
      ...sendTimeVariables(pluginConfig(strapi), message.recipient, variables),
      unsubscribeLink: unsubscribeLink ?? '',
    });
    return { subject, text, html };
  };

  return {
    /**
     * A renderer for one claimed batch (each template looked up once): the bodies of a message
     * queued with its variables, or null for one rendered when it was queued.
     */
    forBatch() {
      const renderers = new Map<TemplateType, Renderer>();
      const renderer = (type: TemplateType) => {
        const existing = renderers.get(type);
        if (existing) return existing;
        const created = getService(strapi, 'templates').batchRenderer(type);
        renderers.set(type, created);
        return created;
      };
      return (message: MessageRow, unsubscribeLink: string | undefined) =>
        render(renderer, message, unsubscribeLink);
    },

    /** For the log: a message still waiting to be rendered, as it would be sent now. */
    async preview(message: MessageRow): Promise<RenderedBodies | null> {
      if (message.variables === null || message.html !== null) return null;
      const links = await getService(strapi, 'unsubscribe').linksForMessages([message]);
      return render(
        (type) => getService(strapi, 'templates').batchRenderer(type),
        message,
        links.get(message.id)
      );
    },
  };
};

export type MessageBodiesService = ReturnType<typeof messageBodies>;
export default messageBodies;
