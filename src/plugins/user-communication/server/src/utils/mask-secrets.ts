/**
 * Hides link tokens in stored message bodies before an admin API returns them: the log
 * is for seeing what was sent, not for taking over the account it was sent to.
 */
const TOKEN_IN_URL = /([#?&](?:token|code|confirmation)=)[^&\s"'<>]+/gi;

export const maskSecrets = (value: string | null | undefined): string =>
  (value ?? '').replace(TOKEN_IN_URL, '$1[hidden]');
