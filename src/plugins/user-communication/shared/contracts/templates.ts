import type { MessageStatus } from './messages';

/** The e-mail templates (GET/PUT/DELETE /user-communication/templates/:type/:locale, preview, test-send). */

/** Message types that have a template (a test send uses the template of the type it tests). */
export const TEMPLATE_TYPES = [
  'activation',
  'password-reset',
  'password-changed',
  'no-login-reminder',
] as const;
export type TemplateType = (typeof TEMPLATE_TYPES)[number];

/** What an admin edits; also what a preview answers, rendered. */
export interface TemplateContent {
  subject: string;
  html: string;
  text: string;
}

export interface Template extends TemplateContent {
  type: TemplateType;
  locale: string;
  /** True when an admin edited it; false when it is the shipped default. */
  customized: boolean;
  /** The `{{ name }}` placeholders this type may use. */
  variables: readonly string[];
  updatedAt: string | null;
}

export interface TemplateList {
  results: Template[];
}

export interface TestSendResult {
  messageId: number;
  status: MessageStatus;
  /** The calling admin's own address: a test never goes to anyone else. */
  recipient: string;
}

/** users-permissions' own e-mail templates (Settings → Email templates), by its key. */
export const USERS_PERMISSIONS_TEMPLATES = ['reset_password', 'email_confirmation'] as const;
export type UsersPermissionsTemplate = (typeof USERS_PERMISSIONS_TEMPLATES)[number];

/**
 * What became of one users-permissions template at the first start with this plugin:
 * `default`: never edited, nothing to keep; `imported`: now the plugin's template;
 * `kept`: the plugin already had an edited template of that type, left as it is;
 * `not-imported`: it uses something the plugin's templates cannot say (see `problems`).
 */
export interface UsersPermissionsTemplateImport {
  source: UsersPermissionsTemplate;
  type: TemplateType;
  locale: string;
  outcome: 'default' | 'imported' | 'kept' | 'not-imported';
  /** Placeholders without an equivalent, or the rule the translation broke. */
  problems: string[];
}

/** GET /user-communication/templates/users-permissions */
export interface UsersPermissionsTemplateReport {
  /** When the templates were looked at (once per database); null before the first start finished. */
  checkedAt: string | null;
  results: UsersPermissionsTemplateImport[];
}
