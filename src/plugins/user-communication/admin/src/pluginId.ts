/** Must match the plugin's key in config/plugins.ts and `strapi.name` in package.json. */
export const PLUGIN_ID = 'user-communication';
