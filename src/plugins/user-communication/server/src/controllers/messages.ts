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
    const retried = await getService(strapi, 'outbox').retry(id);
    if (!retried)
      throw new errors.ApplicationError(
        'Only a dead message can be retried; this one is not dead or does not exist'
      );
    // Read before waking the worker: the answer is the message as retried, not a send in flight.
    ctx.body = await getService(strapi, 'message-log').findOne(id);
    ctx.status = 202;
    getService(strapi, 'delivery-worker').kick();
  },
});

export default messages;
