import { PLUGIN_ID } from '../../../shared/plugin-id';

/** Translation ids are namespaced by plugin id so they cannot collide with Strapi's own. */
export const getTranslation = (id: string): string => `${PLUGIN_ID}.${id}`;

export const prefixPluginTranslations = (
  translations: Record<string, string>
): Record<string, string> =>
  Object.fromEntries(
    Object.entries(translations).map(([key, value]) => [getTranslation(key), value])
  );
