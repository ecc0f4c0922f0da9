import type { ReceivedMail } from './smtp';
import { settle } from './outbox';
import type { TestApp } from './strapi';

export const USER_UID = 'plugin::users-permissions.user';

/** The token in an activation link (it travels in the URL fragment). */
export const tokenFromMail = (mail: ReceivedMail): string => {
  const link = mail.links.find((candidate) => candidate.includes('#token='));
  if (!link) throw new Error(`No link with a token in: ${mail.text}`);
  return new URL(link).hash.replace(/^#token=/, '');
};

/** Delivers what is queued and waits for the activation e-mail to the address. */
export const activationMailTo = async (app: TestApp, email: string): Promise<ReceivedMail> => {
  await app.strapi.plugin('user-communication').service('delivery-worker').tick();
  return app.mail.waitFor(
    (mail) => mail.to.includes(email.toLowerCase()) && /activat/i.test(mail.subject)
  );
};

export const activationApi = (app: TestApp) => ({
  verify: (body: unknown) =>
    app
      .http()
      .post('/api/user-communication/activation/verify')
      .send(body as object),
  complete: (body: unknown) =>
    app
      .http()
      .post('/api/user-communication/activation/complete')
      .send(body as object),
  renew: (body: unknown) =>
    app
      .http()
      .post('/api/user-communication/activation/renew')
      .send(body as object),
});

/** Lets queued e-mails be delivered and async renewals run, then returns how many mails went to the address. */
export const settleAndCount = async (app: TestApp, email: string): Promise<number> => {
  await settle(app);
  return app.mail.to(email.toLowerCase()).length;
};
