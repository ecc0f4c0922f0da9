import type { StrapiApp } from '@strapi/strapi/admin';
import { extendContentManager } from './content-manager';
import { permissionsFor } from './permissions';
import { PLUGIN_ID } from '../../shared/plugin-id';
import { getTranslation, prefixPluginTranslations } from './utils/getTranslation';

export default {
  register(app: StrapiApp) {
    app.registerPlugin({ id: PLUGIN_ID, name: 'User communication' });

    // A section object (not a section id) creates the "User communication" section in Settings.
    // `permissions` only hides a link; each page also protects itself with Page.Protect.
    app.addSettingsLink(
      {
        id: PLUGIN_ID,
        intlLabel: { id: getTranslation('settings.section'), defaultMessage: 'User communication' },
      },
      [
        {
          id: 'settings',
          to: `${PLUGIN_ID}/settings`,
          intlLabel: { id: getTranslation('settings.link'), defaultMessage: 'Settings' },
          permissions: permissionsFor('settings.read'),
          Component: () => import('./pages/Settings'),
        },
        {
          id: 'templates',
          to: `${PLUGIN_ID}/templates`,
          intlLabel: { id: getTranslation('templates.link'), defaultMessage: 'Templates' },
          permissions: permissionsFor('templates.read'),
          Component: () => import('./pages/Templates'),
        },
        {
          id: 'messages',
          to: `${PLUGIN_ID}/messages`,
          intlLabel: { id: getTranslation('messages.link'), defaultMessage: 'Message log' },
          permissions: permissionsFor('messages.read'),
          Component: () => import('./pages/Messages'),
        },
        {
          id: 'import',
          to: `${PLUGIN_ID}/import`,
          intlLabel: { id: getTranslation('import.link'), defaultMessage: 'Import users' },
          permissions: permissionsFor('users.import'),
          Component: () => import('./pages/Import'),
        },
        {
          id: 'communication',
          to: `${PLUGIN_ID}/communication`,
          intlLabel: { id: getTranslation('communication.link'), defaultMessage: 'Communication' },
          permissions: permissionsFor('funnel.read'),
          Component: () => import('./pages/Communication'),
        },
        {
          id: 'audit',
          to: `${PLUGIN_ID}/audit`,
          intlLabel: { id: getTranslation('audit.link'), defaultMessage: 'Audit trail' },
          permissions: permissionsFor('audit.read'),
          Component: () => import('./pages/Audit'),
        },
      ]
    );
  },

  bootstrap(app: StrapiApp) {
    extendContentManager(app);
  },

  async registerTrads({ locales }: { locales: string[] }) {
    return Promise.all(
      locales.map(async (locale) => {
        try {
          const { default: data } = (await import(`./translations/${locale}.json`)) as {
            default: Record<string, string>;
          };
          return { data: prefixPluginTranslations(data), locale };
        } catch {
          return { data: {}, locale };
        }
      })
    );
  },
};
