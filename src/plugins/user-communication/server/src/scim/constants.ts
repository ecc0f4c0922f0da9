/** The URNs and limits of the SCIM 2.0 service provider (RFC 7643, RFC 7644). */

export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const ENTERPRISE_USER_SCHEMA = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const LIST_RESPONSE = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
export const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const ERROR_MESSAGE = 'urn:ietf:params:scim:api:messages:2.0:Error';
export const SERVICE_PROVIDER_CONFIG_SCHEMA =
  'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig';
export const RESOURCE_TYPE_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:ResourceType';
export const SCHEMA_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Schema';

/** RFC 7644 §8.1: the media type of every request and response body. */
export const SCIM_MEDIA_TYPE = 'application/scim+json';

/** Under the plugin's content-API prefix: /api/user-communication/scim/v2. */
export const SCIM_PATH = '/scim/v2';

/** Largest request body read (ServiceProviderConfig `bulk.maxPayloadSize` says the same). */
export const MAX_BODY_BYTES = 1024 * 1024;
/** Operations of one PATCH request. */
export const MAX_PATCH_OPERATIONS = 1000;
/** `count` of a list when the client gives none, and the most it may ask for. */
export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 1000;
/** A filter longer or more complex than any IdP sends is refused before it reaches the database. */
export const MAX_FILTER_LENGTH = 4096;
export const MAX_FILTER_COMPARISONS = 100;
