import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { TEMPLATE_UID } from '../constants';
import type { Template, TemplateContent } from '../../../shared/contracts/templates';
import { DEFAULT_TEMPLATES, SHIPPED_LOCALES } from '../templates/defaults';
import { misplacedLink } from '../templates/link-placement';
import { sanitizeTemplateHtml } from '../templates/sanitize-template-html';
import {
  SAMPLE_VARIABLES,
  TEMPLATE_TYPES,
  TEMPLATE_VARIABLES,
  type TemplateType,
} from '../templates/variables';
import { pluginConfig } from '../utils/plugin-config';
import {
  renderTemplate,
  unknownPlaceholders,
  type TemplateVariables,
} from '../utils/render-template';

interface TemplateRow extends TemplateContent {
  id: number;
  type: string;
  locale: string;
  updatedAt: string;
}

export type RenderedMessage = TemplateContent & { locale: string };

const templates = ({ strapi }: { strapi: Core.Strapi }) => {
  const query = () => strapi.db.query(TEMPLATE_UID);

  const findRow = (type: TemplateType, locale: string) =>
    query().findOne({ where: { type, locale } }) as Promise<TemplateRow | null>;

  const toTemplate = (
    type: TemplateType,
    locale: string,
    row: TemplateRow | null
  ): Template | null => {
    const content = row ?? DEFAULT_TEMPLATES[locale]?.[type];
    if (!content) return null;
    return {
      type,
      locale,
      subject: content.subject,
      html: content.html,
      text: content.text,
      customized: Boolean(row),
      variables: TEMPLATE_VARIABLES[type],
      updatedAt: row?.updatedAt ?? null,
    };
  };

  /** The template a message to a user with `locale` uses: exact, then language, then the default locale. */
  const resolve = async (
    type: TemplateType,
    locale: string | null | undefined
  ): Promise<Template> => {
    const fallback = pluginConfig(strapi).defaultLocale;
    const candidates = [locale, locale?.split('-')[0], fallback, 'en'].filter(
      (value): value is string => Boolean(value)
    );
    for (const candidate of [...new Set(candidates)]) {
      const template = toTemplate(type, candidate, await findRow(type, candidate));
      if (template) return template;
    }
    throw new errors.ApplicationError(`No template for ${type}`);
  };

  const invalidField = (path: 'subject' | 'html' | 'text', message: string, detail: string) =>
    new errors.ValidationError(message, {
      errors: [{ path: [path], message: detail, name: 'ValidationError' }],
    });

  const assertKnownPlaceholders = (type: TemplateType, content: TemplateContent) => {
    const allowed = TEMPLATE_VARIABLES[type];
    for (const field of ['subject', 'html', 'text'] as const) {
      const unknown = unknownPlaceholders(allowed, content[field]);
      if (unknown.length > 0) {
        throw invalidField(
          field,
          `Unknown variable ${unknown.map((name) => `{{ ${name} }}`).join(', ')} in ${field}. Allowed: ${allowed.join(', ')}`,
          `Unknown variable: ${unknown.join(', ')}`
        );
      }
    }
  };

  // Review finding F6: a link placed where a mail client fetches it, or where the message log
  // shows it, hands its token to whoever edited the template.
  const assertLinkPlacement = (content: TemplateContent) => {
    const misplaced = misplacedLink(content);
    if (!misplaced) return;
    const message = `{{ link }} may only be used in the text part and in the href of a link, not in ${misplaced.place}`;
    throw invalidField(misplaced.path, message, message);
  };

  /** The content as it may be stored, previewed and sent: checked, and its HTML sanitised. */
  const accepted = (type: TemplateType, content: TemplateContent): TemplateContent => {
    const sanitized = { ...content, html: sanitizeTemplateHtml(content.html) };
    // As written, so that a refusal names what the admin wrote; and as sanitised, since
    // dropping markup can join the text around it into a placeholder.
    for (const candidate of [content, sanitized]) {
      assertKnownPlaceholders(type, candidate);
      assertLinkPlacement(candidate);
    }
    return sanitized;
  };

  const render = (template: TemplateContent, variables: TemplateVariables) => ({
    subject: renderTemplate(template.subject, variables, 'header'),
    html: renderTemplate(template.html, variables, 'html'),
    text: renderTemplate(template.text, variables, 'text'),
  });

  /** Each locale's template looked up once for a run over many messages, not once per message. */
  const batchResolver = (type: TemplateType) => {
    const resolved = new Map<string, Promise<Template>>();
    return (locale: string | null | undefined): Promise<Template> => {
      const key = locale ?? '';
      if (!resolved.has(key)) resolved.set(key, resolve(type, locale));
      return resolved.get(key) as Promise<Template>;
    };
  };

  /** The template stored (or shipped) for exactly this locale; for a new locale, the fallback's content to start from. */
  const get = async (type: TemplateType, locale: string): Promise<Template> => {
    const exact = toTemplate(type, locale, await findRow(type, locale));
    if (exact) return exact;
    const base = await resolve(type, locale);
    return { ...base, locale, customized: false, updatedAt: null };
  };

  return {
    async list(): Promise<Template[]> {
      const rows = (await query().findMany({
        orderBy: [{ type: 'asc' }, { locale: 'asc' }],
      })) as TemplateRow[];
      const locales = [...new Set([...SHIPPED_LOCALES, ...rows.map((row) => row.locale)])].sort();
      const result: Template[] = [];
      for (const type of TEMPLATE_TYPES) {
        for (const locale of locales) {
          const row =
            rows.find((candidate) => candidate.type === type && candidate.locale === locale) ??
            null;
          const template = toTemplate(type, locale, row);
          if (template) result.push(template);
        }
      }
      return result;
    },

    get,

    /** Stores the admin's edit with its HTML sanitised: markup outside the allowlist is dropped. */
    async save(type: TemplateType, locale: string, edit: TemplateContent): Promise<Template> {
      const content = accepted(type, edit);
      const existing = await findRow(type, locale);
      if (existing) {
        await query().update({ where: { id: existing.id }, data: content });
      } else {
        await query().create({ data: { type, locale, ...content } });
      }
      return get(type, locale);
    },

    /** Drops the admin's edit: the shipped default applies again. */
    async reset(type: TemplateType, locale: string): Promise<Template> {
      await query().delete({ where: { type, locale } });
      return get(type, locale);
    },

    /**
     * Renders a stored or draft template with sample data; a draft is checked and sanitised as a
     * save would, so that the preview and a test send show what would be sent.
     */
    async preview(
      type: TemplateType,
      locale: string,
      draft?: TemplateContent
    ): Promise<TemplateContent> {
      const template = draft ? accepted(type, draft) : await get(type, locale);
      return render(template, {
        ...SAMPLE_VARIABLES,
        platformName: pluginConfig(strapi).platformName,
      });
    },

    /**
     * A renderer for one run over many users: each locale's template is looked up once,
     * not once per user.
     */
    batchRenderer(type: TemplateType) {
      const templateFor = batchResolver(type);
      return async (
        locale: string | null | undefined,
        variables: TemplateVariables
      ): Promise<RenderedMessage> => {
        const template = await templateFor(locale);
        return { ...render(template, variables), locale: template.locale };
      };
    },

    /**
     * `batchRenderer` for the subject alone: what a message rendered at send time shows in the
     * log while it waits (the bodies are rendered then, the subject again with them). Given the
     * locales of a batch, it resolves their templates and answers a renderer that no longer
     * waits: one await per message cost a run of 500,000 reminders a million promises.
     */
    batchSubjectRenderer(type: TemplateType) {
      const templateFor = batchResolver(type);
      return async (locales: Iterable<string | null | undefined>) => {
        const keys = [...new Set(locales)];
        const templates = new Map(
          await Promise.all(
            keys.map(async (locale) => [locale, await templateFor(locale)] as const)
          )
        );
        return (
          locale: string | null | undefined,
          variables: TemplateVariables
        ): { subject: string; locale: string } => {
          const template = templates.get(locale);
          if (!template) throw new Error(`no ${type} template resolved for locale ${locale}`);
          return {
            subject: renderTemplate(template.subject, variables, 'header'),
            locale: template.locale,
          };
        };
      };
    },

    /** Renders the message a user gets, in their locale (with fallback). */
    async renderFor(
      type: TemplateType,
      locale: string | null | undefined,
      variables: TemplateVariables
    ): Promise<RenderedMessage> {
      const template = await resolve(type, locale);
      return { ...render(template, variables), locale: template.locale };
    },
  };
};

export type TemplatesService = ReturnType<typeof templates>;
export default templates;
