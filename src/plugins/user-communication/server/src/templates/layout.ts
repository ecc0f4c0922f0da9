/** The shared HTML frame of the default templates: plain, readable, works without images. */
export const htmlLayout = (body: string, lang: string): string => `<!doctype html>
<html lang="${lang}">
<body style="margin:0;padding:24px;background:#f6f6f9;font-family:Arial,Helvetica,sans-serif;color:#32324d;">
<table role="presentation" width="100%" cellspacing="0" cellpadding="0"><tr><td align="center">
<table role="presentation" width="560" cellspacing="0" cellpadding="0" style="background:#ffffff;border-radius:8px;padding:32px;text-align:left;">
<tr><td style="font-size:16px;line-height:24px;">
${body}
</td></tr></table>
<p style="font-size:12px;color:#666687;">{{ platformName }} · <a href="{{ platformUrl }}" style="color:#666687;">{{ platformUrl }}</a></p>
</td></tr></table>
</body>
</html>`;

export const button = (label: string): string =>
  `<p><a href="{{ link }}" style="display:inline-block;padding:12px 20px;background:#4945ff;color:#ffffff;border-radius:4px;text-decoration:none;">${label}</a></p>`;

/** The reminders' footer line: a bulk sender offers a visible way out besides the List-Unsubscribe header. */
export const unsubscribeLine = (question: string, label: string): string =>
  `<p style="font-size:13px;color:#666687;">${question} <a href="{{ unsubscribeLink }}" style="color:#666687;">${label}</a></p>`;
