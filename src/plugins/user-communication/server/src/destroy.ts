import type { Core } from '@strapi/strapi';
import { getService } from './utils/get-service';

const destroy = async ({ strapi }: { strapi: Core.Strapi }) => {
  getService(strapi, 'reminder-schedule').stop();
  // Work answered for but not done yet (a reset request's e-mail) is finished, not dropped.
  await getService(strapi, 'detached-work').idle();
  await getService(strapi, 'delivery-worker').stop();
};

export default destroy;
