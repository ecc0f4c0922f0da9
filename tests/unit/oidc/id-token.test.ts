import {
  createLocalJWKSet,
  errors,
  exportJWK,
  generateKeyPair,
  SignJWT,
  type JWTPayload,
} from 'jose';
import { IssuerKeysUnavailable, verifyIdToken, type IdTokenPolicy } from '@server/oidc/id-token';

const NOW = new Date('2026-04-01T10:00:00.000Z');
const ISSUER = 'https://idp.example.com';
const POLICY: IdTokenPolicy = {
  issuer: ISSUER,
  clientId: 'platform',
  algorithms: ['RS256'],
  requireEmailVerified: true,
  nonce: 'n-0S6_WzA2Mj',
};

describe('ID token verification', () => {
  let sign: (claims: JWTPayload, options?: { foreign?: boolean }) => Promise<string>;
  let keys: ReturnType<typeof createLocalJWKSet>;

  beforeAll(async () => {
    const published = await generateKeyPair('RS256');
    const foreign = await generateKeyPair('RS256');
    keys = createLocalJWKSet({
      keys: [{ ...(await exportJWK(published.publicKey)), kid: 'k1', alg: 'RS256' }],
    });
    sign = (claims, options = {}) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
        .sign(options.foreign ? foreign.privateKey : published.privateKey);
  });

  const iat = Math.floor(NOW.getTime() / 1000);
  const honest: JWTPayload = {
    iss: ISSUER,
    aud: 'platform',
    sub: 'user-1',
    email: 'ada@example.com',
    email_verified: true,
    nonce: 'n-0S6_WzA2Mj',
    iat,
    exp: iat + 300,
  };
  const verify = async (claims: JWTPayload, policy: Partial<IdTokenPolicy> = {}) =>
    verifyIdToken(await sign(claims), keys, { ...POLICY, ...policy }, NOW);

  it('gives the subject and the e-mail address of an honest token', async () => {
    await expect(verify(honest)).resolves.toEqual({
      subject: 'user-1',
      email: 'ada@example.com',
      acceptedUntil: new Date((iat + 300 + 60) * 1000),
    });
  });

  // The third column: sign with a key the issuer does not publish (under its key's id).
  it.each([
    ['the signature of a foreign key', {}, true, /signature does not match/],
    ['an expired token', { exp: iat - 120 }, false, /has expired/],
    ['a token not valid yet (nbf)', { nbf: iat + 600 }, false, /not valid yet/],
    ['another audience', { aud: 'other' }, false, /issued for another client/],
    ['another issuer', { iss: 'https://evil.example.com' }, false, /issued by another issuer/],
    ['an unverified address', { email_verified: false }, false, /not verified the e-mail/],
    ['a missing email_verified', { email_verified: undefined }, false, /not verified the e-mail/],
    ['no e-mail address', { email: undefined }, false, /carries no e-mail address/],
    ['several audiences without azp', { aud: ['platform', 'other'] }, false, /another client/],
    ['an azp of another client', { azp: 'other' }, false, /another client/],
    ['no subject', { sub: undefined }, false, /names no subject/],
    ["another sign-in's nonce", { nonce: 'another' }, false, /not issued for this sign-in/],
    ['no nonce', { nonce: undefined }, false, /not issued for this sign-in/],
  ])('refuses %s', async (_case, change, foreign, reason) => {
    const claims = { ...honest, ...change } as JWTPayload;
    const token = await sign(claims, { foreign });
    await expect(verifyIdToken(token, keys, POLICY, NOW)).rejects.toThrow(reason);
  });

  it('refuses an unsigned token (alg none)', async () => {
    const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
    const unsigned = `${encode({ alg: 'none', typ: 'JWT' })}.${encode(honest)}.`;
    await expect(verifyIdToken(unsigned, keys, POLICY, NOW)).rejects.toThrow(/malformed|algorithm/);
  });

  it('refuses a token signed with HS256 and the client secret, even when the secret matches', async () => {
    const clientSecret = new TextEncoder().encode('the-client-secret-the-attacker-guessed-or-read');
    const token = await new SignJWT(honest)
      .setProtectedHeader({ alg: 'HS256', kid: 'k1' })
      .sign(clientSecret);
    await expect(verifyIdToken(token, keys, POLICY, NOW)).rejects.toThrow(
      /algorithm the issuer does not use/
    );
    // Even a key lookup that would hand over the secret is never asked: HS256 is not allowed.
    await expect(verifyIdToken(token, async () => clientSecret, POLICY, NOW)).rejects.toThrow(
      /algorithm the issuer does not use/
    );
  });

  it.each([
    ['a timeout', new errors.JWKSTimeout()],
    ['an answer that is not 200', new errors.JOSEError('Expected 200 OK')],
    ['an invalid key set', new errors.JWKSInvalid()],
    ['a network error', new TypeError('fetch failed')],
  ])(
    "reports the issuer's keys as unavailable on %s, not the token as wrong",
    async (_case, error) => {
      const token = await sign(honest);
      const failing = async () => {
        throw error;
      };
      await expect(verifyIdToken(token, failing, POLICY, NOW)).rejects.toBeInstanceOf(
        IssuerKeysUnavailable
      );
    }
  );

  it('tolerates a minute of clock difference, not more', async () => {
    await expect(verify({ ...honest, exp: iat - 30 })).resolves.toBeDefined();
    await expect(verify({ ...honest, exp: iat - 90 })).rejects.toThrow(/has expired/);
  });

  it('accepts a missing email_verified when told to trust the issuer, never an explicit false', async () => {
    const trusting = { requireEmailVerified: false };
    await expect(verify({ ...honest, email_verified: undefined }, trusting)).resolves.toBeDefined();
    await expect(verify({ ...honest, email_verified: false }, trusting)).rejects.toThrow(
      /not verified/
    );
    await expect(verify({ ...honest, email_verified: 'false' }, trusting)).rejects.toThrow(
      /not verified/
    );
  });

  it('refuses every token when the session kept no nonce', async () => {
    await expect(verify(honest, { nonce: null })).rejects.toThrow(/not issued for this sign-in/);
  });

  it('never quotes the token in its refusal', async () => {
    const token = await sign({ ...honest, aud: 'other' });
    const refusal = await verifyIdToken(token, keys, POLICY, NOW).catch((error: Error) => error);
    expect(String((refusal as Error).message)).not.toContain(token.split('.')[1]);
  });
});
