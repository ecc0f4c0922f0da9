import { yup } from '@strapi/utils';
import { isSecureUrl } from '../utils/trusted-url';

export interface OidcOptions {
  /**
   * The OpenID Connect issuer, e.g. https://login.microsoftonline.com/<tenant-id>/v2.0. Unset:
   * the `oidc` provider is off.
   */
  issuer: string | null;
  clientId: string | null;
  clientSecret: string | null;
  /** Space-separated scopes; `openid` is required, `email` gives the address users are matched by. */
  scope: string;
  /**
   * Where users-permissions sends the browser back after the provider; that page gets the JWT
   * from GET /api/auth/oidc/callback. Default: that endpoint itself, on the server's public URL.
   */
  redirectUrl: string | null;
  /**
   * Accept only ID tokens whose `email_verified` is true. Off for issuers that never send the
   * claim (Microsoft Entra ID): a missing claim is then accepted, an explicit false never.
   */
  requireEmailVerified: boolean;
  /**
   * The e-mail domains whose people may sign in (exact domains, case-insensitive). Empty: any
   * address the issuer vouches for — with Google's issuer, every Google account in the world.
   */
  allowedDomains: string[];
}

export const defaultOidcOptions = (): OidcOptions => ({
  issuer: null,
  clientId: null,
  clientSecret: null,
  scope: 'openid email profile',
  redirectUrl: null,
  requireEmailVerified: true,
  allowedDomains: [],
});

// Messages name the option and the environment variable this app's config/plugins.ts reads it from.
const ISSUER = 'sso.oidc.issuer (OIDC_ISSUER)';

export const oidcSchema = yup
  .object({
    issuer: yup.string().nullable(),
    clientId: yup.string().nullable(),
    clientSecret: yup.string().nullable(),
    scope: yup.string(),
    redirectUrl: yup.string().nullable(),
    requireEmailVerified: yup.boolean(),
    allowedDomains: yup.array(yup.string().defined()),
  })
  .noUnknown(true, 'Unknown sso.oidc option(s): ${unknown}');

const parse = (value: string): URL | null => {
  try {
    return new URL(value);
  } catch {
    return null;
  }
};

/**
 * An issuer is an https URL without query or fragment (OpenID Connect Discovery 1.0, §2); http
 * is accepted on loopback only, for a provider on this machine: the authorization code and the
 * client secret cross the connection to the token endpoint.
 */
const issuerProblem = (issuer: string): string | null => {
  const url = parse(issuer);
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:'))
    return `${ISSUER} must be an absolute URL, e.g. https://login.microsoftonline.com/<tenant-id>/v2.0`;
  if (!isSecureUrl(url))
    return `${ISSUER} must be an https URL (http is accepted only on loopback: 127.0.0.1, localhost, ::1)`;
  if (url.search || url.hash) return `${ISSUER} must have no query or fragment`;
  return null;
};

const present = (value: string | null | undefined): value is string =>
  typeof value === 'string' && value.trim() !== '';

/** The configured issuer, without the spaces an environment file may leave around it. */
export const oidcIssuer = (options: Partial<OidcOptions>): string | null =>
  present(options.issuer) ? options.issuer.trim() : null;

/** The allowed e-mail domains, lowercased, without spaces, empty entries or a leading `@`. */
export const allowedDomains = (options: Partial<OidcOptions>): string[] =>
  (options.allowedDomains ?? [])
    .map((domain) => domain.trim().toLowerCase().replace(/^@/, ''))
    .filter((domain) => domain !== '');

const DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$/;

/**
 * Issuers that vouch for anyone who opens an account with them: with no allowed domains, every
 * such account would get one here (users-permissions registers provider users by default).
 */
const OPEN_ISSUERS = [
  /^https:\/\/accounts\.google\.com\/?$/,
  /^https:\/\/login\.microsoftonline\.com\/(common|organizations|consumers|9188040d-6c67-4c5b-b112-36a304b66dad)(\/|$)/,
];

/** A warning for production when an issuer anyone can sign in to is on without allowed domains. */
export const openIssuerWarning = (options: Partial<OidcOptions>): string | null => {
  const issuer = oidcIssuer(options);
  if (!issuer || allowedDomains(options).length > 0) return null;
  if (!OPEN_ISSUERS.some((open) => open.test(issuer))) return null;
  return `single sign-on with ${issuer} accepts every account of that provider: set sso.oidc.allowedDomains (OIDC_ALLOWED_DOMAINS) to your organisation's e-mail domains`;
};

/** What is wrong with the `sso.oidc` options, one message per problem (none when SSO is off). */
export const oidcProblems = (options: Partial<OidcOptions> | undefined): string[] => {
  const issuerUrl = options ? oidcIssuer(options) : null;
  if (!options || !issuerUrl) return [];
  const problems: string[] = [];
  const issuer = issuerProblem(issuerUrl);
  if (issuer) problems.push(issuer);
  if (!present(options.clientId))
    problems.push('sso.oidc.clientId (OIDC_CLIENT_ID) is required when an issuer is set');
  if (!present(options.clientSecret))
    problems.push('sso.oidc.clientSecret (OIDC_CLIENT_SECRET) is required when an issuer is set');
  if (options.scope !== undefined && !options.scope.split(/\s+/).includes('openid'))
    problems.push('sso.oidc.scope (OIDC_SCOPE) must include openid');
  for (const domain of allowedDomains(options))
    if (!DOMAIN.test(domain))
      problems.push(
        `sso.oidc.allowedDomains (OIDC_ALLOWED_DOMAINS) has "${domain}", which is not a domain name (e.g. example.com)`
      );
  if (present(options.redirectUrl)) {
    const url = parse(options.redirectUrl);
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:'))
      problems.push('sso.oidc.redirectUrl (OIDC_REDIRECT_URL) must be an absolute http(s) URL');
  }
  return problems;
};

/** Whether the options turn the `oidc` provider on. */
export const isOidcConfigured = (options: OidcOptions): boolean => oidcIssuer(options) !== null;
