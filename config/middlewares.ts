import type { Core } from '@strapi/strapi';

const config: Core.Config.Middlewares = [
  // strapi::logger with the codes and tokens in URLs hidden (SSO's ?code=, ?confirmation=).
  'plugin::user-communication.request-log',
  'strapi::errors',
  'strapi::security',
  'strapi::cors',
  'strapi::poweredBy',
  'strapi::query',
  'strapi::body',
  'strapi::session',
  'strapi::favicon',
  'strapi::public',
];

export default config;
