/**
 * The first authentication strategy of the SCIM routes. Strapi's content API lets a request
 * without credentials through as users-permissions' public role and then refuses it with a
 * 403; RFC 7644 §3.12 wants 401 for missing credentials. A request that carries a bearer
 * token goes on to the API-token and users-permissions strategies (a user's JWT: 403).
 */
export const requireCredentials = {
  name: 'user-communication-scim-credentials',
  authenticate(ctx: { request: { header: Record<string, string | string[] | undefined> } }) {
    const header = ctx.request.header.authorization;
    if (typeof header === 'string' && /^bearer\s+\S+/i.test(header))
      return { authenticated: false };
    return {
      authenticated: false,
      error: 'Missing credentials: send a Strapi API token as "Authorization: Bearer <token>"',
    };
  },
};
