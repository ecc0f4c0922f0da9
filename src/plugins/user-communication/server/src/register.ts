import type { Core } from '@strapi/strapi';
import { guardInternalTypes } from './middlewares/guard-internal-types';
import { extendUsersPermissions } from './users-permissions';

const register = ({ strapi }: { strapi: Core.Strapi }) => {
  extendUsersPermissions(strapi);
  guardInternalTypes(strapi);
};

export default register;
