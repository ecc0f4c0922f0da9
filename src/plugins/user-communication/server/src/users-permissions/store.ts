import type { Core } from '@strapi/strapi';

/** users-permissions' "Advanced settings" (Settings → Users & Permissions), as it stores them. */
export interface AdvancedSettings {
  unique_email?: boolean;
  allow_register?: boolean;
  email_confirmation?: boolean;
  /** The platform's reset-password page, if the admin set one. */
  email_reset_password?: string | null;
  email_confirmation_redirection?: string | null;
  default_role?: string;
}

interface GrantSettings {
  email?: { enabled?: boolean };
  [provider: string]: { enabled?: boolean } | undefined;
}

const store = (strapi: Core.Strapi) => strapi.store({ type: 'plugin', name: 'users-permissions' });

/** Reads users-permissions' own settings, which the admin edits in its settings pages. */
export const usersPermissionsStore = (strapi: Core.Strapi) => ({
  async advanced(): Promise<AdvancedSettings> {
    return ((await store(strapi).get({ key: 'advanced' })) as AdvancedSettings | null) ?? {};
  },

  /** Whether e-mail/password login (the "email" provider) is on. */
  async isLocalLoginEnabled(): Promise<boolean> {
    const grant = (await store(strapi).get({ key: 'grant' })) as GrantSettings | null;
    return grant?.email?.enabled === true;
  },
});
