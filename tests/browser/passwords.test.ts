import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ADMIN_PASSWORD, findUser, USER_PASSWORD, type AdminSession } from '../helpers/actors';
import { USER_UID } from '../helpers/activation';
import { dismissPopups, loginToAdmin, newPage, startBrowserSession } from '../helpers/browser';
import { APP_ROOT } from '../helpers/database';
import {
  CHANGED_SUBJECT,
  createActiveUser,
  logIn,
  mailTo,
  RESET_SUBJECT,
} from '../helpers/passwords';
import type { TestApp } from '../helpers/strapi';

const LIST_PATH = `/admin/content-manager/collection-types/${USER_UID}`;
const DIALOG_SCREENSHOT = path.join(APP_ROOT, 'docs', 'screenshots', 'reset-password-dialog.png');
const PAGE_SCREENSHOT = path.join(APP_ROOT, 'docs', 'screenshots', 'password-change-page.png');
const ONE_TIME = 'Handed-Over-Passw0rd!';
const CHOSEN = 'My-Own-Passw0rd!';

describe('passwords in the admin and on the built-in page', () => {
  let app: TestApp;
  let admin: AdminSession;
  let browser: Browser;
  let baseUrl: string;
  let page: Page;

  beforeAll(async () => {
    ({ app, admin, browser, baseUrl } = await startBrowserSession({ serveAdmin: true }));
    page = await newPage(browser);
    await loginToAdmin(page, baseUrl, admin.email, ADMIN_PASSWORD);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  const openDialogFromEditView = async (documentId: string) => {
    await page.goto(`${baseUrl}${LIST_PATH}/${documentId}`);
    await page.getByLabel('Account', { exact: true }).waitFor();
    await dismissPopups(page);
    await page.getByRole('button', { name: 'More actions' }).click();
    await page.getByRole('menuitem', { name: 'Reset password…', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Reset password' });
    await dialog.waitFor();
    return dialog;
  };

  it('sets a one-time password from the edit view; the user is forced to choose their own at the next login', async () => {
    const user = await createActiveUser(app);
    const dialog = await openDialogFromEditView(user.documentId);

    await dialog.getByRole('radio', { name: 'Set a new password manually' }).check();
    await dialog
      .getByTestId('uc-reset-password-notice')
      .getByText('No e-mail is sent', { exact: false })
      .waitFor();
    await dialog.getByTestId('uc-reset-password-new').fill(ONE_TIME);
    await dialog.getByTestId('uc-reset-password-confirm').fill(ONE_TIME);
    expect(
      await dialog
        .getByRole('checkbox', { name: 'One-time password (must be changed at next login)' })
        .isChecked()
    ).toBe(true);
    await page.screenshot({ path: DIALOG_SCREENSHOT, animations: 'disabled' });
    await dialog.getByRole('button', { name: 'Set password' }).click();
    await page
      .getByText(`One-time password set for ${user.email}`, { exact: false })
      .first()
      .waitFor();

    await page.reload();
    await page
      .getByLabel('Account', { exact: true })
      .getByText('Must change password at next login')
      .waitFor();
    expect((await findUser(app, user.email)).mustChangePassword).toBe(true);
    expect(app.mail.to(user.email)).toHaveLength(0);

    // The user logs in with what the admin handed over and is sent to the built-in page.
    expect((await logIn(app, user.email, USER_PASSWORD)).status).toBe(400);
    const login = await logIn(app, user.email, ONE_TIME);
    expect(login.status).toBe(403);
    expect(login.body.error.name).toBe('PasswordChangeRequired');
    const changeUrl = new URL(login.body.error.details.changeUrl as string);
    const userPage = await newPage(browser);
    await userPage.goto(`${baseUrl}${changeUrl.pathname}${changeUrl.hash}`);
    await userPage
      .getByText('You signed in with a one-time password. Choose your own password to continue.')
      .waitFor();
    expect(userPage.url()).toBe(`${baseUrl}/user-communication/reset-password`);

    await userPage.getByLabel('New password', { exact: true }).fill(ONE_TIME);
    await userPage.getByLabel('Repeat the password').fill(ONE_TIME);
    await userPage.getByRole('button', { name: 'Save my new password' }).click();
    await userPage
      .getByText('The new password must be different from the one-time password')
      .waitFor();

    await userPage.getByLabel('New password', { exact: true }).fill(CHOSEN);
    await userPage.getByLabel('Repeat the password').fill(CHOSEN);
    await userPage.screenshot({ path: PAGE_SCREENSHOT });
    await userPage.getByRole('button', { name: 'Save my new password' }).click();
    await userPage.getByText('Your password is changed. You can now log in with it.').waitFor();
    await userPage.close();

    expect((await logIn(app, user.email, ONE_TIME)).status).toBe(400);
    expect((await logIn(app, user.email, CHOSEN)).status).toBe(200);
    expect((await findUser(app, user.email)).mustChangePassword).toBe(false);
    await mailTo(app, user.email, CHANGED_SUBJECT);
  });

  it('sends the reset e-mail from the row menu; the link opens the built-in page', async () => {
    const user = await createActiveUser(app);
    await page.goto(`${baseUrl}${LIST_PATH}?page=1&pageSize=10&sort=id:DESC`);
    await page.getByRole('grid').or(page.getByRole('table')).first().waitFor();
    await dismissPopups(page);
    await page
      .getByRole('row')
      .filter({ hasText: user.email })
      .getByRole('button', { name: 'Row actions' })
      .click();
    await page.getByRole('menuitem', { name: 'Reset password…', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Reset password' });
    expect(
      await dialog.getByRole('radio', { name: 'Send a password reset e-mail' }).isChecked()
    ).toBe(true);
    await dialog.getByRole('button', { name: 'Send e-mail' }).click();
    await page
      .getByText(`Password reset e-mail queued for ${user.email}`, { exact: false })
      .first()
      .waitFor();

    const mail = await mailTo(app, user.email, RESET_SUBJECT);
    const link = mail.links.find((candidate) => candidate.includes('#token=')) as string;
    const userPage = await newPage(browser);
    const requests: string[] = [];
    userPage.on('request', (request) => requests.push(request.url()));
    await userPage.goto(link);
    await userPage.getByText(`Choose a new password for ${user.email}.`).waitFor();
    expect(requests.some((url) => url.includes(new URL(link).hash.slice('#token='.length)))).toBe(
      false
    );
    await userPage.getByLabel('New password', { exact: true }).fill(CHOSEN);
    await userPage.getByLabel('Repeat the password').fill(CHOSEN);
    await userPage.getByRole('button', { name: 'Save my new password' }).click();
    await userPage
      .getByText('Your password is changed and you were signed out everywhere.', { exact: false })
      .waitFor();

    await userPage.close();
    // The same link again (a new tab: on the same page only the fragment would change): already used.
    const again = await newPage(browser);
    await again.goto(link);
    await again.getByText('This reset link has already been used', { exact: false }).waitFor();
    await again.close();
    expect((await logIn(app, user.email, CHOSEN)).status).toBe(200);
  });
});
