/** The discovery endpoints (RFC 7644 §4): what this service provider supports, in its own words. */
import {
  ENTERPRISE_USER_SCHEMA,
  LIST_RESPONSE,
  MAX_PAGE_SIZE,
  RESOURCE_TYPE_SCHEMA,
  SCHEMA_SCHEMA,
  SERVICE_PROVIDER_CONFIG_SCHEMA,
  USER_SCHEMA,
} from './constants';
import type { Json } from './resource';
import { ENTERPRISE_SCHEMA_DEF, USER_SCHEMA_DEF, type SchemaDef } from './schema';

/** A list of discovery resources (never paged: there are at most two). */
export const listOf = (resources: Json[]): Json => ({
  schemas: [LIST_RESPONSE],
  totalResults: resources.length,
  itemsPerPage: resources.length,
  startIndex: 1,
  Resources: resources,
});

export const serviceProviderConfig = (base: string): Json => ({
  schemas: [SERVICE_PROVIDER_CONFIG_SCHEMA],
  patch: { supported: true },
  bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
  filter: { supported: true, maxResults: MAX_PAGE_SIZE },
  changePassword: { supported: false },
  sort: { supported: false },
  etag: { supported: false },
  authenticationSchemes: [
    {
      type: 'oauthbearertoken',
      name: 'Strapi API token',
      description:
        'A Strapi API token (Settings → API Tokens) allowed the user-communication SCIM permission, sent as "Authorization: Bearer <token>".',
      primary: true,
    },
  ],
  meta: { resourceType: 'ServiceProviderConfig', location: `${base}/ServiceProviderConfig` },
});

/** Users only: groups are not provisioned (README: SCIM, Groups). */
export const userResourceType = (base: string): Json => ({
  schemas: [RESOURCE_TYPE_SCHEMA],
  id: 'User',
  name: 'User',
  endpoint: '/Users',
  description: 'User Account',
  schema: USER_SCHEMA,
  schemaExtensions: [{ schema: ENTERPRISE_USER_SCHEMA, required: false }],
  meta: { resourceType: 'ResourceType', location: `${base}/ResourceTypes/User` },
});

const schemaResource = (schema: SchemaDef, base: string): Json => ({
  schemas: [SCHEMA_SCHEMA],
  id: schema.id,
  name: schema.name,
  description: schema.description,
  attributes: schema.attributes,
  meta: { resourceType: 'Schema', location: `${base}/Schemas/${schema.id}` },
});

export const schemaResources = (base: string): Json[] =>
  [USER_SCHEMA_DEF, ENTERPRISE_SCHEMA_DEF].map((schema) => schemaResource(schema, base));
