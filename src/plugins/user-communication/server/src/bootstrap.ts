import type { Core } from '@strapi/strapi';
import {
  digestStoredConfirmationCodes,
  subscribeUserLifecycles,
  syncOidcSettings,
} from './users-permissions';
import { importUsersPermissionsTemplates } from './migrations/import-users-permissions-templates';
import { subscribeStatusFilter } from './content-manager/status-filter';
import { recheckStoredTemplates } from './migrations/recheck-stored-templates';
import { sealStoredLinkTokens } from './migrations/seal-stored-link-tokens';
import { unlogRateLimitCounters } from './migrations/unlogged-rate-limit-counters';
import { registerPermissions } from './permissions';
import { getService } from './utils/get-service';
import { linkKey } from './utils/plugin-config';

const bootstrap = async ({ strapi }: { strapi: Core.Strapi }) => {
  // Fail at boot, not at the first activation e-mail, when there is no key to seal links with.
  linkKey(strapi);
  await registerPermissions(strapi);
  getService(strapi, 'events').register();
  subscribeUserLifecycles(strapi);
  subscribeStatusFilter(strapi);
  await getService(strapi, 'settings').ensureRow();
  await unlogRateLimitCounters(strapi);
  await sealStoredLinkTokens(strapi);
  await digestStoredConfirmationCodes(strapi);
  await recheckStoredTemplates(strapi);
  await importUsersPermissionsTemplates(strapi);
  await syncOidcSettings(strapi);
  getService(strapi, 'delivery-worker').start();
  await getService(strapi, 'reminder-schedule').start();
};

export default bootstrap;
