import type { IncomingMessage } from 'node:http';
import { MAX_BODY_BYTES } from '../scim/constants';
import { invalidSyntax, ScimError } from '../scim/errors';

export interface ScimContext {
  method: string;
  req: IncomingMessage;
  request: { body?: unknown; length?: number };
  is(...types: string[]): string | false | null;
  status: number;
  body: unknown;
}

const TOO_LARGE = `The body is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB`;

/** The raw body, refused as soon as it passes the limit (a chunked body has no Content-Length to check first). */
const readRaw = (req: IncomingMessage): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        req.removeListener('data', onData);
        // Drained, not destroyed: the 413 still has to be answered on this connection.
        req.resume();
        reject(new ScimError(413, TOO_LARGE));
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', reject);
  });

/**
 * RFC 7644 §8.1 bodies are `application/scim+json`, a type Strapi's body parser (koa-body)
 * leaves unread: it is read here, by the route, so the plugin works in any app without a
 * change to the app's middleware config. `application/json` (which koa-body has parsed)
 * is accepted too. Runs after authentication: an anonymous request never gets its body read.
 */
const readBody = async (ctx: ScimContext) => {
  if (!['POST', 'PUT', 'PATCH'].includes(ctx.method)) return;
  if ((ctx.request.length ?? 0) > MAX_BODY_BYTES) throw new ScimError(413, TOO_LARGE);
  if (ctx.is('application/scim+json')) {
    const raw = await readRaw(ctx.req);
    try {
      ctx.request.body = JSON.parse(raw.toString('utf8'));
    } catch {
      throw invalidSyntax('The body is not valid JSON');
    }
    return;
  }
  if (!ctx.is('application/json'))
    throw new ScimError(415, 'Send the body as application/scim+json (or application/json)');
};

/**
 * The route middleware of every SCIM route: reads the body, and answers a ScimError thrown
 * below with its RFC 7644 §3.12 body. Other errors go on to Strapi's error middleware, and
 * the SCIM envelope (scim-envelope.ts) rewrites whatever that answers.
 */
const scim = () => async (ctx: ScimContext, next: () => Promise<unknown>) => {
  try {
    await readBody(ctx);
    await next();
  } catch (error) {
    if (!(error instanceof ScimError)) throw error;
    ctx.status = error.status;
    ctx.body = error.body;
  }
};

export default scim;
