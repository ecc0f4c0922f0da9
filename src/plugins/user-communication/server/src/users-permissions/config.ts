import type { Core } from '@strapi/strapi';

type PasswordHook = (password: string) => boolean | Promise<boolean>;

/** users-permissions' own options (config/plugins.ts → 'users-permissions'.config). */
export const usersPermissionsConfig = (strapi: Core.Strapi) => ({
  /** 'refresh': sessions in the database (new 5.x projects); 'legacy-support': plain JWTs. */
  refreshMode(): boolean {
    const mode = strapi.config.get('plugin::users-permissions.jwtManagement', 'legacy-support');
    return (mode as string) === 'refresh';
  },

  /** The password rule users-permissions applies (with the plugin's, see password-rules.ts). */
  validatePassword(): PasswordHook | undefined {
    const rules = strapi.config.get('plugin::users-permissions.validationRules') as
      { validatePassword?: PasswordHook } | undefined;
    return rules?.validatePassword;
  },
});
