import type { Core } from '@strapi/strapi';
import { subscribeUserLifecycles } from './users-permissions';
import { registerPermissions } from './permissions';
import { getService } from './utils/get-service';

const bootstrap = async ({ strapi }: { strapi: Core.Strapi }) => {
  await registerPermissions(strapi);
  subscribeUserLifecycles(strapi);
  await getService(strapi, 'settings').ensureRow();
  getService(strapi, 'delivery-worker').start();
  await getService(strapi, 'reminder-schedule').start();
};

export default bootstrap;
