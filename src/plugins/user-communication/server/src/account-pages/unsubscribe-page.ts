import { escapeHtml } from '../utils/render-template';

/**
 * The page of a reminder's unsubscribe link: plain HTML, no script. A GET only shows it (mail
 * scanners open links); the button posts the RFC 8058 one-click body to the same URL, and the
 * answer is the page again, saying what happened.
 */
export type UnsubscribeView = 'confirm' | 'done' | 'already' | 'invalid';

export interface UnsubscribePageOptions {
  view: UnsubscribeView;
  platformName: string;
  platformUrl: string;
  assetsBase: string;
  /** Where the confirm button posts: the link's own path. */
  action: string;
}

/** As the account pages' policy, minus scripts and API calls: this page has neither. */
export const UNSUBSCRIBE_PAGE_CSP = [
  "default-src 'none'",
  "style-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

const STILL_SENT = 'E-mails about your account, such as password resets, still reach you.';

const content = (options: UnsubscribePageOptions): { title: string; body: string } => {
  const platform = escapeHtml(options.platformName);
  const back = `<p><a href="${escapeHtml(options.platformUrl)}">Go to ${platform}</a></p>`;
  switch (options.view) {
    case 'confirm':
      return {
        title: 'Unsubscribe from reminders',
        body: `<p>Stop the reminders ${platform} sends when you have not logged in for a while? ${STILL_SENT}</p>
  <form method="post" action="${escapeHtml(options.action)}">
    <input type="hidden" name="List-Unsubscribe" value="One-Click">
    <button type="submit">Unsubscribe</button>
  </form>`,
      };
    case 'done':
      return {
        title: 'You are unsubscribed',
        body: `<p>You will no longer receive reminders from ${platform} when you have not logged in for a while. ${STILL_SENT}</p>
  ${back}`,
      };
    case 'already':
      return {
        title: 'You are already unsubscribed',
        body: `<p>You are already unsubscribed from the reminders of ${platform}. ${STILL_SENT}</p>
  ${back}`,
      };
    case 'invalid':
      return {
        title: 'Link not valid',
        body: `<p id="status" class="problem">This unsubscribe link is not valid. Use the link in your latest reminder, or ask your administrator.</p>`,
      };
  }
};

export const renderUnsubscribePage = (options: UnsubscribePageOptions): string => {
  const { title, body } = content(options);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${title}</title>
<link rel="stylesheet" href="${escapeHtml(options.assetsBase)}/account.css">
</head>
<body>
<main class="card">
  <h1>${title}</h1>
  ${body}
</main>
</body>
</html>`;
};
