import { isFeedbackConfigured, type FeedbackOptions } from '../config/feedback';
import { METADATA_KEY } from './postmark';

/**
 * Headers that make a provider echo our Message-ID on its events, for the providers whose
 * webhook is configured: Postmark reports its own MessageID and the message's Metadata
 * (`X-PM-Metadata-<key>` over SMTP); SendGrid echoes unique arguments (X-SMTPAPI) on every
 * event, engagement events such as spam reports included, which may lack `smtp-id`.
 */
export const providerReferenceHeaders = (
  smtpMessageId: string | null,
  options: FeedbackOptions
): Record<string, string> => {
  if (!smtpMessageId) return {};
  const headers: Record<string, string> = {};
  if (isFeedbackConfigured(options, 'postmark'))
    headers[`X-PM-Metadata-${METADATA_KEY}`] = smtpMessageId;
  if (isFeedbackConfigured(options, 'sendgrid'))
    headers['X-SMTPAPI'] = JSON.stringify({ unique_args: { uc_message_id: smtpMessageId } });
  return headers;
};
