import type { Core } from '@strapi/strapi';
import { leaveFeedbackBodiesUnparsed } from './feedback/body';
import { wrapListFind } from './content-manager/status-filter';
import { guardInternalTypes } from './middlewares/guard-internal-types';
import { scimEnvelope } from './middlewares/scim-envelope';
import { extendUsersPermissions } from './users-permissions';

const register = ({ strapi }: { strapi: Core.Strapi }) => {
  extendUsersPermissions(strapi);
  guardInternalTypes(strapi);
  scimEnvelope(strapi);
  leaveFeedbackBodiesUnparsed(strapi);
  wrapListFind(strapi);
};

export default register;
