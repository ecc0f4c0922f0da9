import { SLOT_PATTERN } from './link-secrets';

/**
 * A link parameter that carries a token, in every form a body may hold it: raw (`#token=`),
 * HTML-escaped (`#token&#61;`, `&amp;code=`) or percent-encoded (`%23token%3D`).
 */
const TOKEN_IN_URL =
  /((?:[#?&]|&amp;|%23|%3F|%26)(?:token|code|confirmation|change)(?:=|&#61;|&#x3d;|%3D))[^&\s"'<>;%]+/gi;

/** The token of a reminder's unsubscribe link (path segment), raw or percent-encoded. */
const UNSUBSCRIBE_TOKEN = /((?:\/|%2F)unsubscribe(?:\/|%2F))[A-Za-z0-9_.-]+/gi;

/**
 * What an admin sees of a stored message: the slot of a hidden link token (link-secrets.ts)
 * and anything that still looks like a token in a link shown as `[hidden]`. The log is for
 * seeing what was sent, not for taking over the account it was sent to, nor for acting as its
 * recipient (an unsubscribe link).
 */
export const maskSecrets = (value: string | null | undefined): string =>
  (value ?? '')
    .replace(SLOT_PATTERN, '[hidden]')
    .replace(TOKEN_IN_URL, '$1[hidden]')
    .replace(UNSUBSCRIBE_TOKEN, '$1[hidden]');
