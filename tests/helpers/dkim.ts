import crypto from 'node:crypto';

/**
 * A DKIM verifier for received test mail, written from RFC 6376 rather than from nodemailer's
 * signer (a shared mistake would verify its own output): relaxed/relaxed, rsa-sha256, the
 * public key given instead of looked up in DNS. mailauth (the nodemailer author's verifier)
 * would be the natural choice, but its maintained releases need Node 22.19 and this project
 * supports Node 20.
 */

interface Field {
  /** Lower-cased. */
  name: string;
  /** As received, folding included, without the final CRLF. */
  raw: string;
}

const split = (message: string) => {
  const end = message.indexOf('\r\n\r\n');
  if (end < 0) throw new Error('no header/body separator (CRLF CRLF) in the message');
  const fields: Field[] = [];
  for (const line of message.slice(0, end).split('\r\n')) {
    const last = fields.at(-1);
    if (/^[ \t]/.test(line) && last) last.raw += `\r\n${line}`;
    else fields.push({ name: line.slice(0, line.indexOf(':')).trim().toLowerCase(), raw: line });
  }
  return { fields, body: message.slice(end + 4) };
};

/** The unfolded value of the message's first header field of this name, or null. */
export const headerOf = (message: string, name: string): string | null => {
  const field = split(message).fields.find((candidate) => candidate.name === name.toLowerCase());
  return field
    ? field.raw
        .slice(field.raw.indexOf(':') + 1)
        .replace(/\r\n(?=[ \t])/g, '')
        .trim()
    : null;
};

/** RFC 6376 §3.4.2: lower-case name, unfolded, runs of white space as one space, trimmed. */
const relaxedHeader = ({ name, raw }: Field) =>
  `${name}:${raw
    .slice(raw.indexOf(':') + 1)
    .replace(/\r\n(?=[ \t])/g, '')
    .replace(/[ \t]+/g, ' ')
    .trim()}`;

/** RFC 6376 §3.4.4: runs of white space as one space, none at line ends, no empty lines at the end. */
const relaxedBody = (body: string) => {
  const lines = body.split('\r\n').map((line) => line.replace(/[ \t]+/g, ' ').replace(/ $/, ''));
  while (lines.length > 0 && lines.at(-1) === '') lines.pop();
  return lines.length > 0 ? `${lines.join('\r\n')}\r\n` : '';
};

const tagsOf = (value: string): Record<string, string> =>
  Object.fromEntries(
    value
      .split(';')
      .map((part) => part.trim())
      .filter(Boolean)
      .map((part) => {
        const equals = part.indexOf('=');
        return [part.slice(0, equals).trim(), part.slice(equals + 1).replace(/\s+/g, '')];
      })
  );

export interface DkimResult {
  valid: boolean;
  bodyHashMatches: boolean;
  domain: string;
  selector: string;
  /** The h= list, lower-cased, in order. */
  signedHeaders: string[];
}

/** Verifies the message's DKIM-Signature with `publicKey`; throws if it has none. */
export const verifyDkim = (message: string, publicKey: crypto.KeyObject): DkimResult => {
  const { fields, body } = split(message);
  const signature = fields.find((field) => field.name === 'dkim-signature');
  if (!signature) throw new Error('the message has no DKIM-Signature');
  const tags = tagsOf(signature.raw.slice(signature.raw.indexOf(':') + 1));
  if (tags.a !== 'rsa-sha256' || tags.c !== 'relaxed/relaxed') {
    throw new Error(`unsupported DKIM algorithm or canonicalization: a=${tags.a} c=${tags.c}`);
  }
  const bodyHash = crypto.createHash('sha256').update(relaxedBody(body)).digest('base64');
  const signedHeaders = tags.h.split(':').map((name) => name.trim().toLowerCase());

  // §5.4.2: a name listed n times takes the field's last n instances, from the bottom up.
  const taken = new Map<string, number>();
  const signedLines = signedHeaders.flatMap((name) => {
    const instances = fields.filter((field) => field.name === name);
    const count = taken.get(name) ?? 0;
    taken.set(name, count + 1);
    const field = instances[instances.length - 1 - count];
    return field ? [`${relaxedHeader(field)}\r\n`] : [];
  });
  // §3.7: the signature field itself last, its b= value empty, without the final CRLF.
  const unsigned = { ...signature, raw: signature.raw.replace(/(;\s*b=)[^;]*/, '$1') };
  const data = signedLines.join('') + relaxedHeader(unsigned);
  const valid = crypto.verify(
    'sha256',
    Buffer.from(data),
    publicKey,
    Buffer.from(tags.b, 'base64')
  );
  return {
    valid: valid && bodyHash === tags.bh,
    bodyHashMatches: bodyHash === tags.bh,
    domain: tags.d,
    selector: tags.s,
    signedHeaders,
  };
};
