import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { DiscoveryError } from '../oidc/discovery';
import { getService } from '../utils/get-service';
import { isOidcEnabled, OIDC_PROVIDER, syncOidcSettings } from './oidc-provider';

export interface OidcSession {
  grant?: { response?: Record<string, unknown> } & Record<string, unknown>;
  /** The nonce sent to the provider; a key of its own: users-permissions replaces `grant`. */
  oidcNonce?: string;
}

interface OAuthContext {
  path: string;
  query: Record<string, unknown>;
  session?: OidcSession | null;
  state: { oidcUnavailable?: string };
  status: number;
  body: unknown;
  response: { get(field: string): string };
  redirect(url: string): void;
}

/** The provider of /api/connect/<provider>[/callback], read from the path as users-permissions does. */
const connectProvider = (path: string): string | undefined => /\/connect\/([^/]+)/.exec(path)?.[1];

const isOidc = (strapi: Core.Strapi, provider: string | undefined) =>
  provider === OIDC_PROVIDER && isOidcEnabled(strapi);

/** The provider's discovery document or keys cannot be read: a 503, not the user's fault. */
const answerUnavailable = (strapi: Core.Strapi, ctx: OAuthContext, message: string): void => {
  strapi.log.warn(`[user-communication] single sign-on is unavailable: ${message}`);
  ctx.status = 503;
  ctx.body = {
    data: null,
    error: { status: 503, name: 'IdentityProviderUnavailable', message },
  };
};

/**
 * Before users-permissions' GET /api/connect/oidc[/callback]: its OAuth client reads the
 * provider's endpoints from its store, so the issuer's, from discovery, are put there first.
 * Returns false, having answered 503, when the issuer cannot be reached or used.
 */
export const prepareOidcConnect = async (
  strapi: Core.Strapi,
  ctx: OAuthContext
): Promise<boolean> => {
  if (!isOidc(strapi, connectProvider(ctx.path))) return true;
  try {
    await syncOidcSettings(strapi, await getService(strapi, 'oidc').issuerMetadata());
    return true;
  } catch (error) {
    if (!(error instanceof DiscoveryError)) throw error;
    answerUnavailable(strapi, ctx, error.message);
    return false;
  }
};

/**
 * After users-permissions' GET /api/connect/oidc[/callback]:
 * - the start: its OAuth client sends no nonce (utils/oauth-connect/oauth2.js), so one is added
 *   to the redirect to the provider and kept in the session, for the ID token check
 *   (OpenID Connect Core 1.0, §3.1.2.1, §15.5.2: it stops a code stolen from another browser's
 *   sign-in, which `state` alone does not);
 * - the way back: it keeps the token endpoint's whole answer in the session. koa sessions live
 *   in the cookie, and an Entra ID access token (~2,200 characters) with the ID token makes it
 *   larger than the 4,096 bytes browsers keep (RFC 6265 §6.1), so the browser drops it and the
 *   sign-in fails. Only the ID token is read afterwards (its presence also satisfies
 *   users-permissions' "access_token or id_token" check, services/providers.js).
 */
export const afterOidcConnect = (strapi: Core.Strapi, ctx: OAuthContext): void => {
  if (!isOidc(strapi, connectProvider(ctx.path)) || !ctx.session) return;
  const isWayBack = /\/connect\/[^/]+\/callback/.test(ctx.path);
  if (!isWayBack && ctx.status === 302) {
    const authorize = new URL(ctx.response.get('Location'));
    const nonce = crypto.randomBytes(16).toString('base64url');
    authorize.searchParams.set('nonce', nonce);
    ctx.session.oidcNonce = nonce;
    ctx.redirect(authorize.toString());
    return;
  }
  const response = ctx.session.grant?.response;
  if (ctx.session.grant && response)
    ctx.session.grant = { ...ctx.session.grant, response: { id_token: response.id_token } };
};

/** Printable text only, and not much of it: the query can be written by anyone. */
const printable = (value: unknown): string =>
  String(value)
    .replace(/[^\p{L}\p{N}\p{P}\p{Zs}]/gu, '')
    .slice(0, 200);

/**
 * Around users-permissions' GET /api/auth/oidc/callback. When the way back from the provider
 * failed (a refused consent, a state that is not this browser's), users-permissions sends the
 * browser here with `error` and `error_description`: the answer says so, instead of only
 * "requires a completed provider session". The session is emptied by the attempt; a copy of the
 * cookie sent again is refused because the ID token is recorded as spent (services/oidc.ts).
 */
export const oidcCallback = async <T>(
  strapi: Core.Strapi,
  ctx: OAuthContext,
  provider: string,
  run: () => Promise<T>
): Promise<T> => {
  if (!isOidc(strapi, provider)) return run();
  try {
    const { error, error_description: description } = ctx.query;
    if (error !== undefined)
      throw new errors.ApplicationError(
        `Single sign-on failed: ${printable(description ?? error)}`
      );
    // The new user's profile is the plugin's own (oidc-provider.ts): its subject may be written.
    return await getService(strapi, 'user-state').trusted(run);
  } catch (error) {
    // users-permissions turns every error of the profile step into a 400; the provider's
    // (oidc-provider.ts) marks the request when the issuer could not be read.
    if (ctx.state.oidcUnavailable === undefined) throw error;
    answerUnavailable(strapi, ctx, ctx.state.oidcUnavailable);
    return undefined as T;
  } finally {
    // The nonce is spent with the attempt, as the ID token is (services/oidc.ts).
    if (ctx.session) {
      ctx.session.grant = {};
      delete ctx.session.oidcNonce;
    }
  }
};
