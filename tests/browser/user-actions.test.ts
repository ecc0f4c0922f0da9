import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import {
  ADMIN_PASSWORD,
  authenticatedRoleId,
  findUser,
  newUserInput,
  type AdminSession,
} from '../helpers/actors';
import { activationMailTo, USER_UID } from '../helpers/activation';
import { dismissPopups, loginToAdmin, newPage, startBrowserSession } from '../helpers/browser';
import { APP_ROOT } from '../helpers/database';
import type { TestApp } from '../helpers/strapi';
import { seedUser } from '../helpers/users';

const CM_USERS = `/content-manager/collection-types/${USER_UID}`;
const LIST_PATH = `/admin${CM_USERS}`;
const SCREENSHOT = path.join(APP_ROOT, 'docs', 'screenshots', 'user-actions.png');
const ACTION = 'Resend activation email';
const LOGGED_IN_REASON = 'only users who have never logged in can receive it';

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
// The admin formats dates with the browser's locale (en) and time zone, which is this process's.
const shown = (iso: string) =>
  new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));

describe('user actions in the Content Manager', () => {
  let app: TestApp;
  let admin: AdminSession;
  let browser: Browser;
  let baseUrl: string;
  let page: Page;

  beforeAll(async () => {
    ({ app, admin, browser, baseUrl } = await startBrowserSession({ serveAdmin: true }));
    page = await newPage(browser);
    await loginToAdmin(page, baseUrl, admin.email, ADMIN_PASSWORD);
    // Some accounts already in the list, as in a real project: an import, and users who have logged in.
    await seedUser(app, { createdAt: daysAgo(60) });
    await createLoggedInUser();
    await createLoggedInUser();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  /** A passwordless user created by an admin: pending activation, its first activation e-mail already delivered. */
  const createPendingUser = async () => {
    const input = newUserInput('pending');
    const response = await app
      .http()
      .post(CM_USERS)
      .set('Authorization', admin.auth)
      .send({ username: input.username, email: input.email, role: await authenticatedRoleId(app) });
    expect(response.status).toBe(201);
    await activationMailTo(app, input.email);
    return input;
  };

  const createLoggedInUser = async () => {
    const activatedAt = daysAgo(39);
    const lastLoginAt = daysAgo(2);
    const seeded = await seedUser(app, { createdAt: daysAgo(40), activatedAt, lastLoginAt });
    const user = await findUser(app, seeded.email);
    return { email: seeded.email, documentId: user.documentId as string, activatedAt, lastLoginAt };
  };

  /** The user list, newest first, so the users a test just created are on the first page. */
  const openList = async () => {
    await page.goto(`${baseUrl}${LIST_PATH}?page=1&pageSize=10&sort=id:DESC`);
    await page.getByRole('grid').or(page.getByRole('table')).first().waitFor();
    await dismissPopups(page);
  };

  const row = (email: string) => page.getByRole('row').filter({ hasText: email });

  const notification = (text: string) => page.getByText(text, { exact: true }).first();

  it('resends the activation email from the row menu of the user list', async () => {
    const user = await createPendingUser();
    app.mail.clear();

    await openList();
    await row(user.email).getByRole('button', { name: 'Row actions' }).click();
    const item = page.getByRole('menuitem', { name: ACTION, exact: true });
    await item.hover();
    await page.screenshot({ path: SCREENSHOT, animations: 'disabled' });
    await item.click();
    await notification('Activation email queued').waitFor();

    const mail = await activationMailTo(app, user.email);
    expect(mail.links.some((link) => link.includes('#token='))).toBe(true);
  });

  it('shows the action disabled with its reason, and the account panel, for a user who has logged in', async () => {
    const user = await createLoggedInUser();

    await page.goto(`${baseUrl}${LIST_PATH}/${user.documentId}`);
    const account = page.getByLabel('Account', { exact: true });
    await account.waitFor();
    await dismissPopups(page);

    await account.getByText(`Activated ${shown(user.activatedAt)}`, { exact: true }).waitFor();
    expect(await account.getByText('Imported from Excel', { exact: true }).isVisible()).toBe(true);
    expect(await account.getByText(shown(user.lastLoginAt), { exact: true }).isVisible()).toBe(
      true
    );

    await page.getByRole('button', { name: 'More actions' }).click();
    const item = page.getByRole('menuitem', { name: `${ACTION} (${LOGGED_IN_REASON})` });
    await item.waitFor();
    expect(await item.getAttribute('aria-disabled')).toBe('true');
    await page.keyboard.press('Escape');
  });

  it("shows a SCIM user's origin, external id and last provisioning change in the account panel", async () => {
    const scim = app.strapi.plugin('user-communication').service('scim');
    const externalId = 'c1d2e3f4-0000-4000-8000-000000000001';
    const created = await scim.create({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: 'Scim.Panel@contoso.example',
      externalId,
      emails: [{ value: 'scim.panel@contoso.example', type: 'work', primary: true }],
    });
    const deactivated = await scim.patch(created.documentId, {
      Operations: [{ op: 'Replace', path: 'active', value: 'False' }],
    });
    const stored = await findUser(app, 'scim.panel@contoso.example');
    const changedAt = new Date(stored.scimUpdatedAt).toISOString();
    expect(deactivated.blocked).toBe(true);

    await page.goto(`${baseUrl}${LIST_PATH}/${created.documentId}`);
    const account = page.getByLabel('Account', { exact: true });
    await account.waitFor();
    await dismissPopups(page);
    await account.getByText('Provisioned by SCIM', { exact: true }).waitFor();
    expect(await account.getByTestId('uc-account-external-id').textContent()).toBe(externalId);
    expect(await account.getByTestId('uc-account-provisioning').textContent()).toBe(
      `Deactivated ${shown(changedAt)}`
    );
    // Signs in with the IdP (scim.activation "sso"): active from the start, as SSO users are.
    const activated = shown(new Date(stored.activatedAt).toISOString());
    expect(await account.getByText(`Activated ${activated}`, { exact: true }).isVisible()).toBe(
      true
    );
    expect(await account.getByText('Blocked', { exact: true }).isVisible()).toBe(true);
  });

  it('resends to the selected users in bulk and says how many were skipped and why', async () => {
    const pending = await createPendingUser();
    const loggedIn = await createLoggedInUser();
    app.mail.clear();

    await openList();
    await row(pending.email).getByRole('checkbox').check();
    await row(loggedIn.email).getByRole('checkbox').check();
    await page.getByRole('button', { name: ACTION }).click();
    const dialog = page.getByRole('alertdialog');
    await dialog
      .getByText('Send a new activation link to the 2 selected users?', { exact: false })
      .waitFor();
    await dialog.getByRole('button', { name: 'Send' }).click();

    await notification('1 queued, 1 skipped (1 already logged in)').waitFor();
    await activationMailTo(app, pending.email);
    expect(app.mail.to(loggedIn.email.toLowerCase())).toHaveLength(0);
  });

  it('shows a bounced address in the account panel, and after the admin corrects it offers the resend in one step', async () => {
    const input = newUserInput('bounced');
    app.mail.refuseRecipient(input.email, { code: 550, message: '5.1.1 no such mailbox' });
    const created = await app
      .http()
      .post(CM_USERS)
      .set('Authorization', admin.auth)
      .send({ username: input.username, email: input.email, role: await authenticatedRoleId(app) });
    expect(created.status).toBe(201);
    await app.strapi.plugin('user-communication').service('delivery-worker').tick();
    expect((await findUser(app, input.email)).emailStatus).toBe('undeliverable');

    await page.goto(`${baseUrl}${LIST_PATH}/${created.body.documentId}`);
    const account = page.getByLabel('Account', { exact: true });
    await account.waitFor();
    await dismissPopups(page);
    const status = account.getByTestId('uc-account-email-status');
    await status.filter({ hasText: /^Undeliverable since .*550/ }).waitFor();

    const corrected = `corrected-${input.email}`;
    await page.getByRole('textbox', { name: 'email' }).fill(corrected);
    await page.getByRole('button', { name: 'Save' }).click();
    await status.filter({ hasText: /^OK/ }).waitFor();
    await account.getByTestId('uc-account-resend-corrected').click();
    await account.getByText('Activation email queued', { exact: true }).waitFor();
    await activationMailTo(app, corrected);
  });

  it('marks a wrongly bounced address deliverable again from the account panel, keeping the address', async () => {
    const bounced = await seedUser(app, { createdAt: daysAgo(10), activatedAt: daysAgo(9) });
    await app.strapi
      .plugin('user-communication')
      .service('user-state')
      .trusted(() =>
        app.strapi.db.query(USER_UID).update({
          where: { id: bounced.id },
          data: { emailStatus: 'complained', emailStatusChangedAt: daysAgo(1) },
        })
      );
    const { documentId } = await app.strapi.db.query(USER_UID).findOne({
      where: { id: bounced.id },
    });

    await page.goto(`${baseUrl}${LIST_PATH}/${documentId}`);
    const account = page.getByLabel('Account', { exact: true });
    await account.waitFor();
    await dismissPopups(page);
    const status = account.getByTestId('uc-account-email-status');
    await status.filter({ hasText: /^Marked as spam/ }).waitFor();
    await account.getByTestId('uc-account-mark-deliverable').click();
    await account.getByTestId('uc-account-marked-deliverable').waitFor();
    expect(await findUser(app, bounced.email)).toMatchObject({
      email: bounced.email,
      emailStatus: 'ok',
    });

    await page.reload();
    await status.filter({ hasText: /^OK$/ }).waitFor();
  });
});
