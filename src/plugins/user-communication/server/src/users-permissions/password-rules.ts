import type { Core } from '@strapi/strapi';
import { USER_UID } from '../constants';
import { getService } from '../utils/get-service';
import { checkPassword } from '../utils/password-policy';
import { pluginConfig } from '../utils/plugin-config';

type PasswordHook = (password: string) => boolean | Promise<boolean>;

const RULES_KEY = 'plugin::users-permissions.validationRules';

/** The Document Service actions that write `data` (users have no draft and publish). */
const WRITES: ReadonlySet<string> = new Set(['create', 'update', 'clone']);

/**
 * The passwords that met the rules in each request, so that the write that follows a flow's own
 * check (which must come first: before a link is consumed, or to name `passwordConfirmation`)
 * is not checked twice — the project's hook may be costly. Keyed by the request's context, so
 * nothing outlives the request; outside a request nothing is remembered and every write is checked.
 */
const checkedInRequest = new WeakMap<object, Set<string>>();

const requestOf = (strapi: Core.Strapi): object | undefined =>
  strapi.requestContext.get() as object | undefined;

/** Records that this password met the rules (or is a server-made placeholder) for this request. */
export const markPasswordChecked = (strapi: Core.Strapi, password: string): void => {
  const request = requestOf(strapi);
  if (!request) return;
  const checked = checkedInRequest.get(request) ?? new Set<string>();
  checked.add(password);
  checkedInRequest.set(request, checked);
};

const wasChecked = (strapi: Core.Strapi, password: unknown): boolean => {
  const request = requestOf(strapi);
  return (
    typeof password === 'string' && !!request && !!checkedInRequest.get(request)?.has(password)
  );
};

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
    markPasswordChecked(strapi, password);
    return true;
  };
  strapi.config.set(RULES_KEY, { ...rules, validatePassword });
};

/**
 * The same rules on every Document Service write of a user, whatever route or code makes it:
 * the Content Manager's generic clone, other plugins, scripts. The Document Service receives
 * the password in clear and hashes it below its middlewares (@strapi/core's
 * document-service/attributes/transforms.js), so the check sees what the user would type. A
 * `null` password removes it and sets nothing; the refusal is the 400 ValidationError naming
 * `password` that the plugin's flows answer.
 */
export const guardPasswordWrites = (strapi: Core.Strapi): void => {
  strapi.documents.use(async (ctx, next) => {
    if (ctx.uid === USER_UID && WRITES.has(ctx.action)) {
      const data = (ctx.params as { data?: Record<string, unknown> } | undefined)?.data;
      const password = data?.password;
      if (password !== undefined && password !== null && !wasChecked(strapi, password)) {
        await getService(strapi, 'passwords').check(password, password);
      }
    }
    return next();
  });
};
