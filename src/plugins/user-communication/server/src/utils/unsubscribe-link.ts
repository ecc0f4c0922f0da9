/**
 * The token of a one-click unsubscribe link (RFC 8058): `<user>.<address>.<mac>`, where
 * - `user` is the user's documentId, base64url-encoded;
 * - `address` is a keyed digest (96 bits) of the user's documentId and the address the
 *   reminder went to, so the link stops working once the address changes: a mistyped address
 *   corrected by an admin, or a mailbox the user left, cannot unsubscribe the account later;
 * - `mac` is an HMAC-SHA-256 of the purpose and both parts, so a forged, altered or foreign
 *   (another deployment's key) link is refused before any database lookup, and no link can be
 *   turned into another user's.
 * Deterministic: the List-Unsubscribe header (added at send time) and `{{ unsubscribeLink }}`
 * (rendered at enqueue time) are the same URL.
 */
import crypto from 'node:crypto';
import type { LinkKey } from './link-secrets';

export type UnsubscribeKey = Buffer;

const PURPOSE = 'unsubscribe:no-login-reminder';
const TOKEN = /^([A-Za-z0-9_-]{1,128})\.([A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]{43})$/;

/** Its own key, derived from the link key (HKDF-SHA-256, its own label): no other use shares it. */
export const unsubscribeKeyFrom = (linkKey: LinkKey): UnsubscribeKey =>
  Buffer.from(crypto.hkdfSync('sha256', linkKey, 'user-communication', 'unsubscribe link v1', 32));

const hmac = (key: UnsubscribeKey, ...parts: string[]) =>
  crypto.createHmac('sha256', key).update(parts.join('\0')).digest();

const addressTag = (key: UnsubscribeKey, documentId: string, email: string) =>
  hmac(key, 'address', documentId, email.trim().toLowerCase())
    .subarray(0, 12)
    .toString('base64url');

const macOf = (key: UnsubscribeKey, user: string, address: string) =>
  hmac(key, PURPOSE, user, address).toString('base64url');

export const signUnsubscribe = (
  key: UnsubscribeKey,
  { documentId, email }: { documentId: string; email: string }
): string => {
  const user = Buffer.from(documentId, 'utf8').toString('base64url');
  const address = addressTag(key, documentId, email);
  return `${user}.${address}.${macOf(key, user, address)}`;
};

export interface UnsubscribeClaim {
  documentId: string;
  /** Whether the link was made for this address (the user's current one). */
  madeFor(email: string): boolean;
}

const equal = (a: string, b: string) => {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && crypto.timingSafeEqual(left, right);
};

/** What a token says, when this key signed it; null for anything else, whatever its shape. */
export const readUnsubscribe = (key: UnsubscribeKey, token: string): UnsubscribeClaim | null => {
  const match = TOKEN.exec(token);
  if (!match) return null;
  const [, user, address, mac] = match;
  if (!equal(mac, macOf(key, user, address))) return null;
  const documentId = Buffer.from(user, 'base64url').toString('utf8');
  return {
    documentId,
    madeFor: (email) => equal(address, addressTag(key, documentId, email)),
  };
};
