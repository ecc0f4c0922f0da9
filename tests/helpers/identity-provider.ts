import { generateKeyPair, SignJWT, type JWTPayload } from 'jose';
import {
  OAuth2Server,
  type MutableResponse,
  type MutableToken,
  type TokenRequestIncomingMessage,
} from 'oauth2-mock-server';

export const OIDC_CLIENT_ID = 'learning-platform';
export const OIDC_CLIENT_SECRET = 'oidc-test-client-secret';

/**
 * Microsoft Entra ID's access tokens run to about 2,200 characters (group and role claims); the
 * provider hands out one that long, so the session cookie is tested at its real size.
 */
export const ENTRA_ACCESS_TOKEN_LENGTH = 2_200;

/** What a token request must carry: the client's secret, as HTTP Basic or in the form body. */
const authenticatesClient = (req: TokenRequestIncomingMessage): boolean => {
  const basic = `Basic ${Buffer.from(`${OIDC_CLIENT_ID}:${OIDC_CLIENT_SECRET}`).toString('base64')}`;
  const body = req.body as unknown as Record<string, unknown>;
  return (
    req.headers.authorization === basic ||
    (body.client_id === OIDC_CLIENT_ID && body.client_secret === OIDC_CLIENT_SECRET)
  );
};

/**
 * An OpenID Connect provider on loopback (oauth2-mock-server: discovery, JWKS, authorize, token
 * endpoints), whose next ID token the test writes: who signs in, and what is wrong with it. The
 * token endpoint also checks the client secret, which the mock alone does not.
 */
export class TestIdentityProvider {
  private readonly server = new OAuth2Server();
  /** The next ID token, signed ahead (a forgery), or its claims, signed by the provider. */
  private nextIdToken: string | null = null;
  private nextClaims: JWTPayload | null = null;
  /** Every token the provider handed out, to look for in logs and answers. */
  readonly issuedTokens: string[] = [];

  constructor() {
    this.server.service.on('beforeResponse', (response: MutableResponse, req) => {
      this.answer(response, req as TokenRequestIncomingMessage);
    });
    // The mock signs the access token, then the ID token, into which it has put the `nonce` the
    // authorization request carried for this code: kept, unless the test's claims name one.
    this.server.service.on('beforeTokenSigning', (token: MutableToken) => {
      const isIdToken = !('amr' in token.payload);
      if (!isIdToken || !this.nextClaims) return;
      const { nonce } = token.payload;
      token.payload = {
        ...('nonce' in this.nextClaims ? {} : { nonce }),
        ...this.nextClaims,
      } as MutableToken['payload'];
      this.nextClaims = null;
    });
  }

  /** Starts listening; again on `port` after a stop, with the same keys. */
  async start(port = 0): Promise<void> {
    if (this.server.issuer.keys.toJSON().length === 0)
      await this.server.issuer.keys.generate('RS256');
    await this.server.start(port, '127.0.0.1');
  }

  stop(): Promise<void> {
    return this.server.stop();
  }

  get issuer(): string {
    return this.server.issuer.url as string;
  }

  get port(): number {
    return Number(new URL(this.issuer).port);
  }

  /**
   * Publishes a second signing key, as a provider does when it rotates keys. The mock signs each
   * token with its keys in turn, the access token first: with two keys, the ID token is signed
   * with the new one (once per provider: with three, the turns no longer line up). Returns its id.
   */
  async rotateKey(): Promise<string> {
    const key = await this.server.issuer.keys.generate('RS256');
    return key.kid as string;
  }

  /** The environment that points the app at this provider. */
  env(): Record<string, string> {
    return {
      OIDC_ISSUER: this.issuer,
      OIDC_CLIENT_ID,
      OIDC_CLIENT_SECRET,
    };
  }

  /** The claims an honest provider puts in the ID token of this person, issued at `now`. */
  claimsFor(email: string, now: Date): JWTPayload {
    const iat = Math.floor(now.getTime() / 1000);
    return {
      iss: this.issuer,
      aud: OIDC_CLIENT_ID,
      // One person, however the provider writes the address this time.
      sub: `sub-${email.toLowerCase()}`,
      email,
      email_verified: true,
      // What Entra ID adds to every ID token: the ID token itself runs to ~1,400 characters.
      name: `Test User ${email}`,
      preferred_username: email,
      oid: '00000000-0000-4000-8000-000000000001',
      tid: '00000000-0000-4000-8000-000000000002',
      ver: '2.0',
      aio: 'A'.repeat(160),
      rh: 'R'.repeat(60),
      uti: 'U'.repeat(22),
      iat,
      exp: iat + 300,
    };
  }

  /**
   * The claims of the ID token of the next token request, signed with the provider's published
   * key, with the nonce of the authorization request unless `claims` has a `nonce` key (a value,
   * or undefined for none); or (`foreignKey`) signed ahead with a key of the same id that the
   * provider does not publish — a forgery.
   */
  async issueNext(
    claims: JWTPayload,
    options: { foreignKey?: boolean; kid?: string } = {}
  ): Promise<void> {
    if (!options.foreignKey) {
      this.nextClaims = claims;
      return;
    }
    // toJSON, not get(): get() takes the keys in turn, and would change which key signs next.
    const [published] = this.server.issuer.keys.toJSON();
    if (!published) throw new Error('The test identity provider has no key');
    this.nextIdToken = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: options.kid ?? published.kid, typ: 'JWT' })
      .sign((await generateKeyPair('RS256')).privateKey);
  }

  private answer(response: MutableResponse, req: TokenRequestIncomingMessage): void {
    if (!authenticatesClient(req)) {
      response.statusCode = 401;
      response.body = { error: 'invalid_client' };
      return;
    }
    if (typeof response.body !== 'object') return;
    if (this.nextIdToken) response.body.id_token = this.nextIdToken;
    this.nextIdToken = null;
    const accessToken = String(response.body.access_token);
    response.body.access_token = accessToken.padEnd(ENTRA_ACCESS_TOKEN_LENGTH, 'A');
    for (const token of [response.body.id_token, response.body.access_token]) {
      if (typeof token === 'string') this.issuedTokens.push(token);
    }
  }
}
