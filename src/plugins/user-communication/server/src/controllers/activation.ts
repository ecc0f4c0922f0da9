import type { Core } from '@strapi/strapi';
import { getService } from '../utils/get-service';
import {
  validateComplete,
  validateRenew,
  validateResend,
  validateVerify,
} from '../validation/activation';
import type { Ctx } from './context';

const activation = ({ strapi }: { strapi: Core.Strapi }) => ({
  async verify(ctx: Ctx) {
    const { token } = await validateVerify(ctx.request.body);
    ctx.body = await getService(strapi, 'activation').verify(token);
  },

  async complete(ctx: Ctx) {
    const input = await validateComplete(ctx.request.body);
    ctx.body = await getService(strapi, 'activation').complete(input);
  },

  async renew(ctx: Ctx) {
    const { email } = await validateRenew(ctx.request.body);
    ctx.body = await getService(strapi, 'activation').renew(email);
  },

  async resend(ctx: Ctx) {
    const { userIds } = await validateResend(ctx.request.body);
    ctx.body = await getService(strapi, 'activation').resend(userIds);
  },
});

export default activation;
