import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { PLUGIN_ID, USER_UID } from '../constants';

/**
 * While activation is off, users-permissions' own e-mail confirmation runs as shipped: a code
 * that never expires, mailed in a link and kept in the user's row, where a database backup
 * would hand it to anyone. The row keeps its SHA-256 digest instead, and a confirmation
 * request is looked up by the digest of the code it brings, so the mailed link works as
 * before and the stored value confirms nothing.
 */
const DIGEST = /^[0-9a-f]{64}$/;

export const confirmationDigest = (code: string): string =>
  crypto.createHash('sha256').update(code, 'utf8').digest('hex');

/** In a user write (DB lifecycle): a code users-permissions is about to store becomes its digest. */
export const digestConfirmationCode = (data: Record<string, unknown>): void => {
  const code = data.confirmationToken;
  if (typeof code === 'string' && code !== '' && !DIGEST.test(code))
    data.confirmationToken = confirmationDigest(code);
};

/**
 * The value to look a confirmation code up by: its digest. A row still holding the code itself
 * (written by an instance of an earlier version during a rolling deploy, after the boot-time
 * pass below) is digested first, so its link works too.
 */
export const confirmationLookup = async (strapi: Core.Strapi, code: string): Promise<string> => {
  const digest = confirmationDigest(code);
  // A digest sent as a code (read from a backup) must not become the row's code.
  if (DIGEST.test(code)) return digest;
  await strapi.db
    .query(USER_UID)
    .updateMany({ where: { confirmationToken: code }, data: { confirmationToken: digest } });
  return digest;
};

const DONE_KEY = 'stored-confirmation-codes-digested';
const PAGE = 500;

/** Codes stored before this plugin digested them, once per database; their links keep working. */
export const digestStoredConfirmationCodes = async (strapi: Core.Strapi): Promise<void> => {
  const store = strapi.store({ type: 'plugin', name: PLUGIN_ID });
  if (await store.get({ key: DONE_KEY })) return;
  let cursor = 0;
  for (;;) {
    const page = (await strapi.db.query(USER_UID).findMany({
      where: { id: { $gt: cursor }, confirmationToken: { $notNull: true } },
      select: ['id', 'confirmationToken'],
      orderBy: { id: 'asc' },
      limit: PAGE,
    })) as Array<{ id: number; confirmationToken: string }>;
    if (page.length === 0) break;
    for (const { id, confirmationToken } of page) {
      if (DIGEST.test(confirmationToken)) continue;
      await strapi.db.query(USER_UID).update({
        where: { id },
        data: { confirmationToken: confirmationDigest(confirmationToken) },
      });
    }
    cursor = page[page.length - 1].id;
  }
  await store.set({ key: DONE_KEY, value: true });
};
