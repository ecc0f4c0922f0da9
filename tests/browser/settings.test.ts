import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ADMIN_PASSWORD, createAdmin, createAdminRole, type AdminSession } from '../helpers/actors';
import { dismissPopups, loginToAdmin, newPage, startBrowserSession } from '../helpers/browser';
import { APP_ROOT } from '../helpers/database';
import type { TestApp } from '../helpers/strapi';

const SETTINGS_PATH = '/admin/settings/user-communication/settings';
const SCREENSHOT = path.join(APP_ROOT, 'docs', 'screenshots', 'settings.png');

describe('user communication settings page', () => {
  let app: TestApp;
  let admin: AdminSession;
  let browser: Browser;
  let baseUrl: string;

  beforeAll(async () => {
    ({ app, admin, browser, baseUrl } = await startBrowserSession({ serveAdmin: true }));
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  const storedSettings = async () => {
    const response = await app
      .http()
      .get('/user-communication/settings')
      .set('Authorization', admin.auth);
    expect(response.status).toBe(200);
    return response.body;
  };

  const openSettings = async (page: Page) => {
    await page.goto(`${baseUrl}${SETTINGS_PATH}`);
    await page.getByRole('heading', { name: 'User communication', level: 1 }).waitFor();
    await dismissPopups(page);
  };

  const toggle = (page: Page, name: string) => page.getByRole('checkbox', { name });

  it('shows reset password locked on and stores the no login reminder', async () => {
    const page = await newPage(browser);
    await loginToAdmin(page, baseUrl, admin.email, ADMIN_PASSWORD);

    // The settings link lives in its own section of the settings menu.
    await page.goto(`${baseUrl}/admin/settings`);
    await page.locator(`a[href="${SETTINGS_PATH}"]`).click();
    await page.getByRole('heading', { name: 'User communication', level: 1 }).waitFor();
    await dismissPopups(page);

    const reset = toggle(page, 'Reset password');
    expect(await reset.isChecked()).toBe(true);
    expect(await reset.isDisabled()).toBe(true);
    await expect(
      page.getByText(/^Always on: users must always be able to recover their account/).isVisible()
    ).resolves.toBe(true);
    await expect(
      page.getByText(/valid for 14 days, when their account is created/).isVisible()
    ).resolves.toBe(true);

    const reminder = toggle(page, 'No login reminder');
    expect(await reminder.isChecked()).toBe(false);
    await reminder.check();
    await page.locator('input[name="noLoginReminder.intervalDays"]').fill('45');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Settings saved').first().waitFor();

    const stored = await storedSettings();
    expect(stored.noLoginReminder).toEqual({
      enabled: true,
      intervalDays: 45,
      hourUtc: 6,
      locked: false,
    });
    expect(stored.passwordReset.enabled).toBe(true);

    await page.reload();
    await page.getByRole('heading', { name: 'User communication', level: 1 }).waitFor();
    await dismissPopups(page);
    expect(await toggle(page, 'No login reminder').isChecked()).toBe(true);
    expect(await page.locator('input[name="noLoginReminder.intervalDays"]').inputValue()).toBe(
      '45'
    );
    expect(await page.getByRole('button', { name: 'Save' }).isDisabled()).toBe(true);

    // Where an identity provider's SCIM provisioning connects, and how to make its token.
    expect(await page.locator('input[name="scimBaseUrl"]').inputValue()).toMatch(
      /\/api\/user-communication\/scim\/v2$/
    );
    await expect(page.getByText(/API Tokens → Create new API Token/).isVisible()).resolves.toBe(
      true
    );

    await page.mouse.move(0, 0);
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    await page.context().close();
  });

  it('refuses an out-of-range value before sending it', async () => {
    const page = await newPage(browser);
    await loginToAdmin(page, baseUrl, admin.email, ADMIN_PASSWORD);
    await openSettings(page);

    await page.locator('input[name="noLoginReminder.hourUtc"]').fill('30');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Enter a whole number from 0 to 23.').waitFor();

    expect((await storedSettings()).noLoginReminder.hourUtc).toBe(6);
    await page.context().close();
  });

  it("shows the server's validation message when it refuses a save", async () => {
    const page = await newPage(browser);
    await loginToAdmin(page, baseUrl, admin.email, ADMIN_PASSWORD);
    await openSettings(page);
    const before = (await storedSettings()).noLoginReminder.intervalDays;

    // The form never sends an out-of-range value, so tamper with the request on its way to the
    // real server to exercise how the page reports a refusal.
    await page.route('**/user-communication/settings', async (route) => {
      if (route.request().method() !== 'PUT') return route.continue();
      const body = route.request().postDataJSON();
      body.noLoginReminder.intervalDays = 999;
      return route.continue({ postData: JSON.stringify(body) });
    });
    await page.locator('input[name="noLoginReminder.intervalDays"]').fill('50');
    await page.getByRole('button', { name: 'Save' }).click();

    const message = 'noLoginReminder.intervalDays must be between 1 and 365';
    await page.getByText(`The settings were not saved: ${message}`).waitFor();
    await page.getByText(message, { exact: true }).waitFor();
    expect((await storedSettings()).noLoginReminder.intervalDays).toBe(before);
    await page.context().close();
  });

  it('lets an admin without the update permission read but not change the settings', async () => {
    const roleId = await createAdminRole(app, ['plugin::user-communication.settings.read']);
    const reader = await createAdmin(app, { roleIds: [roleId] });
    const page = await newPage(browser);
    await loginToAdmin(page, baseUrl, reader.email, ADMIN_PASSWORD);
    await openSettings(page);

    expect(await toggle(page, 'Activation of users').isDisabled()).toBe(true);
    expect(await page.locator('input[name="activation.linkLifetimeDays"]').isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Save' }).isDisabled()).toBe(true);
    await page.context().close();
  });
});
