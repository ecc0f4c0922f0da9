import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { createRemoteJWKSet, type JWTVerifyGetKey } from 'jose';
import { allowedDomains, oidcIssuer, type OidcOptions } from '../config/sso';
import { SPENT_ID_TOKEN_UID, USER_UID } from '../constants';
import { discover, type IssuerMetadata } from '../oidc/discovery';
import { verifyIdToken, IdTokenRefused, type VerifiedIdentity } from '../oidc/id-token';
import { getService } from '../utils/get-service';
import { pluginConfig } from '../utils/plugin-config';

/** How long the issuer's discovery document is kept. */
const METADATA_TTL_MS = 24 * 60 * 60 * 1000;

/** Expired entries are dropped now and then, by whichever sign-in happens to come. */
const PURGE_PROBABILITY = 0.05;

const domainOf = (email: string) => email.slice(email.lastIndexOf('@') + 1).toLowerCase();

const digest = (token: string) => crypto.createHash('sha256').update(token).digest('base64url');

/**
 * The OpenID Connect client behind the users-permissions provider `oidc`
 * (users-permissions/oidc-provider.ts): the issuer's metadata and keys, and ID token checks.
 */
const oidc = ({ strapi }: { strapi: Core.Strapi }) => {
  const options = (): OidcOptions => pluginConfig(strapi).sso.oidc;
  const now = () => getService(strapi, 'clock').now().toJSDate();
  let metadata: { value: Promise<IssuerMetadata>; until: number } | null = null;
  let keys: { uri: string; get: JWTVerifyGetKey } | null = null;

  /**
   * Fetched at the first sign-in, not at boot: an unreachable provider must not keep the app,
   * and the users who log in with a password, from starting. Kept for a day (by the plugin's
   * clock), so moved endpoints are found without a restart; a failed fetch is not kept, so the
   * next sign-in tries again.
   */
  const issuerMetadata = (): Promise<IssuerMetadata> => {
    const at = getService(strapi, 'clock').now().toMillis();
    if (!metadata || at >= metadata.until) {
      const value = discover(oidcIssuer(options()) as string).catch((error: unknown) => {
        if (metadata?.value === value) metadata = null;
        throw error;
      });
      metadata = { value, until: at + METADATA_TTL_MS };
    }
    return metadata.value;
  };

  /** jose keeps the key set, and fetches it again for a key it has not seen (rotation). */
  const signingKeys = (uri: string): JWTVerifyGetKey => {
    if (keys?.uri !== uri) keys = { uri, get: createRemoteJWKSet(new URL(uri)) };
    return keys.get;
  };

  /**
   * Records the ID token as used, in the database: the session that carried it lives in the
   * browser's cookie, which can be saved and sent again. Of several attempts with one token, the
   * one whose random claim is stored wins (insert-or-ignore on the unique digest, on every
   * dialect); the others are refused. Kept until the token would be refused as expired anyway.
   */
  const spend = async (idToken: string, acceptedUntil: Date): Promise<void> => {
    const at = now();
    const rows = () => strapi.db.queryBuilder(SPENT_ID_TOKEN_UID);
    const key = digest(idToken);
    const claim = crypto.randomBytes(16).toString('base64url');
    await rows()
      .insert({
        digest: key,
        claim,
        expiresAt: acceptedUntil,
        createdAt: at,
        updatedAt: at,
        publishedAt: at,
      })
      .onConflict('digest')
      .ignore()
      .execute();
    const stored = (await strapi.db
      .query(SPENT_ID_TOKEN_UID)
      .findOne({ where: { digest: key }, select: ['claim'] })) as { claim?: string } | null;
    if (Math.random() < PURGE_PROBABILITY)
      await rows()
        .where({ expiresAt: { $lt: at } })
        .delete()
        .execute();
    if (stored?.claim !== claim)
      throw new IdTokenRefused('this sign-in has already been used; sign in again');
  };

  /** Whether the address's domain is one whose people sign in through the provider only. */
  const isAllowedDomain = (email: string): boolean =>
    allowedDomains(options()).includes(domainOf(email));

  return {
    issuerMetadata,

    /**
     * Binds the account of the identity's address (provider `provider`) to the provider's subject:
     * an account already bound to another subject is refused (the provider gave the address to
     * someone else), an unbound one is bound now. Returns the subject for a new account, which
     * users-permissions writes with the profile.
     */
    async bindSubject(
      identity: VerifiedIdentity,
      provider: string
    ): Promise<{ ssoSubject?: string }> {
      const users = strapi.db.query(USER_UID);
      const email = identity.email.toLowerCase();
      const account = (await users.findOne({
        where: { email, provider },
        select: ['id', 'ssoSubject'],
      })) as { id: number; ssoSubject: string | null } | null;
      if (!account) return { ssoSubject: identity.subject };
      if (account.ssoSubject === null || account.ssoSubject === undefined)
        await getService(strapi, 'user-state').trusted(() =>
          users.update({ where: { id: account.id }, data: { ssoSubject: identity.subject } })
        );
      else if (account.ssoSubject !== identity.subject)
        throw new IdTokenRefused(
          'the account of this e-mail address belongs to another person at the identity provider (its subject differs); an administrator must check it'
        );
      return {};
    },

    /**
     * Local self-registration with an address of an allowed domain: refused, or anyone could
     * take an employee's address first, and that employee's sign-in would then be refused
     * ("Email is already taken": accounts are never linked).
     */
    refuseLocalRegistration(email: unknown): void {
      if (typeof email === 'string' && isAllowedDomain(email))
        throw new errors.ApplicationError(
          `Addresses of ${domainOf(email)} sign in with single sign-on, not with a password`
        );
    },

    /**
     * The identity in the ID token the token endpoint returned, once every check has passed;
     * the token is spent by it (one answer of the provider, one login).
     */
    async signIn(idToken: unknown, nonce: string | null): Promise<VerifiedIdentity> {
      if (typeof idToken !== 'string' || idToken === '')
        throw new IdTokenRefused(
          'the identity provider returned no ID token (is openid in the scope?)'
        );
      const issuer = await issuerMetadata();
      const { clientId, requireEmailVerified } = options();
      const identity = await verifyIdToken(
        idToken,
        signingKeys(issuer.jwksUri),
        {
          issuer: issuer.issuer,
          clientId: clientId as string,
          algorithms: issuer.idTokenAlgorithms,
          requireEmailVerified,
          nonce,
        },
        now()
      );
      if (allowedDomains(options()).length > 0 && !isAllowedDomain(identity.email))
        throw new IdTokenRefused(
          `the e-mail domain ${domainOf(identity.email)} is not allowed to sign in here`
        );
      await spend(idToken, identity.acceptedUntil);
      return identity;
    },
  };
};

export type OidcService = ReturnType<typeof oidc>;
export default oidc;
