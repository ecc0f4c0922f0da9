export const PLUGIN_ID = 'user-communication';

export const USER_UID = 'plugin::users-permissions.user';
export const SETTINGS_UID = `plugin::${PLUGIN_ID}.setting`;
export const MESSAGE_UID = `plugin::${PLUGIN_ID}.message`;
export const TEMPLATE_UID = `plugin::${PLUGIN_ID}.template`;
export const TOKEN_UID = `plugin::${PLUGIN_ID}.token`;
export const RATE_LIMIT_UID = `plugin::${PLUGIN_ID}.rate-limit`;
export const REMINDER_RUN_UID = `plugin::${PLUGIN_ID}.reminder-run`;
export const IMPORT_UID = `plugin::${PLUGIN_ID}.import`;
export const IMPORT_ROW_UID = `plugin::${PLUGIN_ID}.import-row`;

/** How an account came to exist; it decides which messages the user gets. */
export const ORIGINS = ['manual', 'integration', 'excel', 'sso', 'self-registration'] as const;
export type Origin = (typeof ORIGINS)[number];

export const MESSAGE_TYPES = [
  'activation',
  'password-reset',
  'password-changed',
  'no-login-reminder',
  'test',
] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];

export const MESSAGE_STATUSES = ['queued', 'sending', 'sent', 'failed', 'dead'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/** Admin RBAC actions, registered in bootstrap and checked by the admin routes. */
export const ACTIONS = {
  settingsRead: `plugin::${PLUGIN_ID}.settings.read`,
  settingsUpdate: `plugin::${PLUGIN_ID}.settings.update`,
  templatesRead: `plugin::${PLUGIN_ID}.templates.read`,
  templatesUpdate: `plugin::${PLUGIN_ID}.templates.update`,
  messagesRead: `plugin::${PLUGIN_ID}.messages.read`,
  messagesRetry: `plugin::${PLUGIN_ID}.messages.retry`,
  resendActivation: `plugin::${PLUGIN_ID}.users.resend-activation`,
  resetPassword: `plugin::${PLUGIN_ID}.users.reset-password`,
  setPassword: `plugin::${PLUGIN_ID}.users.set-password`,
  importUsers: `plugin::${PLUGIN_ID}.users.import`,
  remindersRun: `plugin::${PLUGIN_ID}.reminders.run`,
} as const;

export const TOKEN_PURPOSES = ['activation', 'password-reset', 'password-change'] as const;
export type TokenPurpose = (typeof TOKEN_PURPOSES)[number];
