import { PLUGIN_ID } from './pluginId';

const action = (name: string) => [{ action: `plugin::${PLUGIN_ID}.${name}`, subject: null }];

// Same action ids as the server's constants.ts (ACTIONS); the admin bundle cannot import server code.
export const PERMISSIONS = {
  readSettings: action('settings.read'),
  updateSettings: action('settings.update'),
  readTemplates: action('templates.read'),
  updateTemplates: action('templates.update'),
  readMessages: action('messages.read'),
  retryMessages: action('messages.retry'),
  resendActivation: action('users.resend-activation'),
  resetPassword: action('users.reset-password'),
  setPassword: action('users.set-password'),
  runReminders: action('reminders.run'),
  importUsers: action('users.import'),
};
