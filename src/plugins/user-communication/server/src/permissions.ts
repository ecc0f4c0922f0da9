import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from './constants';

const ACTION_DEFINITIONS = [
  { uid: 'settings.read', displayName: 'Read settings', subCategory: 'settings' },
  { uid: 'settings.update', displayName: 'Update settings', subCategory: 'settings' },
  { uid: 'templates.read', displayName: 'Read templates', subCategory: 'templates' },
  {
    uid: 'templates.update',
    displayName: 'Edit templates and send tests',
    subCategory: 'templates',
  },
  { uid: 'messages.read', displayName: 'Read the message log', subCategory: 'messages' },
  { uid: 'messages.retry', displayName: 'Retry dead messages', subCategory: 'messages' },
  {
    uid: 'users.resend-activation',
    displayName: 'Resend activation e-mails',
    subCategory: 'users',
  },
  { uid: 'users.reset-password', displayName: 'Send password reset e-mails', subCategory: 'users' },
  {
    uid: 'users.set-password',
    displayName: 'Set passwords (one-time or permanent)',
    subCategory: 'users',
  },
  { uid: 'users.import', displayName: 'Import users from Excel or CSV', subCategory: 'users' },
  { uid: 'reminders.run', displayName: 'Run the no-login reminder now', subCategory: 'reminders' },
];

/** Registers the admin RBAC actions so roles can be granted them in Settings → Roles. */
export const registerPermissions = async (strapi: Core.Strapi): Promise<void> => {
  await strapi
    .service('admin::permission')
    .actionProvider.registerMany(
      ACTION_DEFINITIONS.map((action) => ({ section: 'plugins', pluginName: PLUGIN_ID, ...action }))
    );
};
