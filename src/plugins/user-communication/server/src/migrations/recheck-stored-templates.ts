import type { Core } from '@strapi/strapi';
import { TEMPLATE_UID } from '../constants';
import { misplacedLink } from '../templates/link-placement';
import { sanitizeTemplateHtml } from '../templates/sanitize-template-html';

interface StoredTemplate {
  id: number;
  type: string;
  locale: string;
  subject: string;
  html: string;
}

/**
 * The template rules hold for templates stored before them, or written behind the API's back:
 * at every boot (a handful of rows) each stored template is sanitised, and one that places
 * `{{ link }}` where a mail client would send it elsewhere is dropped, so the shipped default
 * applies again.
 */
export const recheckStoredTemplates = async (strapi: Core.Strapi): Promise<void> => {
  const query = strapi.db.query(TEMPLATE_UID);
  const stored = (await query.findMany({
    select: ['id', 'type', 'locale', 'subject', 'html'],
  })) as StoredTemplate[];
  for (const template of stored) {
    const html = sanitizeTemplateHtml(template.html);
    const misplaced = misplacedLink(template) ?? misplacedLink({ ...template, html });
    if (misplaced) {
      strapi.log.warn(
        `[user-communication] the ${template.type} template (${template.locale}) used {{ link }} in ${misplaced.place}: back to the shipped default`
      );
      await query.delete({ where: { id: template.id } });
    } else if (html !== template.html) {
      await query.update({ where: { id: template.id }, data: { html } });
    }
  }
};
