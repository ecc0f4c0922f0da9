import path from 'node:path';
import type { Browser } from 'playwright-core';
import { ADMIN_PASSWORD, type AdminSession } from '../helpers/actors';
import { USER_UID } from '../helpers/activation';
import { dismissPopups, loginToAdmin, newPage, startBrowserSession } from '../helpers/browser';
import { APP_ROOT } from '../helpers/database';
import type { TestApp } from '../helpers/strapi';
import { seedUser } from '../helpers/users';

const SCREENSHOT = path.join(APP_ROOT, 'docs', 'screenshots', 'unsubscribe-page.png');
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
// The admin formats dates with the browser's locale (en) and time zone, which is this process's.
const shown = (iso: string) =>
  new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));

describe('unsubscribing from no-login reminders', () => {
  let app: TestApp;
  let admin: AdminSession;
  let browser: Browser;
  let baseUrl: string;

  beforeAll(async () => {
    ({ app, admin, browser, baseUrl } = await startBrowserSession({ serveAdmin: true }));
    const settings = await app
      .http()
      .put('/user-communication/settings')
      .set('Authorization', admin.auth)
      .send({ noLoginReminder: { enabled: true, intervalDays: 30, hourUtc: 6 } });
    expect(settings.status).toBe(200);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it("opens the link of a received reminder, confirms, is unsubscribed, and the user's Account panel says since when", async () => {
    const user = await seedUser(app, { createdAt: daysAgo(45), activatedAt: daysAgo(45) });
    await app.strapi.plugin('user-communication').service('reminders').run('manual');
    await app.strapi.plugin('user-communication').service('delivery-worker').tick();
    const reminder = await app.mail.waitFor((mail) => mail.to.includes(user.email));
    const link = reminder.links.find((candidate) => candidate.includes('/unsubscribe/')) as string;
    expect(link.startsWith(`${baseUrl}/api/user-communication/unsubscribe/`)).toBe(true);

    const page = await newPage(browser);
    const refused: string[] = [];
    page.on('console', (message) => {
      if (/Content.Security.Policy/i.test(message.text())) refused.push(message.text());
    });
    await page.goto(link);
    await page.getByRole('heading', { name: 'Unsubscribe from reminders' }).waitFor();
    await page.screenshot({ path: SCREENSHOT });
    // Opening the link changed nothing: a mail scanner opens links too.
    expect(await app.strapi.db.query(USER_UID).findOne({ where: { id: user.id } })).toMatchObject({
      reminderOptOut: false,
    });

    await page.getByRole('button', { name: 'Unsubscribe' }).click();
    await page.getByRole('heading', { name: 'You are unsubscribed' }).waitFor();
    expect(await page.getByText('You will no longer receive reminders').isVisible()).toBe(true);
    const stored = await app.strapi.db.query(USER_UID).findOne({ where: { id: user.id } });
    expect(stored).toMatchObject({ reminderOptOut: true });
    expect(refused).toEqual([]);

    // Back on the link later: nothing more to do.
    await page.goto(link);
    await page.getByRole('heading', { name: 'You are already unsubscribed' }).waitFor();
    await page.close();

    const adminPage = await newPage(browser);
    await loginToAdmin(adminPage, baseUrl, admin.email, ADMIN_PASSWORD);
    await adminPage.goto(
      `${baseUrl}/admin/content-manager/collection-types/${USER_UID}/${stored.documentId}`
    );
    const account = adminPage.getByLabel('Account', { exact: true });
    await account.waitFor();
    await dismissPopups(adminPage);
    const since = shown(new Date(stored.reminderOptOutAt).toISOString());
    expect(
      await account.getByTestId('uc-account-reminder-opt-out').textContent({ timeout: 10000 })
    ).toBe(`Unsubscribed from reminders on ${since}`);
    await adminPage.close();
  });
});
