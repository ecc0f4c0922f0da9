import { limitedBy, type RateLimitConfig } from '../middlewares/rate-limit';
import { scimRoutes } from './scim';

/**
 * Public: the holder of an emailed link is not logged in. Limited per client address under the
 * route's own name (`/activation/verify` counts as `activation-verify`): every request, or (for
 * routes that hold a token) only those with a wrong, expired or used link.
 */
const publicRoute = (path: string, handler: string, count: RateLimitConfig['count']) => ({
  method: 'POST',
  path,
  handler,
  config: { auth: false, middlewares: [limitedBy(path.slice(1).replace('/', '-'), count)] },
});

/**
 * A reminder's one-click unsubscribe link (RFC 8058): its page (GET) and the opt-out (POST).
 * Only wrong links count: a mailbox provider posts the one-clicks of many users from a few
 * addresses.
 */
const unsubscribeRoute = (method: 'GET' | 'POST', handler: string) => ({
  method,
  path: '/unsubscribe/:token',
  handler,
  config: { auth: false, middlewares: [limitedBy('unsubscribe', 'wrong-links')] },
});

export default {
  type: 'content-api',
  routes: [
    publicRoute('/activation/verify', 'activation.verify', 'wrong-links'),
    publicRoute('/activation/complete', 'activation.complete', 'wrong-links'),
    publicRoute('/activation/renew', 'activation.renew', 'all'),
    publicRoute('/password-reset/verify', 'passwords.verifyReset', 'wrong-links'),
    publicRoute('/password/change', 'passwords.change', 'wrong-links'),
    // Bounce and complaint webhooks: each checks its provider's signature or credentials itself
    // (feedback-webhooks); only refused requests count, so a provider's busy hour is never limited.
    publicRoute('/feedback/ses', 'feedback.ses', 'failures'),
    publicRoute('/feedback/sendgrid', 'feedback.sendgrid', 'failures'),
    publicRoute('/feedback/postmark', 'feedback.postmark', 'failures'),
    publicRoute('/feedback/report', 'feedback.report', 'failures'),
    unsubscribeRoute('GET', 'unsubscribe.show'),
    unsubscribeRoute('POST', 'unsubscribe.confirm'),
    // Provisioning systems, with a Strapi API token (full access, or custom with this route's permission).
    {
      method: 'POST',
      path: '/users',
      handler: 'provisioning.upsert',
      config: { policies: ['plugin::user-communication.is-api-token'] },
    },
    // SCIM 2.0 for identity providers (Microsoft Entra ID, Okta), also with an API token.
    ...scimRoutes,
  ],
};
