import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { FeedbackEndpoint } from '../config/feedback';
import { FeedbackUnavailable } from '../errors';
import { readFeedbackBody, type FeedbackRequest } from '../feedback/body';
import { getService } from '../utils/get-service';
import type { Ctx } from './context';

type FeedbackCtx = Ctx &
  FeedbackRequest & {
    request: { header: Record<string, string | string[] | undefined> };
    throw(status: number, message: string): never;
  };

/** RFC 7235 §4.1: a 401 names the scheme that would be accepted (RFC 7617 Basic, RFC 6750 Bearer). */
const CHALLENGES: Partial<Record<FeedbackEndpoint, string>> = {
  postmark: 'Basic realm="user-communication", charset="UTF-8"',
  report: 'Bearer realm="user-communication"',
};

/** POST /api/user-communication/feedback/{ses,sendgrid,postmark,report}: provider webhooks. */
const feedback = ({ strapi }: { strapi: Core.Strapi }) => {
  const receive = (endpoint: FeedbackEndpoint) => async (ctx: FeedbackCtx) => {
    try {
      const answer = await getService(strapi, 'feedback-webhooks').receive(endpoint, {
        header: ctx.request.header,
        read: () => readFeedbackBody(ctx),
      });
      ctx.status = answer.status;
      ctx.body = answer.body;
    } catch (error) {
      const challenge = CHALLENGES[endpoint];
      if (error instanceof errors.UnauthorizedError && challenge)
        ctx.set('WWW-Authenticate', challenge);
      if (error instanceof FeedbackUnavailable) ctx.throw(503, error.message);
      throw error;
    }
  };
  return {
    ses: receive('ses'),
    sendgrid: receive('sendgrid'),
    postmark: receive('postmark'),
    report: receive('report'),
  };
};

export default feedback;
