import { isSecureUrl } from '../utils/trusted-url';

/** What the plugin needs to know about an OpenID Connect issuer, from its discovery document. */
export interface IssuerMetadata {
  /** The issuer as the provider names itself: ID tokens' `iss` must be exactly this. */
  issuer: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  jwksUri: string;
  /** How the token endpoint takes the client secret. */
  tokenEndpointAuthMethod: 'client_secret_post' | 'client_secret_basic';
  /** The algorithms ID tokens may be signed with (asymmetric ones only). */
  idTokenAlgorithms: string[];
}

/** The provider cannot be reached, or publishes what the plugin cannot use safely. */
export class DiscoveryError extends Error {}

const TIMEOUT_MS = 10_000;

// A symmetric (HS*) ID token is signed with the client secret, which this client would also have
// to verify with; 'none' is unsigned. Only public-key signatures prove the issuer wrote the token.
const ASYMMETRIC = /^(RS|PS|ES)(256|384|512)$|^EdDSA$|^Ed25519$/;

const withoutTrailingSlash = (url: string) => url.replace(/\/+$/, '');

/** OpenID Connect Discovery 1.0, §4: the issuer with any trailing slash removed, then the path. */
export const discoveryUrl = (issuer: string): string =>
  `${withoutTrailingSlash(issuer)}/.well-known/openid-configuration`;

const endpoint = (document: Record<string, unknown>, name: string): string => {
  const value = document[name];
  const url = typeof value === 'string' && URL.canParse(value) ? new URL(value) : null;
  if (!url) throw new DiscoveryError(`The issuer's discovery document has no valid ${name}`);
  // The code, the client secret and the signing keys travel on these: same rule as the issuer.
  if (!isSecureUrl(url))
    throw new DiscoveryError(`The issuer's ${name} must be https (http only on loopback)`);
  return value as string;
};

/** RFC 8414 §2: client_secret_basic when the provider lists no method. */
const authMethod = (
  document: Record<string, unknown>
): IssuerMetadata['tokenEndpointAuthMethod'] => {
  const methods = document.token_endpoint_auth_methods_supported;
  return Array.isArray(methods) && methods.includes('client_secret_post')
    ? 'client_secret_post'
    : 'client_secret_basic';
};

/** OpenID Connect Discovery 1.0, §3: RS256 when the provider lists none. */
const algorithms = (document: Record<string, unknown>): string[] => {
  const listed = document.id_token_signing_alg_values_supported;
  const usable = Array.isArray(listed)
    ? listed.filter((alg): alg is string => typeof alg === 'string' && ASYMMETRIC.test(alg))
    : ['RS256'];
  if (usable.length === 0)
    throw new DiscoveryError('The issuer signs ID tokens with no public-key algorithm');
  return usable;
};

const fetchDocument = async (issuer: string): Promise<Record<string, unknown>> => {
  let response: Response;
  try {
    // No redirects: one could lead off https, or to another issuer's document.
    response = await fetch(discoveryUrl(issuer), {
      redirect: 'error',
      signal: AbortSignal.timeout(TIMEOUT_MS),
      headers: { accept: 'application/json' },
    });
  } catch {
    throw new DiscoveryError(`The issuer ${issuer} could not be reached`);
  }
  if (!response.ok)
    throw new DiscoveryError(
      `The issuer ${issuer} answered ${response.status} for its discovery document`
    );
  const document: unknown = await response.json().catch(() => null);
  if (typeof document !== 'object' || document === null || Array.isArray(document))
    throw new DiscoveryError(`The issuer ${issuer} sent a discovery document that is not JSON`);
  return document as Record<string, unknown>;
};

/** Reads and checks the issuer's discovery document. */
export const discover = async (issuer: string): Promise<IssuerMetadata> => {
  const document = await fetchDocument(issuer);
  // Discovery §4.3: the document's issuer must be the one asked (else it speaks for another).
  // Entra ID names its tenant by id here: a tenant configured by domain name does not match.
  if (
    typeof document.issuer !== 'string' ||
    withoutTrailingSlash(document.issuer) !== withoutTrailingSlash(issuer)
  )
    throw new DiscoveryError(
      `The discovery document of ${issuer} names another issuer (${String(document.issuer)}); configure that exact issuer`
    );
  return {
    issuer: document.issuer,
    authorizationEndpoint: endpoint(document, 'authorization_endpoint'),
    tokenEndpoint: endpoint(document, 'token_endpoint'),
    jwksUri: endpoint(document, 'jwks_uri'),
    tokenEndpointAuthMethod: authMethod(document),
    idTokenAlgorithms: algorithms(document),
  };
};
