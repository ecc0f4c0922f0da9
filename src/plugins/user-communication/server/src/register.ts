import type { Core } from '@strapi/strapi';
import { overrideAuthRoutes } from './auth-overrides';
import { extendUserContentType } from './extend-user';
import { guardInternalTypes } from './guard-internal-types';
import { allowPasswordlessCreate } from './passwordless-create';
import { enforceSessionRevocation } from './session-revocation';
import { replaceConfirmationEmail } from './single-confirmation-email';
import { trackLogins } from './track-logins';

// Everything that changes how users-permissions handles a route must happen here: Strapi
// binds route handlers to controller instances before any plugin's bootstrap runs.
const register = ({ strapi }: { strapi: Core.Strapi }) => {
  extendUserContentType(strapi);
  trackLogins(strapi);
  overrideAuthRoutes(strapi);
  enforceSessionRevocation(strapi);
  allowPasswordlessCreate(strapi);
  replaceConfirmationEmail(strapi);
  guardInternalTypes(strapi);
};

export default register;
