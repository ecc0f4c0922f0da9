import type { Core } from '@strapi/strapi';
import { getService } from './utils/get-service';

const destroy = async ({ strapi }: { strapi: Core.Strapi }) => {
  getService(strapi, 'reminder-schedule').stop();
  await getService(strapi, 'delivery-worker').stop();
};

export default destroy;
