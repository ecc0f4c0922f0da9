import { Parser } from 'htmlparser2';
import type { TemplateContent } from '../../../shared/contracts/templates';
import { placeholdersOf } from '../utils/render-template';

/** The variable that carries an account-takeover token (activation, reset, reminder links). */
const LINK = 'link';

/** Where a template uses `{{ link }}` although it may not: the field, and the place within it. */
export interface LinkMisplacement {
  path: 'subject' | 'html';
  place: string;
}

const usesLink = (source: string): boolean => placeholdersOf(source).includes(LINK);

/** An href that starts with the link (tracking parameters after it are harmless). */
const LEADING_LINK = /^\s*\{\{\s*link\s*\}\}/;

/**
 * The first place in the HTML where `{{ link }}` stands outside the href of an `<a>`, read by the
 * parser sanitize-html uses, entities decoded as a mail client decodes them. Review finding F6:
 * a mail client fetches a `src`, `background` or CSS `url()` by itself, token included, and the
 * text of the HTML is not where the link belongs.
 */
const misplacedInHtml = (html: string): string | null => {
  let found: string | null = null;
  const open: string[] = [];
  // The parser may hand one run of text over in pieces (at entities): judged whole.
  let text = '';
  const check = (place: string, source: string) => {
    if (found === null && usesLink(source)) found = place;
  };
  const flushText = () => {
    const parent = open.at(-1);
    check(parent ? `the text of <${parent}>` : 'the HTML text', text);
    text = '';
  };
  const parser = new Parser(
    {
      onopentag(tag, attributes) {
        flushText();
        for (const [name, value] of Object.entries(attributes)) {
          check(`the markup of <${tag}>`, name);
          if (tag === 'a' && name === 'href') {
            // Anything before it would send the token to another address, in its query.
            if (usesLink(value) && !LEADING_LINK.test(value)) {
              found ??= 'an href that does not start with it';
            }
          } else {
            check(`the ${name} of <${tag}>`, value);
          }
        }
        open.push(tag);
      },
      onclosetag() {
        flushText();
        open.pop();
      },
      ontext(data) {
        text += data;
      },
      oncomment(data) {
        flushText();
        check('an HTML comment', data);
      },
      onprocessinginstruction(_name, data) {
        flushText();
        check('a <!doctype> or <?…?> declaration', data);
      },
    },
    { decodeEntities: true }
  );
  parser.end(html);
  flushText();
  return found;
};

/**
 * Where `{{ link }}` stands although it may only stand in the text part and in the href of a
 * link; null when every use is allowed.
 */
export const misplacedLink = (
  content: Pick<TemplateContent, 'subject' | 'html'>
): LinkMisplacement | null => {
  // The subject is shown in the message log and in every mailbox list.
  if (usesLink(content.subject)) return { path: 'subject', place: 'the subject' };
  const place = misplacedInHtml(content.html);
  return place === null ? null : { path: 'html', place };
};
