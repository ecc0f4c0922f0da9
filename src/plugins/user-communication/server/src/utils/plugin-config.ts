import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../constants';
import type { PluginConfig } from '../config';
import { linkKeyFrom, type LinkKey } from './link-secrets';

/** The plugin's options, merged over the defaults and validated at boot. */
export const pluginConfig = (strapi: Core.Strapi): PluginConfig =>
  strapi.config.get(`plugin::${PLUGIN_ID}`) as PluginConfig;

const linkKeys = new WeakMap<Core.Strapi, LinkKey>();

/** The key that seals link tokens in the outbox; bootstrap fails without one. */
export const linkKey = (strapi: Core.Strapi): LinkKey => {
  const known = linkKeys.get(strapi);
  if (known) return known;
  const secret =
    pluginConfig(strapi).linkSecretKey ??
    (strapi.config.get('admin.secrets.encryptionKey') as string | undefined);
  if (!secret) {
    throw new Error(
      "The user-communication plugin needs a secret to seal link tokens: set its linkSecretKey option, or the admin's secrets.encryptionKey (ENCRYPTION_KEY)."
    );
  }
  const key = linkKeyFrom(secret);
  linkKeys.set(strapi, key);
  return key;
};
