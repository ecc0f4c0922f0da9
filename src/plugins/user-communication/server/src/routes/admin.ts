import { ACTIONS } from '../constants';

const requires = (...actions: string[]) => ({
  policies: ['admin::isAuthenticatedAdmin', { name: 'admin::hasPermissions', config: { actions } }],
});

const TEMPLATE = '/templates/:type/:locale';

export default {
  type: 'admin',
  routes: [
    {
      method: 'GET',
      path: '/settings',
      handler: 'settings.find',
      config: requires(ACTIONS.settingsRead),
    },
    {
      method: 'PUT',
      path: '/settings',
      handler: 'settings.update',
      config: requires(ACTIONS.settingsUpdate),
    },

    {
      method: 'GET',
      path: '/templates',
      handler: 'templates.list',
      config: requires(ACTIONS.templatesRead),
    },
    {
      method: 'GET',
      path: TEMPLATE,
      handler: 'templates.find',
      config: requires(ACTIONS.templatesRead),
    },
    {
      method: 'PUT',
      path: TEMPLATE,
      handler: 'templates.update',
      config: requires(ACTIONS.templatesUpdate),
    },
    {
      method: 'DELETE',
      path: TEMPLATE,
      handler: 'templates.reset',
      config: requires(ACTIONS.templatesUpdate),
    },
    {
      method: 'POST',
      path: `${TEMPLATE}/preview`,
      handler: 'templates.preview',
      config: requires(ACTIONS.templatesRead),
    },
    {
      method: 'POST',
      path: `${TEMPLATE}/test-send`,
      handler: 'templates.testSend',
      config: requires(ACTIONS.templatesUpdate),
    },

    {
      method: 'GET',
      path: '/messages',
      handler: 'messages.list',
      config: requires(ACTIONS.messagesRead),
    },
    {
      method: 'GET',
      path: '/messages/:id',
      handler: 'messages.find',
      config: requires(ACTIONS.messagesRead),
    },
    {
      method: 'POST',
      path: '/messages/:id/retry',
      handler: 'messages.retry',
      config: requires(ACTIONS.messagesRetry),
    },

    {
      method: 'GET',
      path: '/reminders/preview',
      handler: 'reminders.preview',
      config: requires(ACTIONS.settingsRead),
    },
    {
      method: 'GET',
      path: '/reminders/runs',
      handler: 'reminders.runs',
      config: requires(ACTIONS.settingsRead),
    },
    {
      method: 'POST',
      path: '/reminders/run',
      handler: 'reminders.run',
      config: requires(ACTIONS.remindersRun),
    },

    {
      method: 'POST',
      path: '/activation/resend',
      handler: 'activation.resend',
      config: requires(ACTIONS.resendActivation),
    },
    {
      method: 'POST',
      path: '/users/:id/reset-password',
      handler: 'users.resetPassword',
      config: requires(ACTIONS.resetPassword),
    },
    {
      method: 'POST',
      path: '/users/:id/password',
      handler: 'users.setPassword',
      config: requires(ACTIONS.setPassword),
    },

    {
      method: 'GET',
      path: '/imports/template.xlsx',
      handler: 'imports.template',
      config: requires(ACTIONS.importUsers),
    },
    {
      method: 'POST',
      path: '/imports',
      handler: 'imports.upload',
      config: requires(ACTIONS.importUsers),
    },
    {
      method: 'GET',
      path: '/imports/:id',
      handler: 'imports.find',
      config: requires(ACTIONS.importUsers),
    },
    {
      method: 'POST',
      path: '/imports/:id/commit',
      handler: 'imports.commit',
      config: requires(ACTIONS.importUsers),
    },
    {
      method: 'GET',
      path: '/imports/:id/report.csv',
      handler: 'imports.report',
      config: requires(ACTIONS.importUsers),
    },

    // The built-in account pages, for people who hold an emailed link (no admin session).
    { method: 'GET', path: '/activate', handler: 'pages.activate', config: { auth: false } },
    {
      method: 'GET',
      path: '/reset-password',
      handler: 'pages.resetPassword',
      config: { auth: false },
    },
    { method: 'GET', path: '/assets/account.js', handler: 'pages.script', config: { auth: false } },
    { method: 'GET', path: '/assets/account.css', handler: 'pages.style', config: { auth: false } },
  ],
};
