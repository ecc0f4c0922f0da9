import { Parser } from 'htmlparser2';
import type {
  TemplateContent,
  TemplateType,
  UsersPermissionsTemplate,
} from '../../../shared/contracts/templates';

/** users-permissions' stored template: `object` is the subject, `message` the HTML body. */
export interface UsersPermissionsEmail {
  object?: string;
  message?: string;
}

/** The plugin template that replaces each users-permissions one, and the words of its link. */
export const REPLACEMENTS: Record<
  UsersPermissionsTemplate,
  { type: TemplateType; linkLabel: string }
> = {
  reset_password: { type: 'password-reset', linkLabel: 'Reset your password' },
  email_confirmation: { type: 'activation', linkLabel: 'Confirm your e-mail address' },
};

/** users-permissions' shipped texts (5.x bootstrap): an unedited template is not imported. */
const SHIPPED: Record<UsersPermissionsTemplate, Required<UsersPermissionsEmail>> = {
  reset_password: {
    object: 'Reset password',
    message: `<p>We heard that you lost your password. Sorry about that!</p>

<p>But don’t worry! You can use the following link to reset your password:</p>
<p><%= URL %>?code=<%= TOKEN %></p>

<p>Thanks.</p>`,
  },
  email_confirmation: {
    object: 'Account confirmation',
    message: `<p>Thank you for registering!</p>

<p>You have to confirm your email address. Please click on the link below.</p>

<p><%= URL %>?confirmation=<%= CODE %></p>

<p>Thanks.</p>`,
  },
};

const squeeze = (value: string | undefined) => (value ?? '').replace(/\s+/g, ' ').trim();

export const isShippedTemplate = (
  source: UsersPermissionsTemplate,
  email: UsersPermissionsEmail
): boolean =>
  squeeze(email.object) === squeeze(SHIPPED[source].object) &&
  squeeze(email.message) === squeeze(SHIPPED[source].message);

// users-permissions interpolates `<%= NAME %>` only (no evaluation, no escaping).
const PLACEHOLDER = /<%=\s*([\w.]+)\s*%>/g;
const LINKS: Record<UsersPermissionsTemplate, RegExp> = {
  reset_password: /<%=\s*URL\s*%>\?code=<%=\s*TOKEN\s*%>/g,
  email_confirmation: /<%=\s*URL\s*%>\?confirmation=<%=\s*CODE\s*%>/g,
};
const NAMES: Record<string, string> = {
  'USER.username': '{{ username }}',
  'USER.email': '{{ email }}',
};
const LINK = '{{ link }}';
// Stands for the link until it is placed: the HTML gets it in an href only.
const MARK = '\uE000link\uE000';

/** Placeholders translated; anything without an equivalent is listed, never guessed. */
const translatePlaceholders = (source: UsersPermissionsTemplate, value: string) => {
  const untranslatable = new Set<string>();
  const translated = value
    .replace(LINKS[source], MARK)
    .replace(PLACEHOLDER, (whole, name: string) => {
      const known = NAMES[name];
      if (!known) untranslatable.add(`<%= ${name} %>`);
      return known ?? whole;
    });
  return { translated, untranslatable: [...untranslatable] };
};

const escapeHtml = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The link where a mail client shows it: in the href of an `<a>`, its text the type's words. */
const placeLinkInHtml = (html: string, label: string) =>
  html
    .replace(
      /(<a\b[^>]*\bhref\s*=\s*["'])\uE000link\uE000(["'][^>]*>)\s*\uE000link\uE000\s*</g,
      `$1${LINK}$2${escapeHtml(label)}<`
    )
    .replace(/(\bhref\s*=\s*["'])\uE000link\uE000/g, `$1${LINK}`)
    .replace(/\uE000link\uE000/g, `<a href="${LINK}">${escapeHtml(label)}</a>`);

const BLOCKS = new Set(['p', 'div', 'br', 'li', 'tr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'table']);

/** The text part users-permissions never had: the HTML's words, each link after its words. */
const textOf = (html: string): string => {
  let text = '';
  // The words of the `<a>` that leads to the link, if inside one.
  let linkWords: string | null = null;
  const parser = new Parser(
    {
      onopentag(tag, attributes) {
        if (BLOCKS.has(tag)) text += '\n';
        if (tag === 'a' && attributes.href?.includes(MARK)) linkWords = '';
      },
      ontext(data) {
        const words = data.replace(/\s+/g, ' ');
        if (linkWords === null) text += words;
        else linkWords += words;
      },
      onclosetag(tag) {
        if (tag === 'a' && linkWords !== null) {
          const words = linkWords.trim();
          text += words === '' || words === MARK ? MARK : `${words}:\n${MARK}\n`;
          linkWords = null;
        }
        if (BLOCKS.has(tag)) text += '\n';
      },
    },
    { decodeEntities: true }
  );
  parser.write(html);
  parser.end();
  return text
    .replace(new RegExp(MARK, 'g'), LINK)
    .split('\n')
    .map((line) => line.trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
};

/**
 * A users-permissions template as the plugin's template of the same purpose: `<%= URL %>` with
 * its token or code becomes `{{ link }}` (in the HTML as a link labelled in words, as the plugin's
 * rules require), `USER.username` and `USER.email` become `{{ username }}` and `{{ email }}`.
 * Anything else (`SERVER_URL`, other user fields, a token outside the link) is listed in
 * `untranslatable` and the template is not to be used.
 */
export const translateUsersPermissionsTemplate = (
  source: UsersPermissionsTemplate,
  email: UsersPermissionsEmail
): { content: TemplateContent; untranslatable: string[] } => {
  const subject = translatePlaceholders(source, email.object ?? '');
  const body = translatePlaceholders(source, email.message ?? '');
  const untranslatable = [...new Set([...subject.untranslatable, ...body.untranslatable])];
  // The link never belongs in a subject: the plugin's rules refuse it there.
  if (subject.translated.includes(MARK)) untranslatable.push('the link in the subject');
  return {
    content: {
      subject: subject.translated.replace(new RegExp(MARK, 'g'), LINK),
      html: placeLinkInHtml(body.translated, REPLACEMENTS[source].linkLabel),
      text: textOf(body.translated),
    },
    untranslatable,
  };
};
