import type { AuditAction } from '../../../shared/contracts/audit';
import { permissionUid, type PermissionAction } from '../../../shared/contracts/permissions';
import { USER_UID } from '../constants';
import { audited } from '../middlewares/audit';

/** The handlers whose successes the audit trail records, and the action each is recorded as. */
const AUDITED = new Map<string, AuditAction>([
  ['activation.resend', 'activation.resend'],
  ['users.resetPassword', 'users.reset-password'],
  ['users.setPassword', 'users.set-password'],
  ['users.clearEmailStatus', 'users.clear-email-status'],
  ['imports.commit', 'imports.commit'],
  ['settings.update', 'settings.update'],
  ['templates.update', 'templates.update'],
  ['templates.reset', 'templates.update'],
  ['reminders.run', 'reminders.run'],
  ['messages.retry', 'messages.retry'],
]);

/** A route for admins holding the RBAC action. */
const admin = (method: string, path: string, handler: string, action: PermissionAction) => {
  const recordedAs = AUDITED.get(handler);
  return {
    method,
    path,
    handler,
    config: {
      policies: [
        'admin::isAuthenticatedAdmin',
        { name: 'admin::hasPermissions', config: { actions: [permissionUid(action)] } },
      ],
      middlewares: recordedAs ? [audited(recordedAs)] : [],
    },
  };
};

/**
 * A route for admins who may read users in the Content Manager: what its list shows (the
 * Status column) is theirs to see without a plugin right.
 */
const readingUsers = (method: string, path: string, handler: string) => ({
  method,
  path,
  handler,
  config: {
    policies: [
      'admin::isAuthenticatedAdmin',
      {
        name: 'admin::hasPermissions',
        config: { actions: [['plugin::content-manager.explorer.read', USER_UID]] },
      },
    ],
  },
});

/** The built-in account pages, for people who hold an emailed link (no admin session). */
const page = (path: string, handler: string) => ({
  method: 'GET',
  path,
  handler,
  config: { auth: false },
});

const TEMPLATE = '/templates/:type/:locale';

export default {
  type: 'admin',
  routes: [
    admin('GET', '/settings', 'settings.find', 'settings.read'),
    admin('GET', '/settings/scim', 'settings.scimConnection', 'settings.read'),
    admin('PUT', '/settings', 'settings.update', 'settings.update'),

    admin('GET', '/templates', 'templates.list', 'templates.read'),
    admin('GET', '/templates/users-permissions', 'templates.usersPermissions', 'templates.read'),
    admin('GET', TEMPLATE, 'templates.find', 'templates.read'),
    admin('PUT', TEMPLATE, 'templates.update', 'templates.update'),
    admin('DELETE', TEMPLATE, 'templates.reset', 'templates.update'),
    admin('POST', `${TEMPLATE}/preview`, 'templates.preview', 'templates.read'),
    admin('POST', `${TEMPLATE}/test-send`, 'templates.testSend', 'templates.update'),

    admin('GET', '/messages', 'messages.list', 'messages.read'),
    admin('GET', '/messages/:id', 'messages.find', 'messages.read'),
    admin('POST', '/messages/:id/retry', 'messages.retry', 'messages.retry'),

    admin('GET', '/reminders/preview', 'reminders.preview', 'settings.read'),
    admin('GET', '/reminders/runs', 'reminders.runs', 'settings.read'),
    admin('POST', '/reminders/run', 'reminders.run', 'reminders.run'),

    admin('GET', '/audit', 'audit.list', 'audit.read'),

    readingUsers('GET', '/users/status', 'account-status.forUsers'),
    admin('GET', '/funnel', 'funnel.figures', 'funnel.read'),
    admin('GET', '/funnel/users', 'funnel.users', 'funnel.read'),

    admin('POST', '/activation/resend', 'activation.resend', 'users.resend-activation'),
    admin('POST', '/users/:id/reset-password', 'users.resetPassword', 'users.reset-password'),
    admin('POST', '/users/:id/password', 'users.setPassword', 'users.set-password'),
    admin(
      'POST',
      '/users/email-status/clear',
      'users.clearEmailStatus',
      'users.clear-email-status'
    ),

    admin('GET', '/imports/template.xlsx', 'imports.template', 'users.import'),
    admin('POST', '/imports', 'imports.upload', 'users.import'),
    admin('GET', '/imports/:id', 'imports.find', 'users.import'),
    admin('POST', '/imports/:id/commit', 'imports.commit', 'users.import'),
    admin('GET', '/imports/:id/report.csv', 'imports.report', 'users.import'),

    page('/activate', 'account-pages.activate'),
    page('/reset-password', 'account-pages.resetPassword'),
    page('/assets/account.js', 'account-pages.script'),
    page('/assets/account.css', 'account-pages.style'),
  ],
};
