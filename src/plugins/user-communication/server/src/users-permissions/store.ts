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

/** One provider's settings (Settings → Providers), which users-permissions' OAuth client reads. */
export type ProviderSettings = { enabled?: boolean } & Record<string, unknown>;

type GrantSettings = Record<string, ProviderSettings | undefined>;

const store = (strapi: Core.Strapi) => strapi.store({ type: 'plugin', name: 'users-permissions' });

const grant = async (strapi: Core.Strapi): Promise<GrantSettings> =>
  ((await store(strapi).get({ key: 'grant' })) as GrantSettings | null) ?? {};

/** users-permissions' own settings, which the admin edits in its settings pages. */
export const usersPermissionsStore = (strapi: Core.Strapi) => ({
  async advanced(): Promise<AdvancedSettings> {
    return ((await store(strapi).get({ key: 'advanced' })) as AdvancedSettings | null) ?? {};
  },

  /** Whether e-mail/password login (the "email" provider) is on. */
  async isLocalLoginEnabled(): Promise<boolean> {
    return (await grant(strapi)).email?.enabled === true;
  },

  async provider(name: string): Promise<ProviderSettings | undefined> {
    return (await grant(strapi))[name];
  },

  /** Replaces one provider's settings, keeping the others'. */
  async setProvider(name: string, settings: ProviderSettings): Promise<void> {
    const value = { ...(await grant(strapi)), [name]: settings };
    await store(strapi).set({ key: 'grant', value });
  },
});
