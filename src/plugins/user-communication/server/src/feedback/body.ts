import type { IncomingMessage } from 'node:http';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { PLUGIN_ID } from '../constants';

/** SNS messages are at most 256 KB, SendGrid batches about 768 KB; a DSN of ours is far smaller. */
export const MAX_FEEDBACK_BYTES = 1024 * 1024;

const TOO_LARGE = `The body is larger than ${MAX_FEEDBACK_BYTES / 1024 / 1024} MB`;

/** Where the feedback routes live (content-api.ts), lowercased. */
export const feedbackPrefix = (strapi: Core.Strapi): string =>
  `${(strapi.config.get('api.rest.prefix', '/api') as string).replace(/\/$/, '')}/${PLUGIN_ID}/feedback/`.toLowerCase();

type BodyMiddleware = (ctx: { path: string }, next: () => Promise<unknown>) => Promise<unknown>;
type BodyFactory = (config: unknown, context: { strapi: Core.Strapi }) => BodyMiddleware;

/**
 * Keeps Strapi's body parser (`strapi::body`, koa-body) off the feedback routes, so they read
 * the bytes as sent: SendGrid signs the raw JSON, a bounce mailbox pipes `multipart/report`
 * (which koa-body would hand to its file-upload parser), and a re-serialised body verifies
 * nothing. Wrapped in register(), before Strapi builds its middlewares, through the
 * registry's own `extend`: an app needs no `includeUnparsed` or other change to its
 * config/middlewares.ts. Every other path is parsed as before.
 */
export const leaveFeedbackBodiesUnparsed = (strapi: Core.Strapi): void => {
  const prefix = feedbackPrefix(strapi);
  strapi
    .get('middlewares')
    .extend('strapi::body', (factory: BodyFactory): BodyFactory => (config, context) => {
      const parse = factory(config, context);
      return (ctx, next) => (ctx.path.toLowerCase().startsWith(prefix) ? next() : parse(ctx, next));
    });
};

export interface FeedbackRequest {
  req: IncomingMessage;
  request: { length?: number };
}

/** The request's bytes, refused once past the limit (a chunked body has no Content-Length to check first). */
export const readFeedbackBody = (ctx: FeedbackRequest): Promise<Buffer> => {
  const { req } = ctx;
  if ((ctx.request.length ?? 0) > MAX_FEEDBACK_BYTES)
    return Promise.reject(new errors.PayloadTooLargeError(TOO_LARGE));
  if (req.readableEnded || !req.readable)
    // Another body parser than strapi::body read it first (README: Bounce and complaint webhooks).
    return Promise.reject(
      new Error(
        'The feedback webhooks need the raw request body: keep other body parsers off /api/user-communication/feedback/'
      )
    );
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_FEEDBACK_BYTES) {
        req.removeListener('data', onData);
        // Drained, not destroyed: the 413 still has to be answered on this connection.
        req.resume();
        reject(new errors.PayloadTooLargeError(TOO_LARGE));
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', reject);
  });
};
