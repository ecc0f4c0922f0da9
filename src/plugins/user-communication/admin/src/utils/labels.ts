import type { MessageStatus, MessageType } from '../../../shared/contracts/messages';
import type { Origin } from '../../../shared/contracts/users';

// Fallbacks for translations/en.json keys `type.<type>`, `status.<status>` and `origin.<origin>`.
export const TYPE_LABELS: Record<MessageType, string> = {
  activation: 'Activation',
  'password-reset': 'Password reset',
  'password-changed': 'Password changed',
  'no-login-reminder': 'No login reminder',
  test: 'Test e-mail',
};

export const STATUS_LABELS: Record<MessageStatus | 'captured', string> = {
  queued: 'Queued',
  sending: 'Sending',
  sent: 'Sent',
  captured: 'Captured',
  failed: 'Failed',
  dead: 'Dead',
};

export const ORIGIN_LABELS: Record<Origin, string> = {
  manual: 'Created by an admin',
  integration: 'Created by an integration',
  excel: 'Imported from Excel',
  sso: 'Single sign-on (SSO)',
  'self-registration': 'Registered themselves',
};
