import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../constants';
import type { Services } from '../services';

type ServiceName = keyof Services;

/** The one typed way plugin code reaches its own services. */
export const getService = <Name extends ServiceName>(
  strapi: Core.Strapi,
  name: Name
): ReturnType<Services[Name]> =>
  strapi.plugin(PLUGIN_ID).service(name) as ReturnType<Services[Name]>;
