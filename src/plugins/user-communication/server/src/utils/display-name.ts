import type { Origin } from '../constants';

/** Longest name a mail shows; a greeting, not a place for a paragraph. */
export const DISPLAY_NAME_MAX = 64;

// Line and paragraph separators break lines in a text part as \n does; C0/C1 controls
// include the \r\n that would let a name write its own paragraphs.
const BREAKING = /[\p{Cc}\p{Zl}\p{Zp}]/gu;
// Direction overrides and isolates reorder what the reader sees ("Trojan Source", CVE-2021-42574).
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** A user-chosen value as mail may show it: one line, no controls, at most `max` characters. */
export const displayText = (value: string, max = DISPLAY_NAME_MAX): string => {
  const clean = value.replace(BIDI_CONTROLS, '').replace(BREAKING, ' ').replace(/\s+/g, ' ').trim();
  // No more UTF-16 units than `max` is no more code points either: nothing to count.
  if (clean.length <= max) return clean;
  // Code points, not UTF-16 units: a cut never splits an emoji or other astral character.
  const characters = Array.from(clean);
  if (characters.length <= max) return clean;
  return `${characters
    .slice(0, max - 1)
    .join('')
    .trimEnd()}…`;
};

export interface Addressee {
  email: string;
  username?: string | null;
  origin?: Origin | null;
  /** When, or only whether, the account was activated and last logged in: whether is what counts. */
  activatedAt?: string | Date | boolean | null;
  lastLoginAt?: string | Date | boolean | null;
}

/**
 * The name a mail greets its recipient by. Anyone can register with someone else's address
 * and choose the name, so a name shows only once the account is activated and was not
 * self-registered: users-permissions lets a registrant log in (which activates) without ever
 * reading the mailbox when its e-mail confirmation is off, its default. Otherwise the mail
 * greets the address it is sent to, which says nothing the recipient does not know.
 */
export const greetingName = (user: Addressee): string => {
  const activated = Boolean(user.activatedAt || user.lastLoginAt);
  const namedByPlatform = user.origin !== 'self-registration';
  const name = activated && namedByPlatform && user.username ? displayText(user.username) : '';
  return name || user.email;
};
