import type { StrapiApp } from '@strapi/strapi/admin';
import type { ContentManagerPlugin } from '@strapi/content-manager/strapi-admin';
import { AccountPanel } from './AccountPanel';
import { addStatusColumn, addStatusFilter } from './list-hooks';
import { ResendActivationAction } from './ResendActivationAction';
import { ResendActivationBulkAction } from './ResendActivationBulkAction';
import { ResetPasswordAction } from './ResetPasswordAction';

/**
 * Adds the plugin's user actions, the Account panel and the list's Status column and filter to
 * the Content Manager (each leaves other types alone).
 */
export const extendContentManager = (app: StrapiApp) => {
  // `apis` is typed unknown on the generic plugin object.
  const apis = app.getPlugin('content-manager').apis as ContentManagerPlugin['config']['apis'];
  apis.addDocumentAction([ResendActivationAction, ResetPasswordAction]);
  apis.addBulkAction([ResendActivationBulkAction]);
  apis.addEditViewSidePanel([AccountPanel]);
  app.registerHook('Admin/CM/pages/ListView/inject-column-in-table', addStatusColumn);
  app.registerHook('Admin/CM/pages/ListView/inject-in-filters', addStatusFilter);
};
