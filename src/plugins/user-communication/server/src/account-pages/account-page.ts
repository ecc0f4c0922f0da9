/**
 * The built-in account pages (activation; password reset and one-time password change):
 * plain HTML served by Strapi itself, usable without the admin bundle or any front end.
 * All behaviour is in account-script.ts, loaded from the same origin (the pages' CSP allows
 * only 'self' scripts).
 */
export interface AccountPageOptions {
  kind: 'activation' | 'password-reset';
  title: string;
  /** The plugin's content API, e.g. /api/user-communication. */
  apiBase: string;
  /** users-permissions' auth routes, e.g. /api/auth (forgot-password, reset-password). */
  authBase: string;
  platformUrl: string;
  assetsBase: string;
  passwordMinLength: number;
}

/**
 * The pages' own Content-Security-Policy, replacing the app-wide one of `strapi::security` for
 * them: a host app that loosens that one (for a media CDN, say) must not loosen the pages that
 * hold a link token. They load one script and one style sheet from this origin, call its API,
 * and may not be framed (clickjacking) nor have their base or form targets changed.
 */
export const ACCOUNT_PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

const escapeAttribute = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export const renderAccountPage = (options: AccountPageOptions): string => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeAttribute(options.title)}</title>
<link rel="stylesheet" href="${escapeAttribute(options.assetsBase)}/account.css">
</head>
<body data-kind="${options.kind}" data-api="${escapeAttribute(options.apiBase)}" data-auth-api="${escapeAttribute(options.authBase)}" data-platform="${escapeAttribute(options.platformUrl)}">
<main class="card" aria-live="polite">
  <h1 id="title">${escapeAttribute(options.title)}</h1>
  <p id="status" role="status">Checking your link…</p>
  <form id="password-form" hidden novalidate>
    <div class="field" id="password-fields">
      <label for="password">New password</label>
      <input id="password" name="password" type="password" autocomplete="new-password" aria-describedby="password-help password-error">
      <p class="help" id="password-help">At least ${options.passwordMinLength} characters. A long passphrase is easiest to remember.</p>
      <p class="error" id="password-error" role="alert"></p>
      <label for="passwordConfirmation">Repeat the password</label>
      <input id="passwordConfirmation" name="passwordConfirmation" type="password" autocomplete="new-password" aria-describedby="passwordConfirmation-error">
      <p class="error" id="passwordConfirmation-error" role="alert"></p>
    </div>
    <button type="submit" id="submit">${options.kind === 'activation' ? 'Activate my account' : 'Save my new password'}</button>
  </form>
  <form id="renew-form" hidden novalidate>
    <label for="renew-email">Your e-mail address</label>
    <input id="renew-email" name="email" type="email" autocomplete="email">
    <button type="submit" id="renew">Send me a new link</button>
  </form>
  <p id="done" hidden><a id="platform-link" href="${escapeAttribute(options.platformUrl)}">Go to the login page</a></p>
</main>
<script src="${escapeAttribute(options.assetsBase)}/account.js"></script>
</body>
</html>`;
