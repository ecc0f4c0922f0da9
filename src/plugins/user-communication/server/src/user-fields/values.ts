/** The checks and clean-ups one cell of a user row goes through. Pure functions, no I/O. */

// Beyond ASCII only letters, digits and combining marks, and only in the Basic Multilingual Plane:
// a subset of what yup's e-mail rule allows (Strapi validates `email` attributes with yup), without
// the invisible ones (no-break and zero-width spaces, format characters) that copy-paste brings along.
const U = '\\p{L}\\p{N}\\p{M}';
const ATOM = `[a-z0-9!#$%&'*+/=?^_\`{|}~${U}-]+`;
const LOCAL = new RegExp(`^${ATOM}(\\.${ATOM})*$`, 'u');
const LABEL = new RegExp(`^[a-z0-9${U}]([a-z0-9${U}-]*[a-z0-9${U}])?$`, 'u');
const TOP_LABEL = new RegExp(`^[a-z\\p{L}]([a-z0-9${U}-]*[a-z\\p{L}\\p{M}])?$`, 'u');
const ASTRAL = /[\u{10000}-\u{10FFFF}]/u;

/**
 * An address as a mail system will take it: an RFC 5321 dot-atom local part of at most 64
 * characters, and a domain of at least two labels (at most 63 characters each, 253 in all) whose
 * last label does not end in a digit. Stricter than yup's rule, so whatever passes here passes Strapi.
 * Expects a trimmed, lower-cased value.
 */
export const isEmail = (value: string): boolean => {
  const at = value.lastIndexOf('@');
  if (at < 1) return false;
  const local = value.slice(0, at);
  const domain = value.slice(at + 1);
  if (local.length > 64 || domain.length > 253 || ASTRAL.test(value) || !LOCAL.test(local))
    return false;
  const labels = domain.split('.');
  if (labels.length < 2) return false;
  const top = labels.pop() as string;
  return (
    labels.every((label) => label.length <= 63 && LABEL.test(label)) &&
    top.length <= 63 &&
    TOP_LABEL.test(top)
  );
};

/** `true`/`false`, `yes`/`no`, `1`/`0` in any case; empty means not blocked. `null` when unreadable. */
export const parseBlocked = (value: string): boolean | null => {
  const word = value.trim().toLowerCase();
  if (word === '' || word === 'false' || word === 'no' || word === '0') return false;
  if (word === 'true' || word === 'yes' || word === '1') return true;
  return null;
};

const canonicalLocales = new Map<string, string | undefined>();

/** A language tag like `en`, `en-GB`, `zh-Hant-TW` (also `en_GB`), canonicalised; `undefined` when malformed. */
export const parseLocale = (value: string): string | undefined => {
  const match = /^([a-z]{2,3})(?:[-_]([a-z]{4}))?(?:[-_]([a-z]{2}|\d{3}))?$/i.exec(value.trim());
  if (!match) return undefined;
  const tag = [match[1], match[2], match[3]].filter(Boolean).join('-');
  // Intl is slow (~3 µs a call) and a sheet repeats a handful of tags; the regex bounds the key space.
  if (!canonicalLocales.has(tag)) {
    let canonical: string | undefined;
    try {
      canonical = Intl.getCanonicalLocales(tag)[0];
    } catch {
      canonical = undefined;
    }
    if (canonicalLocales.size >= 10_000) canonicalLocales.clear();
    canonicalLocales.set(tag, canonical);
  }
  return canonicalLocales.get(tag);
};

/** Length as a database column counts it: characters (code points), not UTF-16 units. */
export const characterCount = (value: string): number => {
  let count = 0;
  for (const _ of value) count += 1;
  return count;
};

/** NUL and the other C0/C1 controls, except tab and line breaks (a cell may hold several lines). PostgreSQL refuses NUL in text. */
export const hasControlCharacter = (value: string): boolean =>
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/.test(value);

/** Letters that Unicode does not decompose into a base letter plus a mark. */
const TRANSLITERATE: Record<string, string> = {
  ø: 'o',
  æ: 'ae',
  œ: 'oe',
  ß: 'ss',
  đ: 'd',
  ð: 'd',
  ł: 'l',
  þ: 'th',
  ı: 'i',
};

/** A username proposal from an e-mail's local part: `Søren.Ærø+news@x.dk` → `soren.aero`. */
export const usernameBase = (email: string, minLength = 3): string => {
  const local = email.slice(0, email.lastIndexOf('@')).split('+')[0];
  const cleaned = local
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[øæœßđðłþı]/g, (letter) => TRANSLITERATE[letter])
    .replace(/[^a-z0-9._-]/g, '')
    .replace(/^[._-]+|[._-]+$/g, '');
  if (cleaned.length === 0) return 'user';
  return cleaned.length < minLength ? `user-${cleaned}` : cleaned;
};

/**
 * `base`, or `base-2`, `base-3`… : the first that `taken` says is free, cut to `maxLength`.
 * Pass the same `next` map to a series of calls so each base resumes where it stopped (a file of
 * ten thousand info@… addresses would otherwise cost fifty million checks).
 */
export const uniqueUsername = (
  base: string,
  taken: (name: string) => boolean,
  next?: Map<string, number>,
  maxLength = 255
): string => {
  let suffix = next?.get(base) ?? 1;
  for (let tries = 0; tries < 1_000_000; tries += 1) {
    const tail = suffix === 1 ? '' : `-${suffix}`;
    const candidate = `${[...base].slice(0, maxLength - tail.length).join('')}${tail}`;
    if (!taken(candidate)) {
      next?.set(base, suffix + 1);
      return candidate;
    }
    suffix += 1;
  }
  throw new Error(`No free username found for "${base}"`);
};
