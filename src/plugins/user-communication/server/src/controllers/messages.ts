import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { getService } from '../utils/get-service';
import { validateMessageId, validateMessageLogQuery } from '../validation/messages';
import type { Ctx } from './context';

const messages = ({ strapi }: { strapi: Core.Strapi }) => ({
  async list(ctx: Ctx) {
    const query = await validateMessageLogQuery(ctx.query);
    ctx.body = await getService(strapi, 'message-log').list(query);
  },

  async find(ctx: Ctx) {
    const id = await validateMessageId(ctx.params.id);
    const message = await getService(strapi, 'message-log').findOne(id);
    if (!message) throw new errors.NotFoundError('No message with this id');
    ctx.body = message;
  },

  async retry(ctx: Ctx) {
    const id = await validateMessageId(ctx.params.id);
    const retried = await getService(strapi, 'message-log').retry(id);
    if (!retried)
      throw new errors.ApplicationError(
        'Only a dead message can be retried; this one is not dead or does not exist'
      );
    getService(strapi, 'delivery-worker').kick();
    ctx.status = 202;
    ctx.body = retried;
  },
});

export default messages;
