/**
 * How a link token travels through the outbox without being readable there. A message is
 * rendered when it is queued, with its token in the link; before the row is written, every
 * occurrence of the token is replaced by a slot (a random name, different for every message)
 * and the token itself is sealed with AES-256-GCM under a key that lives outside the database.
 * The worker opens the seal and fills the slot just before handing the message to SMTP; once
 * the message is sent, the seal is dropped. A copy of the database, the message log, a failed
 * insert's logged values: none hold a usable token.
 *
 * Replacing the token (not the link) works whatever the part's encoding: a token is 43 base64url
 * characters, which HTML escaping and percent-encoding leave as they are.
 */
import crypto from 'node:crypto';

const VERSION = 'v1';
const SLOT_PREFIX = 'uc-hidden-link-';
/** A slot as stored in a body: the prefix and 22 base64url characters (128 random bits). */
export const SLOT_PATTERN = /uc-hidden-link-[A-Za-z0-9_-]{22}/g;

export type LinkKey = Buffer;

/** The sealing key, derived (HKDF-SHA-256) from a secret of the deployment, for this use only. */
export const linkKeyFrom = (secret: string): LinkKey =>
  Buffer.from(crypto.hkdfSync('sha256', secret, 'user-communication', 'outbox link token v1', 32));

export const newSlot = (): string =>
  `${SLOT_PREFIX}${crypto.randomBytes(16).toString('base64url')}`;

export const seal = (key: LinkKey, token: string): string => {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
  const sealed = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]);
  return [VERSION, iv, sealed, cipher.getAuthTag()]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
    .join('.');
};

/** The token, or null when the seal was not made with this key (rotated) or was altered. */
export const open = (key: LinkKey, value: string): string | null => {
  const [version, iv, sealed, tag] = value.split('.');
  if (version !== VERSION || !iv || !sealed || !tag) return null;
  try {
    const decipher = crypto.createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([
      decipher.update(Buffer.from(sealed, 'base64url')),
      decipher.final(),
    ]).toString('utf8');
  } catch {
    return null;
  }
};

/** `text` with every occurrence of `token` replaced by `slot`. */
export const hideToken = (text: string, token: string, slot: string): string =>
  text.split(token).join(slot);

/** `text` with `slot` filled by `token` again. */
export const revealToken = (text: string, slot: string, token: string): string =>
  text.split(slot).join(token);
