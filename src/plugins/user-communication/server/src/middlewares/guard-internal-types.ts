import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../constants';

const INTERNAL_TYPE = new RegExp(`plugin::${PLUGIN_ID}\\.`);
const GENERIC_APIS =
  /^\/(content-manager|content-type-builder|content-releases|review-workflows|i18n)\//;

interface KoaContext {
  path: string;
  status: number;
  body: unknown;
}

/**
 * Hiding a content type from the Content Manager's menu does not close its API: a super
 * admin could still list the token table, digests included, and filter on them. The
 * plugin's tables are reached only through its own routes, which return explicit shapes.
 */
export const guardInternalTypes = (strapi: Core.Strapi): void => {
  strapi.server.use(async (ctx: KoaContext, next: () => Promise<unknown>) => {
    let path = ctx.path;
    try {
      path = decodeURIComponent(ctx.path);
    } catch {
      // A malformed escape cannot name one of our types once decoded either; check it as it is.
    }
    if (GENERIC_APIS.test(path) && INTERNAL_TYPE.test(path)) {
      ctx.status = 404;
      ctx.body = {
        data: null,
        error: { status: 404, name: 'NotFoundError', message: 'Not Found', details: {} },
      };
      return;
    }
    await next();
  });
};
