import type { StrapiApp } from '@strapi/strapi/admin';
import type { ContentManagerPlugin } from '@strapi/content-manager/strapi-admin';
import { AccountPanel } from './AccountPanel';
import { ResendActivationAction } from './ResendActivationAction';
import { ResendActivationBulkAction } from './ResendActivationBulkAction';
import { ResetPasswordAction } from './ResetPasswordAction';

/** Adds the plugin's user actions and the Account panel to the Content Manager (each returns null for other types). */
export const extendContentManager = (app: StrapiApp) => {
  // `apis` is typed unknown on the generic plugin object.
  const apis = app.getPlugin('content-manager').apis as ContentManagerPlugin['config']['apis'];
  apis.addDocumentAction([ResendActivationAction, ResetPasswordAction]);
  apis.addBulkAction([ResendActivationBulkAction]);
  apis.addEditViewSidePanel([AccountPanel]);
};
