import type { Core } from '@strapi/strapi';

interface ClosableProvider {
  close?: () => void;
}

/**
 * The reference app adds no behaviour of its own: everything lives in the
 * user-communication plugin (src/plugins/user-communication).
 */
export default {
  register() {},
  bootstrap() {},
  // config/plugins.ts pools SMTP connections; Strapi does not close the email provider on
  // shutdown, so idle pooled sockets would keep the process (and the relay's slots) busy.
  destroy({ strapi }: { strapi: Core.Strapi }) {
    (strapi.plugin('email')?.provider as ClosableProvider | undefined)?.close?.();
  },
};
