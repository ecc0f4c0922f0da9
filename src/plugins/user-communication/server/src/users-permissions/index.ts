import type { Core } from '@strapi/strapi';
import { wrapAuthController } from './auth-controller';
import { limitAuthRoutes } from './auth-routes';
import { wrapConfirmationEmail } from './confirmation-email';
import { wrapJwtService } from './jwt-service';
import { registerOidcProvider } from './oidc-provider';
import { extendUserContentType } from './user-content-type';
import { enforcePasswordRules, guardPasswordWrites } from './password-rules';
import { wrapUserControllers } from './user-controllers';

/**
 * Everything the plugin changes in users-permissions, at register time: Strapi syncs the
 * schema and binds route handlers to controller instances before any plugin's bootstrap.
 */
export const extendUsersPermissions = (strapi: Core.Strapi): void => {
  extendUserContentType(strapi);
  wrapAuthController(strapi);
  limitAuthRoutes(strapi);
  enforcePasswordRules(strapi);
  guardPasswordWrites(strapi);
  wrapUserControllers(strapi);
  wrapJwtService(strapi);
  wrapConfirmationEmail(strapi);
  registerOidcProvider(strapi);
};

export { subscribeUserLifecycles } from './user-lifecycles';
export { digestStoredConfirmationCodes } from './confirmation-code';
export { syncOidcSettings } from './oidc-provider';
