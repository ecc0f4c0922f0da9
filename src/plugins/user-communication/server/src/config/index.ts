import { yup } from '@strapi/utils';
import {
  defaultFeedbackOptions,
  feedbackProblems,
  feedbackSchema,
  type FeedbackOptions,
} from './feedback';
import { defaultOidcOptions, oidcProblems, oidcSchema, type OidcOptions } from './sso';

export interface DeliveryConfig {
  /** Run the outbox worker in this instance. */
  workerEnabled: boolean;
  /** How often an idle worker looks for due messages. */
  pollIntervalMs: number;
  /** Messages claimed per batch and sent concurrently (the SMTP pool bounds the sockets). */
  batchSize: number;
  /** Batches in flight at once per instance. */
  lanes: number;
  /** A message left `sending` this long (crashed instance) is claimed again. */
  leaseSeconds: number;
  /** Attempts before a message is `dead`. */
  maxAttempts: number;
  backoffBaseSeconds: number;
  backoffMaxSeconds: number;
  /** Global cap over all instances; null = unlimited. */
  messagesPerMinute: number | null;
  /** Soft bounces (mailbox full, greylisting…) in a row before an address counts as undeliverable. */
  softBounceLimit: number;
}

export interface RateLimitRule {
  max: number;
  windowSeconds: number;
}

export interface PluginConfig {
  /** Absolute base URL of this Strapi server, used for links to the plugin's own pages. */
  publicUrl: string;
  /** Absolute URL of the learning platform (its login page), used in reminder e-mails. */
  platformUrl: string;
  /** Shown in e-mails as {{ platformName }}. */
  platformName: string;
  /** Template locale used when a user has none or their locale has no template. */
  defaultLocale: string;
  /** The platform's own activation page; `#token=…` is appended. Default: the built-in page. */
  activationUrl: string | null;
  /**
   * The platform's own reset-password page; `?code=…` is appended, as users-permissions'
   * stock e-mail does. Default: users-permissions' `email_reset_password` setting if set,
   * else the built-in page.
   */
  resetPasswordUrl: string | null;
  /**
   * Answer a successful POST /api/auth/reset-password with a login (jwt, user, refresh token)
   * as stock users-permissions does. Off by default (OWASP: a reset should not log in; the
   * user logs in with the new password).
   */
  resetPasswordReturnsJwt: boolean;
  /**
   * The secret that seals link tokens in queued messages (utils/link-secrets.ts). Default: the
   * admin's `secrets.encryptionKey` (ENCRYPTION_KEY). Kept outside the database, so a copy of
   * the database opens no account. At least 16 characters.
   */
  linkSecretKey: string | null;
  /** Added to the users-permissions password rules (at most 72 bytes, `validatePassword`). */
  passwordMinLength: number;
  /** Limits of the public endpoints, kept in the database (hold across instances). */
  rateLimits: { perAddress: RateLimitRule; perIp: RateLimitRule; perAccount: RateLimitRule };
  delivery: DeliveryConfig;
  /** Runs the no-login reminder job on this instance (Strapi runs plugin cron jobs even when server.cron.enabled is false). */
  cron: { enabled: boolean };
  reminders: { pageSize: number };
  /** The Excel/CSV import: limits of one upload, and extra columns mapped to user attributes. */
  import: { maxFileBytes: number; maxRows: number; columns: Record<string, string> };
  /** Single sign-on: the users-permissions provider `oidc`, for any OpenID Connect issuer. */
  sso: { oidc: OidcOptions };
  /** Users provisioned through the SCIM 2.0 API (README: SCIM). */
  scim: ScimConfig;
  /** The provider webhooks and the raw-report endpoint for bounces and complaints. */
  feedback: FeedbackOptions;
}

export interface ScimConfig {
  /**
   * `sso`: provisioned users sign in with the identity provider: no activation e-mail, no
   * password of ours (activation, resets and admin-set passwords refuse them, as for SSO
   * users). `email`: they get the activation e-mail, as users of the integration API do
   * (when activation is on in the settings).
   */
  activation: 'sso' | 'email';
  /**
   * The users-permissions provider stored on `sso` users: the name of the provider they sign
   * in with (e.g. `microsoft`, `keycloak`, `auth0`), so users-permissions' provider login finds
   * the provisioned account instead of refusing its address as taken. Never `local`.
   */
  provider: string;
}

const absoluteUrl = (name: string) =>
  yup
    .string()
    .test(
      'absolute-url',
      `${name} must be an absolute http(s) URL, e.g. https://learn.example.com`,
      (value) => {
        if (value === undefined || value === null || value === '') return true;
        try {
          const url = new URL(value);
          return url.protocol === 'http:' || url.protocol === 'https:';
        } catch {
          return false;
        }
      }
    );

/** The options whose URLs carry link tokens: in production they must be https (ASVS 9.1.1). */
const TOKEN_URLS = ['publicUrl', 'activationUrl', 'resetPasswordUrl'] as const;

const requireHttps = (config: Partial<PluginConfig>) => {
  const clear = TOKEN_URLS.filter((name) => {
    const value = config[name];
    return typeof value === 'string' && value !== '' && new URL(value).protocol !== 'https:';
  });
  if (!config.publicUrl) clear.unshift('publicUrl');
  if (clear.length > 0) {
    throw new Error(
      clear
        .map((name) => `${name} must be an https URL in production: links in e-mails carry tokens`)
        .join('; ')
    );
  }
};

const positiveInt = (name: string, max: number) =>
  yup
    .number()
    .integer(`${name} must be a whole number`)
    .min(1, `${name} must be at least 1`)
    .max(max, `${name} must be at most ${max}`);

const schema = yup
  .object({
    publicUrl: absoluteUrl('publicUrl'),
    platformUrl: absoluteUrl('platformUrl'),
    platformName: yup.string().max(100, 'platformName must be at most 100 characters'),
    defaultLocale: yup
      .string()
      .matches(/^[a-z]{2}(-[A-Z]{2})?$/, 'defaultLocale must look like "en" or "en-GB"'),
    activationUrl: absoluteUrl('activationUrl').nullable(),
    resetPasswordUrl: absoluteUrl('resetPasswordUrl').nullable(),
    resetPasswordReturnsJwt: yup.boolean(),
    linkSecretKey: yup
      .string()
      .nullable()
      .min(
        16,
        'linkSecretKey must be at least 16 characters (generate one with: openssl rand -base64 32)'
      ),
    passwordMinLength: positiveInt('passwordMinLength', 72),
    rateLimits: yup.object({
      perAddress: yup.object({
        max: positiveInt('rateLimits.perAddress.max', 1_000_000),
        windowSeconds: positiveInt('rateLimits.perAddress.windowSeconds', 86_400),
      }),
      perIp: yup.object({
        max: positiveInt('rateLimits.perIp.max', 1_000_000),
        windowSeconds: positiveInt('rateLimits.perIp.windowSeconds', 86_400),
      }),
      perAccount: yup.object({
        max: positiveInt('rateLimits.perAccount.max', 1_000_000),
        windowSeconds: positiveInt('rateLimits.perAccount.windowSeconds', 86_400),
      }),
    }),
    cron: yup
      .object({ enabled: yup.boolean() })
      .noUnknown(true, 'Unknown cron option(s): ${unknown}'),
    reminders: yup
      .object({ pageSize: positiveInt('reminders.pageSize', 10_000) })
      .noUnknown(true, 'Unknown reminders option(s): ${unknown}'),
    import: yup
      .object({
        maxFileBytes: positiveInt('import.maxFileBytes', 200 * 1024 * 1024),
        maxRows: positiveInt('import.maxRows', 1_000_000),
        columns: yup
          .object()
          .test(
            'columns',
            'import.columns must map header names to attribute names (strings)',
            (value: unknown) =>
              Object.values((value ?? {}) as Record<string, unknown>).every(
                (target) => typeof target === 'string' && target.length > 0
              )
          ),
      })
      .noUnknown(true, 'Unknown import option(s): ${unknown}'),
    scim: yup
      .object({
        activation: yup.mixed().oneOf(['sso', 'email'], 'scim.activation must be "sso" or "email"'),
        provider: yup
          .string()
          .matches(
            /^[a-z0-9][a-z0-9_-]{0,63}$/,
            'scim.provider must be a provider name such as "microsoft"'
          )
          .notOneOf(
            ['local'],
            'scim.provider cannot be "local": those users sign in with a password of ours'
          ),
      })
      .noUnknown(true, 'Unknown scim option(s): ${unknown}'),
    delivery: yup
      .object({
        workerEnabled: yup.boolean(),
        pollIntervalMs: positiveInt('delivery.pollIntervalMs', 3_600_000),
        batchSize: positiveInt('delivery.batchSize', 1000),
        lanes: positiveInt('delivery.lanes', 32),
        leaseSeconds: positiveInt('delivery.leaseSeconds', 86_400),
        maxAttempts: positiveInt('delivery.maxAttempts', 100),
        backoffBaseSeconds: positiveInt('delivery.backoffBaseSeconds', 86_400),
        backoffMaxSeconds: positiveInt('delivery.backoffMaxSeconds', 7 * 86_400),
        messagesPerMinute: positiveInt('delivery.messagesPerMinute', 1_000_000).nullable(),
        softBounceLimit: positiveInt('delivery.softBounceLimit', 100),
      })
      .noUnknown(true, 'Unknown delivery option(s): ${unknown}'),
    sso: yup.object({ oidc: oidcSchema }).noUnknown(true, 'Unknown sso option(s): ${unknown}'),
    feedback: feedbackSchema,
  })
  .noUnknown(true, 'Unknown user-communication option(s): ${unknown}');

export default {
  default: (): PluginConfig => ({
    publicUrl: 'http://localhost:1337',
    platformUrl: 'http://localhost:1337',
    platformName: 'Learning platform',
    defaultLocale: 'en',
    activationUrl: null,
    resetPasswordUrl: null,
    resetPasswordReturnsJwt: false,
    linkSecretKey: null,
    passwordMinLength: 8,
    rateLimits: {
      perAddress: { max: 5, windowSeconds: 3600 },
      perIp: { max: 300, windowSeconds: 900 },
      perAccount: { max: 10, windowSeconds: 900 },
    },
    cron: { enabled: true },
    reminders: { pageSize: 1000 },
    import: { maxFileBytes: 10 * 1024 * 1024, maxRows: 100_000, columns: {} },
    scim: { activation: 'sso', provider: 'oidc' },
    delivery: {
      workerEnabled: true,
      pollIntervalMs: 1000,
      batchSize: 25,
      lanes: 4,
      leaseSeconds: 120,
      maxAttempts: 8,
      backoffBaseSeconds: 30,
      backoffMaxSeconds: 3600,
      messagesPerMinute: null,
      softBounceLimit: 3,
    },
    sso: { oidc: defaultOidcOptions() },
    feedback: defaultFeedbackOptions(),
  }),
  // Runs at boot: a wrong option stops Strapi with a readable message instead of
  // producing broken links at 6 a.m.
  validator(config: unknown) {
    try {
      schema.validateSync(config, { abortEarly: false, strict: true });
      const problems = [
        ...oidcProblems((config as Partial<PluginConfig>).sso?.oidc),
        ...feedbackProblems((config as Partial<PluginConfig>).feedback),
      ];
      if (problems.length > 0) throw new Error(problems.join('; '));
      if (process.env.NODE_ENV === 'production') requireHttps(config as Partial<PluginConfig>);
    } catch (error) {
      const details =
        error instanceof yup.ValidationError ? error.errors.join('; ') : (error as Error).message;
      throw new Error(`Invalid configuration of the user-communication plugin: ${details}`, {
        cause: error,
      });
    }
  },
};
