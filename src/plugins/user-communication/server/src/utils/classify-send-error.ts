export type SendErrorKind = 'temporary' | 'permanent';

interface MailError {
  responseCode?: number;
  code?: string;
  message?: string;
  /** The server's reply, e.g. `550 5.1.1 <x@example.org>: Recipient address rejected`. */
  response?: string;
  /** The SMTP command nodemailer was answering, e.g. `RCPT TO`. */
  command?: string;
}

// ELINKSEAL: a message whose link token cannot be unsealed will not get better by waiting;
// ERENDER: nor one whose stored variables cannot be rendered (services/message-bodies.ts).
const PERMANENT_CODES = new Set(['EENVELOPE', 'EMESSAGE', 'ELINKSEAL', 'ERENDER']);

/**
 * Sorts a delivery error into what to do next. SMTP 5xx is a permanent refusal for this
 * message (RFC 5321 §4.2.1): retrying it unchanged only burns the sender's reputation.
 * 4xx and network errors are temporary (RFC 5321 §4.5.4.1: queue and retry).
 */
export const classifySendError = (error: unknown): SendErrorKind => {
  const { responseCode, code } = (error ?? {}) as MailError;
  if (typeof responseCode === 'number') {
    if (responseCode >= 500 && responseCode < 600) return 'permanent';
    return 'temporary';
  }
  if (code && PERMANENT_CODES.has(code)) return 'permanent';
  return 'temporary';
};

/** A one-line description for the message log, without stack traces or credentials. */
export const describeSendError = (error: unknown): string => {
  const { responseCode, code, message } = (error ?? {}) as MailError;
  const text = message?.split('\n')[0];
  // nodemailer's messages often start with the code already ("Message failed: 550 …").
  const status =
    responseCode && !text?.includes(String(responseCode)) ? String(responseCode) : undefined;
  const parts = [code, status, text].filter(Boolean);
  return (parts.join(' ') || 'Unknown delivery error').slice(0, 1000);
};

// RFC 3463 enhanced status codes: class.subject.detail.
const ENHANCED_STATUS = /\b([245])\.(\d{1,3})\.(\d{1,3})\b/;
// Without an enhanced code (RFC 5321 §4.2.3): mailbox unavailable, not local, name not allowed.
const ADDRESS_REPLY_CODES = new Set([550, 551, 553]);

/**
 * Whether a permanent failure says the address itself is bad (RFC 3463): subject 1 (addressing:
 * no such user, bad domain…) or 5.2.1 (mailbox disabled). Anything else (5.7.x policy and
 * spam blocks, 5.2.2 mailbox full, 5.3/5.4/5.5 system and routing) is about the sender, the
 * content or the path, and often comes from the sender's own relay: it must not suppress a user.
 */
export const isAddressFailure = (status: string, basicCode?: number): boolean => {
  const enhanced = ENHANCED_STATUS.exec(status);
  if (enhanced) {
    const [, klass, subject, detail] = enhanced;
    return klass === '5' && (subject === '1' || (subject === '2' && detail === '1'));
  }
  return basicCode !== undefined && ADDRESS_REPLY_CODES.has(basicCode);
};

/**
 * The receiving server refused the recipient's address for good: a 5xx to RCPT TO (RFC 5321
 * §3.3) that names the address as the reason (isAddressFailure). With a smart-host relay this
 * answer is the relay's: "554 5.7.1 Relay access denied" to every recipient is not a bounce.
 */
export const isRecipientRejection = (error: unknown): boolean => {
  const { responseCode, command, response } = (error ?? {}) as MailError;
  return (
    typeof responseCode === 'number' &&
    responseCode >= 500 &&
    responseCode < 600 &&
    (command ?? '').toUpperCase().startsWith('RCPT') &&
    isAddressFailure(response ?? '', responseCode)
  );
};
