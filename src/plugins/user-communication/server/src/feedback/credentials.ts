import crypto from 'node:crypto';

const digest = (value: string) => crypto.createHash('sha256').update(value, 'utf8').digest();

/**
 * Compares a presented secret with the configured one in constant time: both are digested
 * first, so neither the content nor the length of the secret shows in the time taken.
 */
export const sameSecret = (presented: string | null, expected: string): boolean =>
  presented !== null && crypto.timingSafeEqual(digest(presented), digest(expected));

/** `user:password` of an `Authorization: Basic …` header (RFC 7617), or null. */
export const basicCredentials = (header: string | undefined): string | null => {
  const match = /^basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  return match ? Buffer.from(match[1], 'base64').toString('utf8') : null;
};

/** The token of an `Authorization: Bearer …` header (RFC 6750), or null. */
export const bearerToken = (header: string | undefined): string | null => {
  const match = /^bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match ? match[1] : null;
};
