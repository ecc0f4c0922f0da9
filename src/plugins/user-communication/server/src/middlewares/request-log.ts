import type { Core } from '@strapi/strapi';
import { maskSecrets } from '../utils/mask-secrets';

export interface LoggedContext {
  method: string;
  url: string;
  status: number;
}

/**
 * Strapi's request log (`strapi::logger`, which it replaces in config/middlewares.ts), with the
 * secrets some URLs carry hidden: the authorization code on the way back from an identity
 * provider (`/api/connect/<provider>/callback?code=`), the e-mail confirmation code
 * (`/api/auth/email-confirmation?confirmation=`), link tokens. strapi::logger writes the whole
 * URL at the `http` level, and logs are kept longer and read by more people than the database.
 */
const requestLog =
  (_config: unknown, { strapi }: { strapi: Core.Strapi }) =>
  async (ctx: LoggedContext, next: () => Promise<unknown>) => {
    const start = Date.now();
    await next();
    const delta = Math.ceil(Date.now() - start);
    strapi.log.http(`${ctx.method} ${maskSecrets(ctx.url)} (${delta} ms) ${ctx.status}`);
  };

export default requestLog;
