import type { Core } from '@strapi/strapi';
import { PERMISSIONS } from '../../shared/contracts/permissions';
import { PLUGIN_ID } from './constants';

/** Registers the admin RBAC actions so roles can be granted them in Settings → Roles. */
export const registerPermissions = async (strapi: Core.Strapi): Promise<void> => {
  await strapi.service('admin::permission').actionProvider.registerMany(
    PERMISSIONS.map(({ action, displayName, subCategory }) => ({
      section: 'plugins',
      pluginName: PLUGIN_ID,
      uid: action,
      displayName,
      subCategory,
    }))
  );
};
