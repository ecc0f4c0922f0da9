import { PLUGIN_ID } from './pluginId';

// Same action ids as the server's constants.ts (ACTIONS); the admin bundle cannot import server code.
export const PERMISSIONS = {
  readSettings: [{ action: `plugin::${PLUGIN_ID}.settings.read`, subject: null }],
  updateSettings: [{ action: `plugin::${PLUGIN_ID}.settings.update`, subject: null }],
};
