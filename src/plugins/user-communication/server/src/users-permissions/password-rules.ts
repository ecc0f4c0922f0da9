import type { Core } from '@strapi/strapi';
import { checkPassword } from '../utils/password-policy';
import { pluginConfig } from '../utils/plugin-config';

type PasswordHook = (password: string) => boolean | Promise<boolean>;

const RULES_KEY = 'plugin::users-permissions.validationRules';

/**
 * One set of password rules for every way a password is set: users-permissions calls its
 * `validationRules.validatePassword` hook on register and change-password, and the plugin's
 * flows and user controllers read the same hook (config.ts). It becomes the plugin's
 * `passwordMinLength` and bcrypt's 72-byte limit, then the project's own hook, if any. A refusal
 * is thrown, so users-permissions answers 400 with the rule's own message.
 */
export const enforcePasswordRules = (strapi: Core.Strapi): void => {
  const rules = (strapi.config.get(RULES_KEY) ?? {}) as { validatePassword?: PasswordHook };
  const projectHook = rules.validatePassword;
  const validatePassword: PasswordHook = async (password) => {
    const problem = await checkPassword(password, password, {
      minLength: pluginConfig(strapi).passwordMinLength,
      validatePassword: projectHook,
    });
    if (problem) throw new Error(problem.message);
    return true;
  };
  strapi.config.set(RULES_KEY, { ...rules, validatePassword });
};
