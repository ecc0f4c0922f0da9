import type { Core } from '@strapi/strapi';
import { getService } from '../utils/get-service';
import { validateStatusIds } from '../validation/account-status';
import type { Ctx } from './context';

const accountStatus = ({ strapi }: { strapi: Core.Strapi }) => ({
  async forUsers(ctx: Ctx) {
    const ids = await validateStatusIds(ctx.query);
    ctx.body = await getService(strapi, 'account-status').forUsers(ids);
  },
});

export default accountStatus;
