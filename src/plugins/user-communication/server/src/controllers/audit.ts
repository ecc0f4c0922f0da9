import type { Core } from '@strapi/strapi';
import { getService } from '../utils/get-service';
import { validateAuditQuery } from '../validation/audit';
import type { Ctx } from './context';

const audit = ({ strapi }: { strapi: Core.Strapi }) => ({
  async list(ctx: Ctx) {
    const query = await validateAuditQuery(ctx.query);
    ctx.body = await getService(strapi, 'audit').list(query);
  },
});

export default audit;
