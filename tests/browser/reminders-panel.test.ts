import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ADMIN_PASSWORD, createAdmin, createAdminRole, type AdminSession } from '../helpers/actors';
import { dismissPopups, loginToAdmin, newPage, startBrowserSession } from '../helpers/browser';
import { APP_ROOT } from '../helpers/database';
import type { TestApp } from '../helpers/strapi';
import { seedUser } from '../helpers/users';

const SETTINGS_PATH = '/admin/settings/user-communication/settings';
const SCREENSHOT = path.join(APP_ROOT, 'docs', 'screenshots', 'reminders-panel.png');

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

describe('next run of the no login reminder on the settings page', () => {
  let app: TestApp;
  let admin: AdminSession;
  let browser: Browser;
  let baseUrl: string;

  beforeAll(async () => {
    ({ app, admin, browser, baseUrl } = await startBrowserSession({ serveAdmin: true }));
    await app.strapi
      .plugin('user-communication')
      .service('settings')
      .update({ noLoginReminder: { enabled: true, intervalDays: 30 } });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  const openSettings = async (page: Page) => {
    await page.goto(`${baseUrl}${SETTINGS_PATH}`);
    await page.getByRole('heading', { name: 'User communication', level: 1 }).waitFor();
    await dismissPopups(page);
  };

  const nextRun = (page: Page) => page.getByRole('region', { name: 'Next run' });

  it('shows who the next run would remind, runs it now, and the reminders are sent', async () => {
    const imported = await seedUser(app, { createdAt: daysAgo(45) });
    const away = await seedUser(app, {
      createdAt: daysAgo(200),
      activatedAt: daysAgo(199),
      lastLoginAt: daysAgo(60),
    });
    await seedUser(app, {
      createdAt: daysAgo(200),
      activatedAt: daysAgo(199),
      lastLoginAt: daysAgo(3),
    });

    const page = await newPage(browser);
    await loginToAdmin(page, baseUrl, admin.email, ADMIN_PASSWORD);
    await openSettings(page);

    const section = nextRun(page);
    await section.getByText('2 users would be reminded at the next run.').waitFor();
    await section.getByText('No run yet.').waitFor();
    const importedRow = section.getByRole('row').filter({ hasText: imported.email });
    expect(await importedRow.getByText('never', { exact: true }).isVisible()).toBe(true);
    expect(await importedRow.getByText('not activated', { exact: true }).isVisible()).toBe(true);
    const awayRow = section.getByRole('row').filter({ hasText: away.email });
    expect(await awayRow.getByText('activated', { exact: true }).isVisible()).toBe(true);

    // The admin scrolls inside its own container: bring the whole card into view above the fold.
    await page.mouse.move(0, 0);
    await page
      .locator('[data-communication="noLoginReminder"]')
      .evaluate((card) => card.scrollIntoView({ block: 'end' }));
    await page.screenshot({ path: SCREENSHOT });

    await section.getByRole('button', { name: 'Run now' }).click();
    await page.getByText('Run finished: 2 users reminded').first().waitFor();
    await section.getByText('No user would be reminded at the next run.').waitFor();
    await section.getByText(/^Last run: .*, 2 users reminded \(run by an admin\)\.$/).waitFor();

    await app.strapi.plugin('user-communication').service('delivery-worker').tick();
    const isReminder = (email: string) => (mail: { to: string[]; subject: string }) =>
      mail.to.includes(email.toLowerCase()) && /miss you/i.test(mail.subject);
    await app.mail.waitFor(isReminder(imported.email));
    await app.mail.waitFor(isReminder(away.email));
    await page.context().close();
  });

  it('says so when another instance is running it', async () => {
    const page = await newPage(browser);
    await loginToAdmin(page, baseUrl, admin.email, ADMIN_PASSWORD);
    await openSettings(page);

    // Two instances cannot be made to race on cue from a browser; answer as the server does when one holds the lease.
    await page.route('**/user-communication/reminders/run', (route) =>
      route.fulfill({
        status: 409,
        contentType: 'application/json',
        body: JSON.stringify({ runDate: '2026-01-01', status: 'busy', reminded: 0 }),
      })
    );
    await nextRun(page).getByRole('button', { name: 'Run now' }).click();
    await page.getByText('Another instance is running it').first().waitFor();
    await page.context().close();
  });

  it('shows the preview but no Run now button to an admin who may only read the settings', async () => {
    const roleId = await createAdminRole(app, ['plugin::user-communication.settings.read']);
    const reader = await createAdmin(app, { roleIds: [roleId] });
    const page = await newPage(browser);
    await loginToAdmin(page, baseUrl, reader.email, ADMIN_PASSWORD);
    await openSettings(page);

    await nextRun(page)
      .getByText(/at the next run\.$/)
      .waitFor();
    expect(await nextRun(page).getByRole('button', { name: 'Run now' }).count()).toBe(0);
    await page.context().close();
  });
});
