import type { Core } from '@strapi/strapi';
import { getService } from '../utils/get-service';
import { mayReadUsers, type CallerState } from './caller-rights';
import type { Ctx } from './context';

const reminders = ({ strapi }: { strapi: Core.Strapi }) => ({
  async preview(ctx: Ctx) {
    ctx.body = await getService(strapi, 'reminders').preview({
      withUsers: mayReadUsers(ctx.state as CallerState),
    });
  },

  async runs(ctx: Ctx) {
    ctx.body = await getService(strapi, 'reminders').listRuns();
  },

  async run(ctx: Ctx) {
    const outcome = await getService(strapi, 'reminders').run('manual');
    ctx.status = outcome.status === 'busy' ? 409 : 200;
    ctx.body = outcome;
  },
});

export default reminders;
