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
  // Behind PROXY_HOPS trusted reverse proxies (load balancer, TLS terminator), the client address
  // is the one the outermost of them saw, read from the right of X-Forwarded-For: the entries a
  // client writes itself are never trusted. With 0 (no proxy) the header is ignored.
  proxy: {
    koa: env.int('PROXY_HOPS', 0) > 0,
    maxIpsCount: env.int('PROXY_HOPS', 0),
    ipHeader: env('PROXY_IP_HEADER', 'X-Forwarded-For'),
  },
});

export default config;
