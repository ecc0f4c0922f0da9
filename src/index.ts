import type { Core } from '@strapi/strapi';

/**
 * The reference app adds nothing of its own: every behaviour lives in the
 * user-communication plugin (src/plugins/user-communication).
 */
export default {
  register(_: { strapi: Core.Strapi }) {},
  bootstrap(_: { strapi: Core.Strapi }) {},
};
