import type { Core } from '@strapi/strapi';

// Strapi's default level is `silly`; LOG_LEVEL lets tests and production quiet it down.
const config = ({ env }: Core.Config.Shared.ConfigParams) => ({
  level: env('LOG_LEVEL', 'http'),
});

export default config;
