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
