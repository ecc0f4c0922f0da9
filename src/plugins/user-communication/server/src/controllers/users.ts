import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { getService } from '../utils/get-service';
import { validateClearEmailStatus } from '../validation/email-status';
import { validateAdminSet } from '../validation/passwords';
import type { Ctx } from './context';

/** Admin actions on users; `:id` is the user's documentId or numeric id. */
const users = ({ strapi }: { strapi: Core.Strapi }) => {
  const userFrom = async (ctx: Ctx) => {
    const key = String(ctx.params.id ?? '');
    const user =
      key.length > 0 && key.length <= 64 ? await getService(strapi, 'users').findByKey(key) : null;
    if (!user) throw new errors.NotFoundError('No user with this id.');
    return user;
  };

  return {
    async resetPassword(ctx: Ctx) {
      const user = await userFrom(ctx);
      ctx.body = await getService(strapi, 'password-reset').requestByAdmin(user);
      ctx.status = 202;
    },

    async setPassword(ctx: Ctx) {
      const input = await validateAdminSet(ctx.request.body);
      const user = await userFrom(ctx);
      ctx.body = await getService(strapi, 'passwords').setByAdmin(user, input);
    },

    async clearEmailStatus(ctx: Ctx) {
      const { userIds } = await validateClearEmailStatus(ctx.request.body);
      ctx.body = await getService(strapi, 'email-status').clear(userIds);
    },
  };
};

export default users;
