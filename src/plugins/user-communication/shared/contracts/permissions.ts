import { PLUGIN_ID } from '../plugin-id';

/**
 * The admin RBAC actions: registered by the server, checked by its routes, and asked for by
 * the admin's pages and Content Manager actions.
 */
export const PERMISSIONS = [
  { action: 'settings.read', displayName: 'Read settings', subCategory: 'settings' },
  { action: 'settings.update', displayName: 'Update settings', subCategory: 'settings' },
  { action: 'templates.read', displayName: 'Read templates', subCategory: 'templates' },
  {
    action: 'templates.update',
    displayName: 'Edit templates and send tests',
    subCategory: 'templates',
  },
  { action: 'messages.read', displayName: 'Read the message log', subCategory: 'messages' },
  { action: 'messages.retry', displayName: 'Retry dead messages', subCategory: 'messages' },
  {
    action: 'users.resend-activation',
    displayName: 'Resend activation e-mails',
    subCategory: 'users',
  },
  {
    action: 'users.reset-password',
    displayName: 'Send password reset e-mails',
    subCategory: 'users',
  },
  {
    action: 'users.set-password',
    displayName: 'Set passwords (one-time or permanent)',
    subCategory: 'users',
  },
  {
    action: 'users.clear-email-status',
    displayName: 'Mark addresses deliverable again',
    subCategory: 'users',
  },
  { action: 'users.import', displayName: 'Import users from Excel or CSV', subCategory: 'users' },
  {
    action: 'reminders.run',
    displayName: 'Run the no-login reminder now',
    subCategory: 'reminders',
  },
  { action: 'audit.read', displayName: 'Read the audit trail', subCategory: 'audit' },
  {
    action: 'funnel.read',
    displayName: 'Read the activation funnel (Communication page)',
    subCategory: 'users',
  },
] as const;

export type PermissionAction = (typeof PERMISSIONS)[number]['action'];

/** The action's UID, as Strapi's RBAC knows it: `plugin::user-communication.settings.read`. */
export const permissionUid = <Action extends PermissionAction>(action: Action) =>
  `plugin::${PLUGIN_ID}.${action}` as const;
