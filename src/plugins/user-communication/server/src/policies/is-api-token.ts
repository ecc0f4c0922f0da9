import { errors } from '@strapi/utils';

export interface PolicyContext {
  state: { auth?: { strategy?: { name?: string } } };
}

/**
 * The integration API is for systems, which authenticate with a Strapi API token
 * (Settings → API Tokens); a logged-in end user's JWT is refused even if a role was
 * granted the route by mistake.
 */
export default (policyContext: PolicyContext) => {
  if (policyContext.state.auth?.strategy?.name === 'content-api-token') return true;
  throw new errors.PolicyError('This endpoint takes a Strapi API token (Settings → API Tokens).');
};
