import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../constants';
import { ERROR_MESSAGE, MAX_BODY_BYTES, SCIM_MEDIA_TYPE, SCIM_PATH } from '../scim/constants';
import { errorBody } from '../scim/errors';

interface EnvelopeContext {
  path: string;
  request: { length?: number };
  status: number;
  body: unknown;
  type: string;
  set(field: string, value: string): void;
}

/** Used when Strapi's own message says nothing a SCIM client's administrator could act on. */
const DETAILS: Record<number, string> = {
  401: 'Authentication failed: send a valid Strapi API token as "Authorization: Bearer <token>"',
  403: 'This API takes a Strapi API token allowed the SCIM permission of user-communication (Settings → API Tokens); a user login is refused',
  404: 'No such SCIM endpoint',
  405: 'Method not allowed on this SCIM endpoint',
  413: 'The body is too large',
  500: 'Internal error; the server log has the details',
};

const GENERIC = new Set(['Forbidden', 'Unauthorized', 'Not Found', 'Internal Server Error', '']);

const strapiMessage = (body: unknown): string => {
  const message = (body as { error?: { message?: unknown } } | null)?.error?.message;
  return typeof message === 'string' ? message : '';
};

const isScimError = (body: unknown) =>
  Array.isArray((body as { schemas?: unknown } | null)?.schemas) &&
  (body as { schemas: unknown[] }).schemas.includes(ERROR_MESSAGE);

/**
 * Every answer under /api/user-communication/scim/v2 is a SCIM answer: `application/scim+json`,
 * and errors in the RFC 7644 §3.12 shape, including those Strapi writes before the SCIM
 * route runs (401 and 403 of authentication, 404 of an unknown path, a 413 of koa-body).
 * A server middleware (the outermost layer) because those answers never reach a route
 * middleware.
 */
export const scimEnvelope = (strapi: Core.Strapi): void => {
  const prefix =
    `${(strapi.config.get('api.rest.prefix', '/api') as string).replace(/\/$/, '')}/${PLUGIN_ID}${SCIM_PATH}`.toLowerCase();
  strapi.server.use(async (ctx: EnvelopeContext, next: () => Promise<unknown>) => {
    const path = ctx.path.toLowerCase();
    if (path !== prefix && !path.startsWith(`${prefix}/`)) return next();
    // Refused before any body parser reads it (a chunked body is limited by the route middleware).
    if ((ctx.request.length ?? 0) > MAX_BODY_BYTES) {
      ctx.status = 413;
      ctx.body = errorBody(413, `The body is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB`);
      ctx.type = SCIM_MEDIA_TYPE;
      return;
    }
    await next();
    if (ctx.status >= 400 && !isScimError(ctx.body)) {
      const message = strapiMessage(ctx.body);
      const detail = GENERIC.has(message) ? (DETAILS[ctx.status] ?? message) : message;
      ctx.body = errorBody(ctx.status, detail || `HTTP ${ctx.status}`);
    }
    if (ctx.status === 401) ctx.set('WWW-Authenticate', 'Bearer realm="SCIM"');
    if (ctx.body !== null && ctx.body !== undefined && typeof ctx.body === 'object')
      ctx.type = SCIM_MEDIA_TYPE;
  });
};
