const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** A URL a link token may be sent in the clear to: https, or http on this machine. */
export const isSecureUrl = (url: URL): boolean =>
  url.protocol === 'https:' || (url.protocol === 'http:' && LOCAL_HOSTS.has(url.hostname));

/**
 * `value` as a URL, when it is absolute, secure and on the origin of one of `allowed`; else
 * null. A page that receives link tokens must be one the platform controls.
 */
export const trustedPageUrl = (value: string, allowed: string[]): URL | null => {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  const origins = allowed.flatMap((base) => {
    try {
      return [new URL(base).origin];
    } catch {
      return [];
    }
  });
  return isSecureUrl(url) && origins.includes(url.origin) ? url : null;
};
