import { limitedBy } from '../middlewares/rate-limit';

/** Public: the holder of an emailed link is not logged in. Limited per client address. */
const publicRoute = (method: string, path: string, handler: string, limit: string) => ({
  method,
  path,
  handler,
  config: { auth: false, middlewares: [limitedBy(limit)] },
});

export default {
  type: 'content-api',
  routes: [
    publicRoute('POST', '/activation/verify', 'activation.verify', 'activation-verify'),
    publicRoute('POST', '/activation/complete', 'activation.complete', 'activation-complete'),
    publicRoute('POST', '/activation/renew', 'activation.renew', 'activation-renew'),
    publicRoute('POST', '/password-reset/verify', 'passwords.verifyReset', 'password-reset-verify'),
    publicRoute('POST', '/password/change', 'passwords.change', 'password-change'),
    // Provisioning systems, with a Strapi API token (full access, or custom with this route's permission).
    {
      method: 'POST',
      path: '/users',
      handler: 'provisioning.upsert',
      config: { policies: ['plugin::user-communication.is-api-token'] },
    },
  ],
};
