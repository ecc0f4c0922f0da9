import type { Core } from '@strapi/strapi';
import { secretList } from '../src/utils/secrets';

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Server => ({
  host: env('HOST', '0.0.0.0'),
  port: env.int('PORT', 1337),
  // The absolute public URL; links in e-mails are built from configuration, never from the Host header.
  url: env('PUBLIC_URL', ''),
  app: {
    keys: secretList(env, 'APP_KEYS'),
  },
});

export default config;
