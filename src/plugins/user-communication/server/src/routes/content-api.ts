// Public: the holder of an emailed link is not logged in. Rate-limited per address and per IP.
const publicRoute = (method: string, path: string, handler: string) => ({
  method,
  path,
  handler,
  config: { auth: false },
});

export default {
  type: 'content-api',
  routes: [
    publicRoute('POST', '/activation/verify', 'activation.verify'),
    publicRoute('POST', '/activation/complete', 'activation.complete'),
    publicRoute('POST', '/activation/renew', 'activation.renew'),
    publicRoute('POST', '/password-reset/verify', 'passwords.verifyReset'),
    publicRoute('POST', '/password/change', 'passwords.change'),
    // Provisioning systems, with a Strapi API token (full access, or custom with this route's permission).
    {
      method: 'POST',
      path: '/users',
      handler: 'provisioning.upsert',
      config: { policies: ['plugin::user-communication.is-api-token'] },
    },
  ],
};
