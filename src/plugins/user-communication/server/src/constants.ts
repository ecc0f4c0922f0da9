import { PLUGIN_ID } from '../../shared/plugin-id';

export { PLUGIN_ID };
export { ORIGINS, type Origin } from '../../shared/contracts/users';
export {
  MESSAGE_STATUSES,
  MESSAGE_TYPES,
  type MessageStatus,
  type MessageType,
} from '../../shared/contracts/messages';

export const USER_UID = 'plugin::users-permissions.user';
export const ROLE_UID = 'plugin::users-permissions.role';
export const SETTINGS_UID = `plugin::${PLUGIN_ID}.setting`;
export const MESSAGE_UID = `plugin::${PLUGIN_ID}.message`;
export const TEMPLATE_UID = `plugin::${PLUGIN_ID}.template`;
export const TOKEN_UID = `plugin::${PLUGIN_ID}.token`;
export const RATE_LIMIT_UID = `plugin::${PLUGIN_ID}.rate-limit`;
export const REMINDER_RUN_UID = `plugin::${PLUGIN_ID}.reminder-run`;
export const IMPORT_UID = `plugin::${PLUGIN_ID}.import`;
export const IMPORT_ROW_UID = `plugin::${PLUGIN_ID}.import-row`;
export const AUDIT_EVENT_UID = `plugin::${PLUGIN_ID}.audit-event`;
export const SPENT_ID_TOKEN_UID = `plugin::${PLUGIN_ID}.spent-id-token`;
export const DELIVERY_EVENT_UID = `plugin::${PLUGIN_ID}.delivery-event`;

export const TOKEN_PURPOSES = ['activation', 'password-reset', 'password-change'] as const;
export type TokenPurpose = (typeof TOKEN_PURPOSES)[number];
