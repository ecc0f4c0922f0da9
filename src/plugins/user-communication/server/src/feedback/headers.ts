import { isFeedbackConfigured, type FeedbackOptions } from '../config/feedback';
import { METADATA_KEY } from './postmark';

/** A header value as nodemailer takes it: a string it encodes as needed, or one it writes as is. */
export type MailHeader = string | { prepared: true; value: string };

/**
 * Headers that make a provider echo our Message-ID on its events, for the providers whose
 * webhook is configured: Postmark reports its own MessageID and the message's Metadata
 * (`X-PM-Metadata-<key>` over SMTP); SendGrid echoes unique arguments (X-SMTPAPI) on every
 * event, engagement events such as spam reports included, which may lack `smtp-id`.
 */
export const providerReferenceHeaders = (
  smtpMessageId: string | null,
  options: FeedbackOptions
): Record<string, MailHeader> => {
  if (!smtpMessageId) return {};
  const headers: Record<string, MailHeader> = {};
  if (isFeedbackConfigured(options, 'postmark'))
    headers[`X-PM-Metadata-${METADATA_KEY}`] = smtpMessageId;
  if (isFeedbackConfigured(options, 'sendgrid'))
    // Prepared: nodemailer would otherwise write JSON as encoded words, which SendGrid cannot read.
    headers['X-SMTPAPI'] = {
      prepared: true,
      value: JSON.stringify({ unique_args: { uc_message_id: smtpMessageId } }),
    };
  return headers;
};
