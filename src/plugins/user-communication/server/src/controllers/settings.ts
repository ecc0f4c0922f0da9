import type { Core } from '@strapi/strapi';
import type { ScimConnection } from '../../../shared/contracts/settings';
import { getService } from '../utils/get-service';
import { validateSettingsUpdate } from '../validation/settings';
import type { Ctx } from './context';

const settings = ({ strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx: Ctx) {
    ctx.body = await getService(strapi, 'settings').get();
  },

  async scimConnection(ctx: Ctx) {
    const scim = getService(strapi, 'scim');
    const answer: ScimConnection = { baseUrl: scim.baseUrl(), ...scim.options() };
    ctx.body = answer;
  },

  async update(ctx: Ctx) {
    const input = await validateSettingsUpdate(ctx.request.body);
    ctx.body = await getService(strapi, 'settings').update(input);
  },
});

export default settings;
