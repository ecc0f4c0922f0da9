import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { getService } from '../utils/get-service';
import { pluginConfig } from '../utils/plugin-config';
import { validateComplete, validateRenew, validateResend, validateVerify } from '../validation/activation';
import type { Ctx } from './context';

const activation = ({ strapi }: { strapi: Core.Strapi }) => {
  // Per client address, in the database so that the limit holds across instances.
  const limitIp = async (ctx: Ctx, action: string) => {
    const allowed = await getService(strapi, 'rate-limits').hit({
      key: `${action}:ip:${ctx.request.ip}`,
      ...pluginConfig(strapi).rateLimits.perIp,
    });
    if (!allowed) throw new errors.RateLimitError('Too many requests from this address. Try again later.');
  };

  return {
    async verify(ctx: Ctx) {
      await limitIp(ctx, 'activation-verify');
      const { token } = await validateVerify(ctx.request.body);
      ctx.body = await getService(strapi, 'activation').verify(token);
    },

    async complete(ctx: Ctx) {
      await limitIp(ctx, 'activation-complete');
      const input = await validateComplete(ctx.request.body);
      ctx.body = await getService(strapi, 'activation').complete(input);
    },

    async renew(ctx: Ctx) {
      await limitIp(ctx, 'activation-renew');
      const { email } = await validateRenew(ctx.request.body);
      getService(strapi, 'activation').renew(email);
      ctx.body = { ok: true, message: 'If an account that still needs activating exists for this address, a new link is on its way.' };
    },

    async resend(ctx: Ctx) {
      const { userIds } = await validateResend(ctx.request.body);
      ctx.body = await getService(strapi, 'activation').resend(userIds);
    },
  };
};

export default activation;
