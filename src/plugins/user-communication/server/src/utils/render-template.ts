/**
 * Logic-less `{{ name }}` substitution. Nothing in a template is ever evaluated: stock
 * Strapi's lodash templates allowed code execution (CVE-2023-22621), so here a
 * placeholder is only ever a name looked up in a plain map.
 */
const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;
const VALID_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

export type TemplateVariables = Record<string, string | number>;

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
  '=': '&#61;',
};

export const escapeHtml = (value: string): string =>
  value.replace(/[&<>"'`=]/g, (char) => HTML_ESCAPES[char]);

/** Every placeholder name used in the given sources, in order of first use. */
export const placeholdersOf = (...sources: string[]): string[] => {
  const names = new Set<string>();
  for (const source of sources) {
    for (const match of source.matchAll(PLACEHOLDER)) names.add(match[1]);
  }
  return [...names];
};

const LEADING_PLACEHOLDER = new RegExp(`^${PLACEHOLDER.source}`);

/** The name of the placeholder the source starts with, if it starts with one. */
export const leadingPlaceholder = (source: string): string | undefined =>
  LEADING_PLACEHOLDER.exec(source)?.[1];

/** Placeholders that are not allowed (unknown names, or expressions rather than names). */
export const unknownPlaceholders = (allowed: readonly string[], ...sources: string[]): string[] =>
  placeholdersOf(...sources).filter((name) => !VALID_NAME.test(name) || !allowed.includes(name));

export type RenderMode = 'html' | 'text' | 'header';

export const renderTemplate = (
  source: string,
  variables: TemplateVariables,
  mode: RenderMode
): string =>
  source.replace(PLACEHOLDER, (_, name: string) => {
    const value = Object.prototype.hasOwnProperty.call(variables, name)
      ? String(variables[name])
      : '';
    if (mode === 'html') return escapeHtml(value);
    // A line break in a subject would start a new mail header.
    if (mode === 'header') return value.replace(/[\r\n]+/g, ' ');
    return value;
  });
