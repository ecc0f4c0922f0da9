/** The plugin's key in config/plugins.ts and `strapi.name` in package.json: the namespace of its UIDs and routes. */
export const PLUGIN_ID = 'user-communication';
