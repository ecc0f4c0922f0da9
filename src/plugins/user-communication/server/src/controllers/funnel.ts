import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { getService } from '../utils/get-service';
import { validateFunnelQuery, validateFunnelUsersQuery } from '../validation/funnel';
import { mayReadUsers, type CallerState } from './caller-rights';
import type { Ctx } from './context';

const funnel = ({ strapi }: { strapi: Core.Strapi }) => ({
  async figures(ctx: Ctx) {
    const query = await validateFunnelQuery(ctx.query);
    ctx.body = await getService(strapi, 'funnel').figures(query);
  },

  /** Names and addresses: only for admins who may read them in the Content Manager too. */
  async users(ctx: Ctx) {
    if (!mayReadUsers(ctx.state as CallerState))
      throw new errors.ForbiddenError(
        "Listing users needs the right to read every user's email and username in the Content Manager."
      );
    const query = await validateFunnelUsersQuery(ctx.query);
    ctx.body = await getService(strapi, 'funnel').users(query);
  },
});

export default funnel;
