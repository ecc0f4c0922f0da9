import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { discover, discoveryUrl } from '@server/oidc/discovery';

describe('issuer discovery', () => {
  let server: http.Server;
  let issuer: string;
  let document: Record<string, unknown>;
  let status = 200;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      if (req.url !== '/realms/test/.well-known/openid-configuration') {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(document));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}/realms/test`;
  });

  afterAll(() => new Promise((resolve) => server.close(resolve)));

  beforeEach(() => {
    status = 200;
    document = {
      issuer,
      authorization_endpoint: `${issuer}/auth`,
      token_endpoint: `${issuer}/token`,
      jwks_uri: `${issuer}/certs`,
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
      id_token_signing_alg_values_supported: ['HS256', 'RS256', 'ES256', 'none'],
    };
  });

  it('appends the well-known path to the issuer, without a doubled slash', () => {
    expect(discoveryUrl('https://example.okta.com/oauth2/default/')).toBe(
      'https://example.okta.com/oauth2/default/.well-known/openid-configuration'
    );
  });

  it('reads the endpoints, the client authentication and the public-key algorithms', async () => {
    await expect(discover(issuer)).resolves.toEqual({
      issuer,
      authorizationEndpoint: `${issuer}/auth`,
      tokenEndpoint: `${issuer}/token`,
      jwksUri: `${issuer}/certs`,
      tokenEndpointAuthMethod: 'client_secret_post',
      idTokenAlgorithms: ['RS256', 'ES256'],
    });
  });

  it('falls back to the standard defaults: HTTP Basic and RS256', async () => {
    delete document.token_endpoint_auth_methods_supported;
    delete document.id_token_signing_alg_values_supported;
    await expect(discover(issuer)).resolves.toMatchObject({
      tokenEndpointAuthMethod: 'client_secret_basic',
      idTokenAlgorithms: ['RS256'],
    });
  });

  it('refuses a document that speaks for another issuer', async () => {
    document.issuer = 'https://login.example.net';
    await expect(discover(issuer)).rejects.toThrow(/names another issuer/);
  });

  it('refuses endpoints in clear text off loopback', async () => {
    document.token_endpoint = 'http://idp.example.com/token';
    await expect(discover(issuer)).rejects.toThrow(/token_endpoint must be https/);
  });

  it('refuses an issuer that signs ID tokens only with shared secrets', async () => {
    document.id_token_signing_alg_values_supported = ['HS256'];
    await expect(discover(issuer)).rejects.toThrow(/no public-key algorithm/);
  });

  it('says which issuer failed, and how', async () => {
    status = 503;
    await expect(discover(issuer)).rejects.toThrow(`The issuer ${issuer} answered 503`);
    await expect(discover('http://127.0.0.1:1/nowhere')).rejects.toThrow(/could not be reached/);
  });
});
