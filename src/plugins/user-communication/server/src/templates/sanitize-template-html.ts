import sanitizeHtml from 'sanitize-html';
import { leadingPlaceholder } from '../utils/render-template';
import { URL_VARIABLES } from './variables';

/**
 * What an e-mail template may hold: structure, text and table layout with inline styles, and
 * links. Nothing runs (no script, no event attributes, no forms or frames) and nothing loads by
 * itself (review finding F6: a mail client fetches a remote image or a CSS url() as the message
 * opens, and so learns whatever the address carries). Images are not allowed at all: a remote
 * one is exactly that fetch, `data:` images are blocked by the major webmail clients, and `cid:`
 * ones need attachments, which the outbox does not carry.
 */
const TAGS = [
  'html',
  'head',
  'title',
  'body',
  'div',
  'span',
  'p',
  'br',
  'hr',
  'center',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'a',
  'b',
  'strong',
  'i',
  'em',
  'u',
  's',
  'strike',
  'small',
  'big',
  'sub',
  'sup',
  'font',
  'blockquote',
  'pre',
  'code',
  'ul',
  'ol',
  'li',
  'dl',
  'dt',
  'dd',
  'table',
  'caption',
  'colgroup',
  'col',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'th',
  'td',
];

// No `background`: it is an image address, like `src`.
const CELL = ['width', 'height', 'valign', 'bgcolor', 'colspan', 'rowspan', 'nowrap', 'scope'];

const ATTRIBUTES: Record<string, string[]> = {
  '*': ['style', 'align', 'dir', 'lang', 'title', 'role', 'aria-label', 'aria-hidden'],
  a: ['href', 'name'],
  table: ['width', 'height', 'border', 'cellpadding', 'cellspacing', 'bgcolor'],
  tr: ['height', 'valign', 'bgcolor'],
  td: CELL,
  th: CELL,
  col: ['width', 'span', 'valign'],
  colgroup: ['width', 'span', 'valign'],
  font: ['color', 'face', 'size'],
  hr: ['width', 'size', 'noshade'],
  ol: ['start', 'type'],
  ul: ['type'],
  li: ['value'],
};

// Colour functions are the only CSS functions an inline style needs; url(), image-set(),
// expression() and the like load or run something. Backslash escapes and comments could spell
// them in disguise, `@` starts an @import, and a placeholder's value could add declarations.
const CSS_FUNCTIONS = new Set(['rgb', 'rgba', 'hsl', 'hsla']);
const CSS_DISGUISE = /[\\@{}<>]|\/\*/;

const isInertStyle = (style: string): boolean =>
  !CSS_DISGUISE.test(style) &&
  [...style.matchAll(/([-\w]*)\(/g)].every(([, name]) => CSS_FUNCTIONS.has(name.toLowerCase()));

// sanitize-html checks the scheme of an address; an address without one is relative, and the
// only relative address that makes sense in a mail starts with a URL the platform made.
const SCHEME = /^(?:https?|mailto):/i;

const isMailLink = (href: string): boolean => {
  const address = href.trim();
  return SCHEME.test(address) || URL_VARIABLES.includes(leadingPlaceholder(address) ?? '');
};

const isSafeValue = (attribute: string, value: string): boolean => {
  if (attribute === 'style') return isInertStyle(value);
  if (attribute === 'href') return isMailLink(value);
  return true;
};

const withoutUnsafeValues = (
  tagName: string,
  attribs: sanitizeHtml.Attributes
): sanitizeHtml.Tag => ({
  tagName,
  attribs: Object.fromEntries(
    Object.entries(attribs).filter(([attribute, value]) => isSafeValue(attribute, value))
  ),
});

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: TAGS,
  allowedAttributes: ATTRIBUTES,
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: {},
  allowProtocolRelative: false,
  // Kept verbatim when inert (isInertStyle), dropped whole otherwise; sanitize-html's own
  // parsing would rewrite every style that passes.
  parseStyleAttributes: false,
  transformTags: { '*': withoutUnsafeValues },
};

// sanitize-html drops every <!…> declaration; the doctype that opens a mail is inert and decides
// how clients lay it out.
const DOCTYPE =
  /^\s*<!doctype\s+html(?:\s+(?:public|system)(?:\s+(?:"[^"<>{}]*"|'[^'<>{}]*'))+)?\s*>/i;

/** The template HTML reduced to the allowlist: what is stored, previewed and sent. */
export const sanitizeTemplateHtml = (html: string): string => {
  const doctype = DOCTYPE.exec(html)?.[0] ?? '';
  return doctype + sanitizeHtml(html.slice(doctype.length), OPTIONS);
};
