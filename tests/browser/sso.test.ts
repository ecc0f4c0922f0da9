import type { Browser } from 'playwright-core';
import { findUser, newUserInput } from '../helpers/actors';
import { newPage, startBrowserSession } from '../helpers/browser';
import { ENTRA_ACCESS_TOKEN_LENGTH, TestIdentityProvider } from '../helpers/identity-provider';
import type { TestApp } from '../helpers/strapi';

// The whole round trip in a real browser: its cookies and its redirects, none followed by hand.
describe('single sign-on in Chromium', () => {
  let idp: TestIdentityProvider;
  let app: TestApp;
  let browser: Browser;
  let baseUrl: string;

  beforeAll(async () => {
    idp = new TestIdentityProvider();
    await idp.start();
    ({ app, browser, baseUrl } = await startBrowserSession({
      serveAdmin: false,
      env: idp.env(),
    }));
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await idp?.stop();
  });

  const signIn = async (email: string, options: { foreignKey?: boolean } = {}) => {
    await idp.issueNext(idp.claimsFor(email, app.clock.now().toJSDate()), options);
    const page = await newPage(browser);
    const visited: string[] = [];
    page.on('request', (request) => {
      if (request.isNavigationRequest()) visited.push(new URL(request.url()).pathname);
    });
    const answer = await page.goto(`${baseUrl}/api/connect/oidc`);
    const result = {
      url: page.url(),
      status: answer?.status(),
      body: await answer?.json(),
      visited,
    };
    await page.close();
    return result;
  };

  // The provider hands out an Entra-sized access token: Chromium drops a session cookie over
  // 4,096 bytes, and the sign-in would end on "requires a completed provider session".
  it('goes from /api/connect/oidc to the provider and back, and ends on the login', async () => {
    const email = newUserInput('browser-sso').email;
    const { url, status, body, visited } = await signIn(email);
    expect(visited).toEqual([
      '/api/connect/oidc',
      '/authorize',
      '/api/connect/oidc/callback',
      '/api/auth/oidc/callback',
    ]);
    expect(url).toBe(`${baseUrl}/api/auth/oidc/callback`);
    expect(idp.issuedTokens.at(-1)).toHaveLength(ENTRA_ACCESS_TOKEN_LENGTH);
    expect(status).toBe(200);
    expect(body.user.email).toBe(email);
    const me = await app.http().get('/api/users/me').set('Authorization', `Bearer ${body.jwt}`);
    expect(me.status).toBe(200);
    expect(await findUser(app, email)).toMatchObject({ provider: 'oidc', origin: 'sso' });
  });

  it('ends a forged ID token on a 400 that says why, with no account', async () => {
    const email = newUserInput('browser-forged').email;
    const { status, body } = await signIn(email, { foreignKey: true });
    expect(status).toBe(400);
    expect(body.error.message).toMatch(/signature/);
    expect(body.jwt).toBeUndefined();
    expect(await findUser(app, email)).toBeNull();
  });
});
