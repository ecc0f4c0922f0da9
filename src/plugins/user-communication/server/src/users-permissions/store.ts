import { isDeepStrictEqual } from 'node:util';
import type { Core } from '@strapi/strapi';
import type { UsersPermissionsTemplate } from '../../../shared/contracts/templates';
import type { UsersPermissionsEmail } from '../templates/users-permissions-templates';

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

/** users-permissions' e-mail templates (Settings → Email templates), by key. */
export type EmailTemplateSettings = Partial<
  Record<UsersPermissionsTemplate, { options?: UsersPermissionsEmail }>
>;

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

  async emailTemplates(): Promise<EmailTemplateSettings> {
    return ((await store(strapi).get({ key: 'email' })) as EmailTemplateSettings | null) ?? {};
  },

  /** Whether e-mail/password login (the "email" provider) is on. */
  async isLocalLoginEnabled(): Promise<boolean> {
    return (await grant(strapi)).email?.enabled === true;
  },

  /**
   * Replaces one provider's settings, keeping the others'; writes nothing when they are already
   * so. The store holds all providers in one value: reading it right before the write keeps the
   * window in which an admin's save of another provider could be lost to the one write that
   * follows a change of configuration, never to every sign-in.
   */
  async setProvider(name: string, settings: ProviderSettings): Promise<void> {
    const current = await grant(strapi);
    if (isDeepStrictEqual(current[name], settings)) return;
    await store(strapi).set({ key: 'grant', value: { ...current, [name]: settings } });
  },
});
