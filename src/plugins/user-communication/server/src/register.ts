import type { Core } from '@strapi/strapi';
import { extendUserContentType } from './extend-user';
import { trackLogins } from './track-logins';

const register = ({ strapi }: { strapi: Core.Strapi }) => {
  extendUserContentType(strapi);
  trackLogins(strapi);
};

export default register;
