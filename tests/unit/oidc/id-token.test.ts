import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose';
import { verifyIdToken, type IdTokenPolicy } from '@server/oidc/id-token';

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

  it.each([
    ['the signature of a foreign key', {}, /signature does not match/],
    ['an expired token', { exp: iat - 120 }, /has expired/],
    ['another audience', { aud: 'other' }, /issued for another client/],
    ['another issuer', { iss: 'https://evil.example.com' }, /issued by another issuer/],
    ['an unverified address', { email_verified: false }, /not verified the e-mail/],
    ['a missing email_verified', { email_verified: undefined }, /not verified the e-mail/],
    ['no e-mail address', { email: undefined }, /carries no e-mail address/],
    ['several audiences without azp', { aud: ['platform', 'other'] }, /another client/],
    ['an azp of another client', { azp: 'other' }, /another client/],
    ['no subject', { sub: undefined }, /names no subject/],
    ["another sign-in's nonce", { nonce: 'another' }, /not issued for this sign-in/],
    ['no nonce', { nonce: undefined }, /not issued for this sign-in/],
  ])('refuses %s', async (_case, change, reason) => {
    const claims = { ...honest, ...change } as JWTPayload;
    const token = await sign(claims, { foreign: _case.startsWith('the signature') });
    await expect(verifyIdToken(token, keys, POLICY, NOW)).rejects.toThrow(reason);
  });

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
