import type { TemplateType } from '../../../shared/contracts/templates';

export { TEMPLATE_TYPES, type TemplateType } from '../../../shared/contracts/templates';

const COMMON = ['username', 'email', 'platformName', 'platformUrl'] as const;

/** The variables each template may use; anything else is refused when the template is saved. */
export const TEMPLATE_VARIABLES: Record<TemplateType, readonly string[]> = {
  activation: [...COMMON, 'link', 'expiresInDays', 'expiresAt'],
  'password-reset': [...COMMON, 'link', 'expiresInMinutes'],
  'password-changed': [...COMMON, 'changedAt'],
  'no-login-reminder': [...COMMON, 'link', 'daysSinceLastLogin', 'unsubscribeLink'],
};

/**
 * The variables that hold a URL the platform made: the only placeholders a link may start with.
 * `unsubscribeLink` is not held to `{{ link }}`'s placement rules (templates/link-placement.ts):
 * fetching it (an image's src, a scanner) changes nothing, and using it stops reminders only.
 */
export const URL_VARIABLES: readonly string[] = ['link', 'platformUrl', 'unsubscribeLink'];

/** Values used by preview and test sends. */
export const SAMPLE_VARIABLES: Record<string, string | number> = {
  username: 'Jane Learner',
  email: 'jane.learner@example.com',
  platformName: 'Learning platform',
  platformUrl: 'https://learn.example.com',
  link: 'https://learn.example.com/example-link#token=sample',
  expiresInDays: 14,
  expiresAt: '2026-01-15 06:00 UTC',
  expiresInMinutes: 60,
  changedAt: '2026-01-01 06:00 UTC',
  daysSinceLastLogin: 30,
  unsubscribeLink: 'https://learn.example.com/api/user-communication/unsubscribe/sample',
};
