import request, { type Response } from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import type { JWTPayload } from 'jose';
import type { TestIdentityProvider } from './identity-provider';
import type { TestApp } from './strapi';

export interface SsoAttempt {
  /** Where /api/connect/oidc sent the browser: the provider's authorize endpoint. */
  authorize: URL;
  /** Where the provider sent the browser back to: /api/connect/oidc/callback?code=…&state=… */
  back: URL;
  /** The app's answer on the way back from the provider (/api/connect/oidc/callback). */
  returned: Response;
  /** Where the app sent the browser after the provider: the configured redirect URL. */
  landing: URL;
  /** The answer of that page's GET /api/auth/oidc/callback: a login, or a refusal. */
  result: Response;
  /** The cookie jar the way back arrived in. */
  browser: TestAgent;
}

export interface SignInOptions {
  /** Changes the provider's answer on its way back to the app (e.g. a forged state). */
  alterReturn?: (url: URL) => void;
  /** The way back arrives in another browser than the one that started (login CSRF). */
  otherBrowser?: boolean;
  /** Runs after the app has redeemed the code, before the page asks for the login. */
  beforeLogin?: () => Promise<void>;
}

/** An app URL (absolute, on PUBLIC_URL) requested through an agent: only path and query travel. */
const onApp = (url: URL) => `${url.pathname}${url.search}`;

/**
 * Signs in as a browser does, over HTTP, with a cookie jar, following each redirect by hand: the
 * app's /api/connect/oidc, the provider's authorize endpoint, the app's callback, then the page
 * the app sends the browser to, which asks /api/auth/oidc/callback for the login.
 */
export const signInWithOidc = async (
  app: TestApp,
  options: SignInOptions = {}
): Promise<SsoAttempt> => {
  const browser = request.agent(app.strapi.server.httpServer);
  const start = await browser.get('/api/connect/oidc');
  if (start.status !== 302)
    throw new Error(`/api/connect/oidc answered ${start.status}: ${JSON.stringify(start.body)}`);
  const authorize = new URL(start.headers.location as string);

  const atProvider = await fetch(authorize, { redirect: 'manual' });
  const back = new URL(atProvider.headers.get('location') as string);
  options.alterReturn?.(back);

  const returning = options.otherBrowser ? request.agent(app.strapi.server.httpServer) : browser;
  const callback = await returning.get(onApp(back));
  const landing = new URL(callback.headers.location as string);
  await options.beforeLogin?.();
  const result = await returning.get(onApp(landing));
  return { authorize, back, returned: callback, landing, result, browser: returning };
};

/** Signs in as `email` with an ID token the provider issues at the app's clock time. */
export const signInAs = async (
  app: TestApp,
  idp: TestIdentityProvider,
  email: string,
  alter: (claims: JWTPayload) => JWTPayload = (claims) => claims,
  options: SignInOptions = {}
): Promise<SsoAttempt> => {
  await idp.issueNext(alter(idp.claimsFor(email, app.clock.now().toJSDate())));
  return signInWithOidc(app, options);
};
