import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { captureTransport } from '../src/mail/capture-transport';
import { dkimOptions } from '../src/mail/dkim';
import { noDelaySocket } from '../src/mail/no-delay-socket';
import { isAcceptedPassword } from '../src/utils/common-passwords';
import { optionalSecret, secret } from '../src/utils/secrets';

const APP_ROOT = path.resolve(__dirname, '..', '..');

const emailProviderOptions = (env: Core.Config.Shared.ConfigParams['env']) => {
  if (!env('SMTP_HOST')) {
    return captureTransport(path.resolve(APP_ROOT, env('MAIL_CAPTURE_DIR', '.tmp/mail')));
  }
  const user = env('SMTP_USERNAME');
  return {
    host: env('SMTP_HOST'),
    port: env.int('SMTP_PORT', 587),
    secure: env.bool('SMTP_SECURE', false),
    ignoreTLS: env.bool('SMTP_IGNORE_TLS', false),
    // The name this instance gives in EHLO (default: the machine's hostname); some relays check it.
    name: env('SMTP_CLIENT_NAME'),
    auth: user ? { user, pass: env('SMTP_PASSWORD') } : undefined,
    pool: true,
    maxConnections: env.int('SMTP_MAX_CONNECTIONS', 5),
    maxMessages: env.int('SMTP_MAX_MESSAGES', 100),
    getSocket: noDelaySocket,
    // Signed by this instance when DKIM_DOMAIN is set (a relay may sign instead, or as well).
    dkim: dkimOptions(env),
  };
};

const config = ({ env }: Core.Config.Shared.ConfigParams) => ({
  'users-permissions': {
    config: {
      jwtSecret: secret(env, 'JWT_SECRET'),
      // 'refresh' (sessions in the database) as in new Strapi 5.54 projects; 'legacy-support' for long-lived JWTs.
      jwtManagement: env('UP_JWT_MANAGEMENT', 'refresh'),
      sessions: { httpOnly: env.bool('UP_SESSIONS_HTTP_ONLY', false) },
      ratelimit: { enabled: env.bool('UP_RATELIMIT_ENABLED', true) },
      // The project's own password rule; the plugin adds its minimum length and applies both everywhere.
      validationRules: { validatePassword: isAcceptedPassword },
    },
  },
  email: {
    config: {
      provider: 'nodemailer',
      providerOptions: emailProviderOptions(env),
      settings: {
        defaultFrom: env('MAIL_FROM', 'Learning platform <no-reply@example.com>'),
        defaultReplyTo: env('MAIL_REPLY_TO', 'support@example.com'),
      },
    },
  },
  'user-communication': {
    enabled: true,
    resolve: './src/plugins/user-communication',
    config: {
      publicUrl: env('PUBLIC_URL', `http://localhost:${env.int('PORT', 1337)}`),
      platformUrl: env(
        'PLATFORM_URL',
        env('PUBLIC_URL', `http://localhost:${env.int('PORT', 1337)}`)
      ),
      resetPasswordUrl: env('UC_RESET_PASSWORD_URL', null),
      resetPasswordReturnsJwt: env.bool('UC_RESET_PASSWORD_RETURNS_JWT', false),
      // Unset: the admin's ENCRYPTION_KEY seals link tokens in the outbox.
      linkSecretKey: optionalSecret(env, 'UC_LINK_SECRET_KEY'),
      cron: { enabled: env.bool('UC_CRON_ENABLED', true) },
      reminders: { pageSize: env.int('UC_REMINDERS_PAGE_SIZE', 1000) },
      // The relay's or provider's sending limit, shared by every instance (unset: none).
      delivery: { messagesPerMinute: env.int('UC_DELIVERY_MESSAGES_PER_MINUTE') ?? null },
      // Single sign-on with any OpenID Connect provider (Entra ID, Okta, Keycloak, Google): on when OIDC_ISSUER is set.
      sso: {
        oidc: {
          issuer: env('OIDC_ISSUER', null),
          clientId: env('OIDC_CLIENT_ID', null),
          clientSecret: env('OIDC_CLIENT_SECRET', null),
          scope: env('OIDC_SCOPE', 'openid email profile'),
          redirectUrl: env('OIDC_REDIRECT_URL', null),
          requireEmailVerified: env.bool('OIDC_REQUIRE_EMAIL_VERIFIED', true),
          allowedDomains: env.array('OIDC_ALLOWED_DOMAINS', []),
        },
      },
      // SCIM-provisioned users: sign in with the identity provider (sso) or get activation (email).
      scim: {
        activation: env('UC_SCIM_ACTIVATION', 'sso'),
        provider: env('UC_SCIM_PROVIDER', 'oidc'),
      },
      // Bounce and complaint webhooks: each endpoint is on once its credentials are set (else 404).
      feedback: {
        ses: { topicArns: env.array('UC_FEEDBACK_SES_TOPIC_ARNS', []) },
        sendgrid: { publicKey: env('UC_FEEDBACK_SENDGRID_PUBLIC_KEY', null) },
        postmark: {
          username: env('UC_FEEDBACK_POSTMARK_USERNAME', null),
          password: optionalSecret(env, 'UC_FEEDBACK_POSTMARK_PASSWORD'),
        },
        report: { secret: optionalSecret(env, 'UC_FEEDBACK_REPORT_SECRET') },
      },
    },
  },
});

export default config;
