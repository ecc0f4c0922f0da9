export const PLUGIN_ID = 'user-communication';

export const USER_UID = 'plugin::users-permissions.user';
export const SETTINGS_UID = `plugin::${PLUGIN_ID}.setting`;

/** How an account came to exist; it decides which messages the user gets. */
export const ORIGINS = ['manual', 'integration', 'excel', 'sso', 'self-registration'] as const;
export type Origin = (typeof ORIGINS)[number];

/** Admin RBAC actions, registered in bootstrap and checked by the admin routes. */
export const ACTIONS = {
  settingsRead: `plugin::${PLUGIN_ID}.settings.read`,
  settingsUpdate: `plugin::${PLUGIN_ID}.settings.update`,
} as const;
