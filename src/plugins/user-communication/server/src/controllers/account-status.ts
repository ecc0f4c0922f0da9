import type { Core } from '@strapi/strapi';
import { USER_UID } from '../constants';
import { getService } from '../utils/get-service';
import { validateStatusIds } from '../validation/account-status';
import type { Ctx } from './context';

interface PermissionsManager {
  getQuery(): Record<string, unknown> | undefined;
}

/**
 * The Content Manager's read right on users, with its conditions (e.g. "is creator"): the
 * column shows the status of the users the admin's list shows, and no other id's.
 */
const readableWhere = (strapi: Core.Strapi, ctx: Ctx) => {
  const manager = strapi.service('admin::permission').createPermissionsManager({
    ability: (ctx.state as { userAbility?: unknown }).userAbility,
    action: 'plugin::content-manager.explorer.read',
    model: USER_UID,
  }) as PermissionsManager;
  const where = manager.getQuery();
  return where && Object.keys(where).length > 0 ? where : null;
};

const accountStatus = ({ strapi }: { strapi: Core.Strapi }) => ({
  async forUsers(ctx: Ctx) {
    const ids = await validateStatusIds(ctx.query);
    ctx.body = await getService(strapi, 'account-status').forUsers(ids, readableWhere(strapi, ctx));
  },
});

export default accountStatus;
