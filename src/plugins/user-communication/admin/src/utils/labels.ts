import type { MessageStatus, MessageType } from '../api/messages';

// Fallbacks for translations/en.json keys `type.<type>` and `status.<status>`.
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
