import type {
  Template,
  TemplateContent,
  TemplateType,
} from '../../../../shared/contracts/templates';
import type { TemplateRef } from '../../api/templates';

/** The template being edited. */
export type Selection = TemplateRef;

export type ContentField = keyof TemplateContent;

export const CONTENT_FIELDS: ContentField[] = ['subject', 'html', 'text'];

export const selectionKey = ({ type, locale }: Selection) => `${type}:${locale}`;

export const contentOf = ({ subject, html, text }: TemplateContent): TemplateContent => ({
  subject,
  html,
  text,
});

export const isSameContent = (a: TemplateContent, b: TemplateContent) =>
  CONTENT_FIELDS.every((field) => a[field] === b[field]);

export const findTemplate = (templates: Template[], selection: Selection) =>
  templates.find(
    (template) => template.type === selection.type && template.locale === selection.locale
  );

/** Types in the server's order, each once. */
export const typesOf = (templates: Template[]): TemplateType[] => [
  ...new Set(templates.map((template) => template.type)),
];

/** Locales that have a template of this type (the shipped ones, plus any an admin stored). */
export const localesOf = (templates: Template[], type: TemplateType): string[] =>
  templates.filter((template) => template.type === type).map((template) => template.locale);

/** The selection itself when it exists, else the closest one that does (same type first). */
export const availableSelection = (templates: Template[], wanted: Selection): Selection | null => {
  if (findTemplate(templates, wanted)) return wanted;
  const sameType = localesOf(templates, wanted.type);
  if (sameType.length > 0)
    return { type: wanted.type, locale: sameType.includes('en') ? 'en' : sameType[0] };
  const first = templates[0];
  return first ? { type: first.type, locale: first.locale } : null;
};

export const replaceTemplate = (templates: Template[], stored: Template) =>
  templates.map((template) =>
    template.type === stored.type && template.locale === stored.locale ? stored : template
  );
