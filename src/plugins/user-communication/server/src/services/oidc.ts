import type { Core } from '@strapi/strapi';
import { createRemoteJWKSet, type JWTVerifyGetKey } from 'jose';
import type { OidcOptions } from '../config/sso';
import { discover, type IssuerMetadata } from '../oidc/discovery';
import { verifyIdToken, IdTokenRefused, type VerifiedIdentity } from '../oidc/id-token';
import { getService } from '../utils/get-service';
import { pluginConfig } from '../utils/plugin-config';

/**
 * The OpenID Connect client behind the users-permissions provider `oidc`
 * (users-permissions/oidc-provider.ts): the issuer's metadata and keys, and ID token checks.
 */
const oidc = ({ strapi }: { strapi: Core.Strapi }) => {
  const options = (): OidcOptions => pluginConfig(strapi).sso.oidc;
  let metadata: Promise<IssuerMetadata> | null = null;
  let keys: { uri: string; get: JWTVerifyGetKey } | null = null;

  /**
   * Fetched at the first sign-in, not at boot: an unreachable provider must not keep the app,
   * and the users who log in with a password, from starting. Kept for the process's life; a
   * failed fetch is not kept, so the next sign-in tries again.
   */
  const issuerMetadata = (): Promise<IssuerMetadata> => {
    metadata ??= discover(options().issuer as string).catch((error: unknown) => {
      metadata = null;
      throw error;
    });
    return metadata;
  };

  /** jose keeps the key set, and fetches it again for a key it has not seen (rotation). */
  const signingKeys = (uri: string): JWTVerifyGetKey => {
    if (keys?.uri !== uri) keys = { uri, get: createRemoteJWKSet(new URL(uri)) };
    return keys.get;
  };

  return {
    issuerMetadata,

    /** The identity in the ID token the token endpoint returned, once every check has passed. */
    async verify(idToken: unknown): Promise<VerifiedIdentity> {
      if (typeof idToken !== 'string' || idToken === '')
        throw new IdTokenRefused(
          'the identity provider returned no ID token (is openid in the scope?)'
        );
      const issuer = await issuerMetadata();
      const { clientId, requireEmailVerified } = options();
      return verifyIdToken(
        idToken,
        signingKeys(issuer.jwksUri),
        {
          issuer: issuer.issuer,
          clientId: clientId as string,
          algorithms: issuer.idTokenAlgorithms,
          requireEmailVerified,
        },
        getService(strapi, 'clock').now().toJSDate()
      );
    },
  };
};

export type OidcService = ReturnType<typeof oidc>;
export default oidc;
