import type { Core } from '@strapi/strapi';
import { isOidcConfigured, openIssuerWarning } from '../config/sso';
import { DiscoveryError, type IssuerMetadata } from '../oidc/discovery';
import type { VerifiedIdentity } from '../oidc/id-token';
import { getService } from '../utils/get-service';
import { pluginConfig } from '../utils/plugin-config';
import type { OidcSession } from './oidc-routes';
import { usersPermissionsStore, type ProviderSettings } from './store';

/** The users-permissions provider name: /api/connect/oidc, /api/auth/oidc/callback, `provider: 'oidc'`. */
export const OIDC_PROVIDER = 'oidc';

interface ProvidersRegistry {
  add(name: string, provider: Record<string, unknown>): void;
}

interface OidcRequest {
  session?: OidcSession | null;
  state: { oidcUnavailable?: string };
}

interface GrantResponse {
  id_token?: unknown;
}

/** Whether the plugin's options turn the provider on. */
export const isOidcEnabled = (strapi: Core.Strapi): boolean =>
  isOidcConfigured(pluginConfig(strapi).sso.oidc);

/**
 * Where users-permissions sends the browser back after the provider. By default its own
 * endpoint that answers with the login, as users-permissions sets it up for Cognito or Keycloak.
 */
const redirectUrl = (strapi: Core.Strapi): string => {
  const configured = pluginConfig(strapi).sso.oidc.redirectUrl;
  if (configured) return configured;
  const base = String(strapi.config.get('server.absoluteUrl')).replace(/\/+$/, '');
  const prefix = String(strapi.config.get('api.rest.prefix', '/api'));
  return `${base}${prefix}/auth/${OIDC_PROVIDER}/callback`;
};

/** The provider's settings as users-permissions stores them, from the plugin's configuration. */
const configuredSettings = (strapi: Core.Strapi): ProviderSettings => {
  const { clientId, clientSecret, scope } = pluginConfig(strapi).sso.oidc;
  return {
    enabled: true,
    icon: 'openid',
    oauth: 2,
    key: clientId,
    secret: clientSecret,
    scope,
    callback: redirectUrl(strapi),
  };
};

// Names as users-permissions' OAuth client reads them (utils/oauth-connect/index.js).
const endpointSettings = (issuer: IssuerMetadata): ProviderSettings => ({
  authorize_url: issuer.authorizationEndpoint,
  access_url: issuer.tokenEndpoint,
  token_endpoint_auth_method: issuer.tokenEndpointAuthMethod,
});

/**
 * Adds the provider to users-permissions' registry, in register(): its bootstrap creates the
 * stored settings from the registry, and /api/auth/oidc/callback asks the registry's
 * authCallback for the profile — here, the identity in the verified ID token.
 */
export const registerOidcProvider = (strapi: Core.Strapi): void => {
  if (!isOidcEnabled(strapi)) return;
  const warning = openIssuerWarning(pluginConfig(strapi).sso.oidc);
  if (warning && process.env.NODE_ENV === 'production')
    strapi.log.warn(`[user-communication] ${warning}`);
  const { enabled, icon, ...grantConfig } = configuredSettings(strapi);
  const registry = strapi
    .plugin('users-permissions')
    .service('providers-registry') as unknown as ProvidersRegistry;
  registry.add(OIDC_PROVIDER, {
    enabled,
    icon,
    grantConfig,
    async authCallback({ grantResponse }: { grantResponse?: GrantResponse }) {
      // The request: its session holds the nonce this browser's sign-in sent (oidc-routes.ts).
      const request = strapi.requestContext.get() as OidcRequest | undefined;
      const oidc = getService(strapi, 'oidc');
      let identity: VerifiedIdentity;
      try {
        identity = await oidc.signIn(grantResponse?.id_token, request?.session?.oidcNonce ?? null);
      } catch (error) {
        if (error instanceof DiscoveryError && request)
          request.state.oidcUnavailable = error.message;
        throw error;
      }
      const subject = await oidc.bindSubject(identity, OIDC_PROVIDER);
      // Only these: users-permissions writes every key of the profile into the new user.
      const email = identity.email.toLowerCase();
      return { email, username: email.split('@')[0], ...subject };
    },
  });
};

/**
 * Makes the stored settings say what the configuration says, with the issuer's endpoints when
 * known. users-permissions' bootstrap merges the stored settings over the registry's, so a
 * changed issuer or client would otherwise lose to an earlier one's, and its OAuth client reads
 * only the store. Without configuration there is nothing to do: the same bootstrap rebuilds the
 * stored `grant` from its registry, which then has no `oidc`, and drops an earlier entry
 * (bootstrap/index.js, initGrant).
 */
export const syncOidcSettings = async (
  strapi: Core.Strapi,
  issuer?: IssuerMetadata
): Promise<void> => {
  if (!isOidcEnabled(strapi)) return;
  const next = { ...configuredSettings(strapi), ...(issuer ? endpointSettings(issuer) : {}) };
  await usersPermissionsStore(strapi).setProvider(OIDC_PROVIDER, next);
};
