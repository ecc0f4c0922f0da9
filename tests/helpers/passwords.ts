import crypto from 'node:crypto';
import type { ReceivedMail } from './smtp';
import { settle } from './outbox';
import type { TestApp } from './strapi';
import { USER_PASSWORD } from './actors';

/** An active local user who can log in with USER_PASSWORD (created server-side: no activation e-mail). */
export const createActiveUser = async (
  app: TestApp,
  options: { blocked?: boolean; confirmed?: boolean; provider?: string } = {}
) => {
  const name = `pw-${crypto.randomBytes(4).toString('hex')}`;
  const role = await app.strapi.db
    .query('plugin::users-permissions.role')
    .findOne({ where: { type: 'authenticated' } });
  const user = await app.strapi
    .plugin('users-permissions')
    .service('user')
    .add({
      username: name,
      email: `${name}@example.com`,
      password: USER_PASSWORD,
      provider: options.provider ?? 'local',
      confirmed: options.confirmed ?? true,
      blocked: options.blocked ?? false,
      role: role.id,
    });
  return {
    id: user.id as number,
    documentId: user.documentId as string,
    email: `${name}@example.com`,
    username: name,
  };
};

/** The e-mail of a type (by subject) to an address; delivery runs in the background worker. */
export const mailTo = (
  app: TestApp,
  email: string,
  subject: RegExp,
  timeoutMs?: number
): Promise<ReceivedMail> =>
  app.mail.waitFor(
    (mail) => mail.to.includes(email.toLowerCase()) && subject.test(mail.subject),
    timeoutMs
  );

export const RESET_SUBJECT = /reset your/i;
export const CHANGED_SUBJECT = /password was changed/i;

/** The token of a reset e-mail: in the fragment (built-in page) or in `?code=` (the platform's page). */
export const resetTokenFrom = (mail: ReceivedMail): string => {
  const link = mail.links.find(
    (candidate) => candidate.includes('#token=') || candidate.includes('code=')
  );
  if (!link) throw new Error(`No reset link in: ${mail.text}`);
  const url = new URL(link);
  return url.searchParams.get('code') ?? url.hash.replace(/^#token=/, '');
};

export const logIn = (app: TestApp, identifier: string, password: string) =>
  app.http().post('/api/auth/local').send({ identifier, password });

/** Waits for background work (deferred lookups, delivery) and returns how many mails matched. */
export const settledCount = async (
  app: TestApp,
  email: string,
  subject: RegExp
): Promise<number> => {
  await settle(app);
  return app.mail.to(email.toLowerCase()).filter((mail) => subject.test(mail.subject)).length;
};
