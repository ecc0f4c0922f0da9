import { PLUGIN_ID } from '../constants';
import type { ScimOperation } from '../controllers/scim';
import { SCIM_PATH } from '../scim/constants';
import { requireCredentials } from '../scim/credentials';

/** The one content-API permission of the SCIM API (Settings → API Tokens → custom → User-communication → scim → provision). */
export const SCIM_PERMISSION = `plugin::${PLUGIN_ID}.scim.provision`;

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'ALL';

/**
 * A SCIM route: an API token (full access, or custom with the permission above); no
 * credentials is a 401 (scim/credentials.ts), a user's JWT a 403 (the policy). The route
 * middleware reads application/scim+json bodies and writes SCIM errors.
 */
const route = (method: Method, path: string, operation: ScimOperation) => ({
  method,
  path: `${SCIM_PATH}${path}`,
  handler: 'scim.provision',
  config: {
    operation,
    auth: {
      scope: [SCIM_PERMISSION],
      strategies: [requireCredentials, 'content-api-token', 'users-permissions'],
    },
    policies: [`plugin::${PLUGIN_ID}.is-api-token`],
    middlewares: [`plugin::${PLUGIN_ID}.scim`],
  },
});

export const scimRoutes = [
  route('GET', '/ServiceProviderConfig', 'serviceProviderConfig'),
  route('GET', '/ResourceTypes', 'resourceTypes'),
  route('GET', '/ResourceTypes/:id', 'resourceType'),
  route('GET', '/Schemas', 'schemas'),
  route('GET', '/Schemas/:id', 'schema'),
  route('GET', '/Users', 'listUsers'),
  route('POST', '/Users', 'createUser'),
  route('GET', '/Users/:id', 'getUser'),
  route('PUT', '/Users/:id', 'replaceUser'),
  route('PATCH', '/Users/:id', 'patchUser'),
  route('DELETE', '/Users/:id', 'deleteUser'),
  // Groups: 501 for every request (README: SCIM, why no groups).
  route('ALL', '/Groups', 'groups'),
  route('ALL', '/Groups/:id', 'groups'),
  route('ALL', '/Bulk', 'unsupported'),
  route('ALL', '/Me', 'unsupported'),
];
