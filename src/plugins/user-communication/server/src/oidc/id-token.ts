import { errors as jose, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { DiscoveryError } from './discovery';

export interface IdTokenPolicy {
  /** The issuer as its discovery document names it. */
  issuer: string;
  clientId: string;
  algorithms: string[];
  /** Refuse a token without `email_verified: true` (off: refuse only an explicit false). */
  requireEmailVerified: boolean;
  /** The nonce this browser's sign-in sent to the provider (none kept: every token is refused). */
  nonce: string | null;
}

/** Who the provider says signed in, once the ID token is proven. */
export interface VerifiedIdentity {
  subject: string;
  email: string;
  /** Until when the token is accepted (`exp` and the clock tolerance): how long it is remembered as spent. */
  acceptedUntil: Date;
}

/** An ID token the plugin does not accept; the message says why, and never contains the token. */
export class IdTokenRefused extends Error {
  constructor(reason: string) {
    super(`Single sign-on refused: ${reason}`);
  }
}

/** The issuer's keys cannot be read: the provider is unavailable, not the token wrong. */
export class IssuerKeysUnavailable extends DiscoveryError {
  constructor() {
    super("The issuer's signing keys could not be read");
  }
}

/**
 * What jose's remote key set throws when the keys cannot be fetched (jwks/remote.js): a timeout,
 * a status other than 200 or a body that is not JSON (plain JOSEError), an invalid key set, or
 * fetch's own network error.
 */
const keysUnavailable = (error: unknown): boolean =>
  error instanceof jose.JWKSTimeout ||
  error instanceof jose.JWKSInvalid ||
  (error instanceof jose.JOSEError && error.code === jose.JOSEError.code) ||
  // By name: fetch's errors may come from another realm (a test runner's sandbox).
  ((error as Error | null)?.name === 'TypeError' && (error as Error).message === 'fetch failed');

/** The issuer's clock and ours may disagree by this much (OpenID Connect Core 1.0, §3.1.3.7). */
export const CLOCK_TOLERANCE_SECONDS = 60;

const claimReasons: Record<string, string> = {
  iss: 'the ID token was issued by another issuer',
  aud: 'the ID token was issued for another client',
  nbf: 'the ID token is not valid yet',
  iat: 'the ID token has an invalid issue time',
  sub: 'the ID token names no subject',
  exp: 'the ID token has no expiry',
};

/** A refusal a person can act on, from jose's error (whose messages may quote claims). */
const reasonFor = (error: unknown): string => {
  if (error instanceof jose.JWTExpired) return 'the ID token has expired';
  if (error instanceof jose.JWTClaimValidationFailed)
    return claimReasons[error.claim] ?? `the ID token's ${error.claim} claim is invalid`;
  if (error instanceof jose.JWSSignatureVerificationFailed)
    return "the ID token's signature does not match the issuer's keys";
  if (error instanceof jose.JWKSNoMatchingKey)
    return 'the ID token is signed with a key the issuer does not publish';
  if (error instanceof jose.JOSEAlgNotAllowed)
    return 'the ID token is signed with an algorithm the issuer does not use';
  if (error instanceof jose.JWTInvalid || error instanceof jose.JWSInvalid)
    return 'the ID token is malformed';
  return 'the ID token could not be verified';
};

const isTrue = (value: unknown) => value === true || value === 'true';
const isFalse = (value: unknown) => value === false || value === 'false';

/** Core §3.1.3.7 (4, 5): a token for several audiences, or with an `azp`, must be ours by `azp`. */
const authorizedParty = (payload: JWTPayload, clientId: string): boolean => {
  const several = Array.isArray(payload.aud) && payload.aud.length > 1;
  if (several || payload.azp !== undefined) return payload.azp === clientId;
  return true;
};

/** The e-mail address users are matched by, if the provider vouches for it. */
const verifiedEmail = (payload: JWTPayload, requireVerified: boolean): string => {
  const { email, email_verified: verified } = payload;
  if (typeof email !== 'string' || !email.includes('@'))
    throw new IdTokenRefused(
      'the ID token carries no e-mail address (request the email scope, or add the email claim at the provider)'
    );
  // The address decides which account is opened: one the provider has not checked could be anyone's.
  if (isFalse(verified) || (requireVerified && !isTrue(verified)))
    throw new IdTokenRefused('the identity provider has not verified the e-mail address');
  return email;
};

/**
 * Verifies an ID token as OpenID Connect Core 1.0, §3.1.3.7 asks of a confidential client using
 * the code flow: signature by one of the issuer's published keys, `iss`, `aud` (and `azp`),
 * `exp`, `nonce`, with `now` read from the plugin's clock; then the e-mail address and whether the
 * provider verified it.
 */
export const verifyIdToken = async (
  idToken: string,
  keys: JWTVerifyGetKey,
  policy: IdTokenPolicy,
  now: Date
): Promise<VerifiedIdentity> => {
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(idToken, keys, {
      issuer: policy.issuer,
      audience: policy.clientId,
      algorithms: policy.algorithms,
      requiredClaims: ['sub', 'exp', 'iat'],
      currentDate: now,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
    }));
  } catch (error) {
    if (keysUnavailable(error)) throw new IssuerKeysUnavailable();
    throw new IdTokenRefused(reasonFor(error));
  }
  if (!authorizedParty(payload, policy.clientId))
    throw new IdTokenRefused('the ID token was issued for another client');
  // Core §3.1.3.7 (11): the nonce binds the token to the browser that started the sign-in, so a
  // code or token taken from another browser's sign-in gives nothing.
  if (policy.nonce === null || payload.nonce !== policy.nonce)
    throw new IdTokenRefused(
      "the ID token was not issued for this sign-in (its nonce is not this browser's): sign in again"
    );
  return {
    subject: payload.sub as string,
    email: verifiedEmail(payload, policy.requireEmailVerified),
    acceptedUntil: new Date(((payload.exp as number) + CLOCK_TOLERANCE_SECONDS) * 1000),
  };
};
