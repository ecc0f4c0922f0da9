export type SendErrorKind = 'temporary' | 'permanent';

interface MailError {
  responseCode?: number;
  code?: string;
  message?: string;
  /** The SMTP command nodemailer was answering, e.g. `RCPT TO`. */
  command?: string;
}

// ELINKSEAL: a message whose link token cannot be unsealed will not get better by waiting.
const PERMANENT_CODES = new Set(['EENVELOPE', 'EMESSAGE', 'ELINKSEAL']);

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

/** The receiving server refused the recipient's address for good (5xx to RCPT TO, RFC 5321 §3.3). */
export const isRecipientRejection = (error: unknown): boolean => {
  const { responseCode, command } = (error ?? {}) as MailError;
  return (
    typeof responseCode === 'number' &&
    responseCode >= 500 &&
    responseCode < 600 &&
    (command ?? '').toUpperCase().startsWith('RCPT')
  );
};
