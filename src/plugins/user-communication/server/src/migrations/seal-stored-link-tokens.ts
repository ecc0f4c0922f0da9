import type { Core } from '@strapi/strapi';
import { MESSAGE_UID, PLUGIN_ID } from '../constants';
import { hideToken, newSlot, seal } from '../utils/link-secrets';
import { maskSecrets } from '../utils/mask-secrets';
import { linkKey } from '../utils/plugin-config';

/** Messages looked at per query. */
const PAGE = 200;
const DONE_KEY = 'stored-link-tokens-sealed';
/**
 * A link token in a body written before tokens were sealed: 43 base64url characters after
 * `token=` or `code=`, the `=` as written in a text part, an HTML part (`&#61;`) or a URL (`%3D`).
 * Templates never had to put the link in the text part, so the HTML is searched too.
 */
const STORED_TOKEN =
  /(?:[#?&]|&amp;)(?:token|code)(?:=|&#0*61;|&#x0*3d;|%3d)([A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])/i;

interface StoredMessage {
  id: number;
  status: string;
  subject: string;
  text: string | null;
  html: string | null;
}

/**
 * Messages queued before link tokens were sealed hold them in clear, in backups too. Once per
 * database: a message still to be sent gets its token sealed into a slot (it arrives as before);
 * a message already sent or given up keeps only a masked copy.
 */
export const sealStoredLinkTokens = async (strapi: Core.Strapi): Promise<void> => {
  const store = strapi.store({ type: 'plugin', name: PLUGIN_ID });
  if (await store.get({ key: DONE_KEY })) return;
  const key = linkKey(strapi);
  let cursor = 0;
  for (;;) {
    const page = (await strapi.db.query(MESSAGE_UID).findMany({
      where: { id: { $gt: cursor }, sealedToken: null },
      select: ['id', 'status', 'subject', 'text', 'html'],
      orderBy: { id: 'asc' },
      limit: PAGE,
    })) as StoredMessage[];
    if (page.length === 0) break;
    for (const message of page) {
      const token = STORED_TOKEN.exec(`${message.text ?? ''}\n${message.html ?? ''}`)?.[1];
      if (!token) continue;
      const pending = ['queued', 'sending', 'failed'].includes(message.status);
      const slot = newSlot();
      const keep = (body: string | null) =>
        pending
          ? hideToken(body ?? '', token, slot)
          : maskSecrets(hideToken(body ?? '', token, slot));
      await strapi.db
        .queryBuilder(MESSAGE_UID)
        .where({ id: message.id })
        .update({
          subject: keep(message.subject),
          text: keep(message.text),
          html: keep(message.html),
          sealedToken: pending ? seal(key, token) : null,
          tokenSlot: pending ? slot : null,
        })
        .execute();
    }
    cursor = page[page.length - 1].id;
  }
  await store.set({ key: DONE_KEY, value: true });
};
