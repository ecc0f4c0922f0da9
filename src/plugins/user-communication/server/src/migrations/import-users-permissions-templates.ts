import type { Core } from '@strapi/strapi';
import {
  USERS_PERMISSIONS_TEMPLATES,
  type UsersPermissionsTemplate,
  type UsersPermissionsTemplateImport,
  type UsersPermissionsTemplateReport,
} from '../../../shared/contracts/templates';
import { PLUGIN_ID } from '../constants';
import {
  REPLACEMENTS,
  isShippedTemplate,
  translateUsersPermissionsTemplate,
  type UsersPermissionsEmail,
} from '../templates/users-permissions-templates';
import { usersPermissionsStore } from '../users-permissions/store';
import { getService } from '../utils/get-service';
import { pluginConfig } from '../utils/plugin-config';

const REPORT_KEY = 'users-permissions-templates';

const pluginStore = (strapi: Core.Strapi) => strapi.store({ type: 'plugin', name: PLUGIN_ID });

/** The import's report, for the Templates page: what became of each users-permissions template. */
export const usersPermissionsTemplateReport = async (
  strapi: Core.Strapi
): Promise<UsersPermissionsTemplateReport> =>
  ((await pluginStore(strapi).get({
    key: REPORT_KEY,
  })) as UsersPermissionsTemplateReport | null) ?? {
    checkedAt: null,
    results: [],
  };

const importOne = async (
  strapi: Core.Strapi,
  source: UsersPermissionsTemplate,
  email: UsersPermissionsEmail | undefined
): Promise<UsersPermissionsTemplateImport> => {
  const { type } = REPLACEMENTS[source];
  const locale = pluginConfig(strapi).defaultLocale;
  const result = { source, type, locale };
  if (!email || isShippedTemplate(source, email)) {
    return { ...result, outcome: 'default', problems: [] };
  }
  const templates = getService(strapi, 'templates');
  if ((await templates.get(type, locale)).customized) {
    return { ...result, outcome: 'kept', problems: [] };
  }
  const { content, untranslatable } = translateUsersPermissionsTemplate(source, email);
  if (untranslatable.length > 0) {
    return { ...result, outcome: 'not-imported', problems: untranslatable };
  }
  try {
    await templates.save(type, locale, content);
    return { ...result, outcome: 'imported', problems: [] };
  } catch (error) {
    // The plugin's template rules (variables, link placement) refused the translation.
    return { ...result, outcome: 'not-imported', problems: [(error as Error).message] };
  }
};

/**
 * Once per database: the reset and confirmation templates a project had edited in
 * users-permissions become the plugin's `password-reset` and `activation` templates (in the
 * default locale), since the plugin sends those e-mails now; what cannot be translated is kept
 * out and reported (log, and the Templates page) rather than sent half-translated.
 */
export const importUsersPermissionsTemplates = async (strapi: Core.Strapi): Promise<void> => {
  if ((await usersPermissionsTemplateReport(strapi)).checkedAt) return;
  const stored = await usersPermissionsStore(strapi).emailTemplates();
  const results: UsersPermissionsTemplateImport[] = [];
  for (const source of USERS_PERMISSIONS_TEMPLATES) {
    const result = await importOne(strapi, source, stored[source]?.options);
    results.push(result);
    if (result.outcome === 'imported') {
      strapi.log.info(
        `[user-communication] users-permissions' ${source} template is now the ${result.type} template (${result.locale})`
      );
    } else if (result.outcome === 'not-imported') {
      strapi.log.warn(
        `[user-communication] users-permissions' ${source} template was edited but not imported: ${result.problems.join('; ')}. Copy it by hand in Plugins → Communication → Templates.`
      );
    }
  }
  const report: UsersPermissionsTemplateReport = {
    checkedAt: getService(strapi, 'clock').now().toISO() as string,
    results,
  };
  await pluginStore(strapi).set({ key: REPORT_KEY, value: report });
};
