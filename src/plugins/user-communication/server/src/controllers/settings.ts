import type { Core } from '@strapi/strapi';
import { getService } from '../utils/get-service';
import { validateSettingsUpdate } from '../validation/settings';
import type { Ctx } from './context';

const settings = ({ strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx: Ctx) {
    ctx.body = await getService(strapi, 'settings').get();
  },

  async update(ctx: Ctx) {
    const input = await validateSettingsUpdate(ctx.request.body);
    ctx.body = await getService(strapi, 'settings').update(input);
  },
});

export default settings;
