import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ADMIN_PASSWORD, type AdminSession } from '../helpers/actors';
import { activationMailTo, USER_UID } from '../helpers/activation';
import { activationMessage } from '../helpers/funnel';
import { dismissPopups, loginToAdmin, newPage, startBrowserSession } from '../helpers/browser';
import { APP_ROOT } from '../helpers/database';
import type { TestApp } from '../helpers/strapi';
import { seedUser } from '../helpers/users';

const LIST_PATH = `/admin/content-manager/collection-types/${USER_UID}`;
const PAGE_PATH = '/admin/settings/user-communication/communication';
const SCREENSHOTS = path.join(APP_ROOT, 'docs', 'screenshots');
const STATUS_URL = '/user-communication/users/status';

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

describe('account status and the activation funnel', () => {
  let app: TestApp;
  let admin: AdminSession;
  let browser: Browser;
  let baseUrl: string;
  let page: Page;
  /** The label each seeded user's row must show. */
  const labels = new Map<string, string>();

  const setUser = (id: number, data: Record<string, unknown>) =>
    app.strapi
      .plugin('user-communication')
      .service('user-state')
      .trusted(() => app.strapi.db.query(USER_UID).update({ where: { id }, data }));
  const tokens = () => app.strapi.plugin('user-communication').service('tokens');

  const seed = async (
    label: string,
    options: Parameters<typeof seedUser>[1],
    then?: (id: number) => Promise<unknown>
  ) => {
    const user = await seedUser(app, options);
    await then?.(user.id);
    labels.set(user.email, label);
    return user;
  };

  beforeAll(async () => {
    ({ app, admin, browser, baseUrl } = await startBrowserSession({ serveAdmin: true }));
    page = await newPage(browser);
    await loginToAdmin(page, baseUrl, admin.email, ADMIN_PASSWORD);
    await seed('Invited', { createdAt: daysAgo(3) }, (id) =>
      tokens().issue(id, 'activation', { days: 14 })
    );
    await seed('Link expired', { createdAt: daysAgo(20) }, (id) =>
      tokens().issue(id, 'activation', { days: -2 })
    );
    await seed('Never logged in', { createdAt: daysAgo(2) });
    await seed('Active', {
      createdAt: daysAgo(25),
      activatedAt: daysAgo(25),
      lastLoginAt: daysAgo(1),
    });
    await seed('Inactive 45 days', {
      createdAt: daysAgo(28),
      activatedAt: daysAgo(28),
      lastLoginAt: daysAgo(45.2),
    });
    await seed('SSO', { createdAt: daysAgo(5), activatedAt: daysAgo(5) }, (id) =>
      setUser(id, { origin: 'sso' })
    );
    await seed('Blocked', { createdAt: daysAgo(6), blocked: true });
    await seed('Undeliverable', { createdAt: daysAgo(7) }, (id) =>
      setUser(id, { emailStatus: 'undeliverable' })
    );
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  /** Users created by an admin whose activation e-mail went out: two bounced, two never activated, two never logged in, three active. */
  const seedJourneys = async () => {
    const journeys = [...Array<'bounced'>(2).fill('bounced'), ...Array<'sent'>(7).fill('sent')];
    for (const [index, status] of journeys.entries()) {
      const user = await seedUser(app, { createdAt: daysAgo(10 + index) });
      await setUser(user.id, { origin: 'manual' });
      await activationMessage(app, user.id, status, daysAgo(10 + index));
      if (index >= 4) await setUser(user.id, { activatedAt: daysAgo(9 + index) });
      if (index >= 6) await setUser(user.id, { lastLoginAt: daysAgo(1) });
    }
  };

  const row = (email: string) => page.getByRole('row').filter({ hasText: email });

  it("shows each user's status in the Content Manager's list, for the whole page in one request", async () => {
    const requests: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes(STATUS_URL)) requests.push(request.url());
    });
    await page.goto(`${baseUrl}${LIST_PATH}?page=1&pageSize=20&sort=id:DESC`);
    await page.getByRole('grid').or(page.getByRole('table')).first().waitFor();
    await dismissPopups(page);
    for (const [email, label] of labels) {
      await row(email).getByText(label, { exact: true }).waitFor();
    }
    expect(requests).toHaveLength(1);
    expect(new URL(requests[0]).searchParams.get('ids')?.split(',')).toHaveLength(labels.size);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'status-column.png') });
  });

  it("filters the list by account status through the list's filters", async () => {
    await page.getByRole('button', { name: 'Filters', exact: true }).click();
    await page.getByRole('combobox', { name: 'Select field', exact: true }).click();
    await page.getByRole('option', { name: 'Account status', exact: true }).click();
    // The operator is "is" (the only one); the value's field is named after the filter.
    await page.getByRole('combobox', { name: 'Account status', exact: true }).click();
    await page.getByRole('option', { name: 'Invited', exact: true }).click();
    await page.getByRole('button', { name: 'Add filter', exact: true }).click();
    await page.waitForURL((url) => url.search.includes('accountStatus'));
    const invited = [...labels].find(([, label]) => label === 'Invited')?.[0] as string;
    await row(invited).waitFor();
    await page.waitForFunction(() => document.querySelectorAll('tbody tr').length === 1);
  });

  it('shows the funnel, lists the users behind a drop and resends their activation e-mail', async () => {
    await seedJourneys();
    await page.goto(`${baseUrl}${PAGE_PATH}`);
    const table = page.getByRole('grid').or(page.getByRole('table')).first();
    await table.waitFor();
    await dismissPopups(page);
    // The eight users of the list were never sent an activation e-mail (seeded directly).
    const total = page.locator('tr[data-funnel-origin="all"]');
    const count = (step: string) =>
      total.locator(`[data-funnel-step="${step}"] [data-funnel-count]`).textContent();
    await total.waitFor();
    expect({
      created: await count('created'),
      'mail-sent': await count('mail-sent'),
      delivered: await count('delivered'),
      activated: await count('activated'),
      'first-login': await count('first-login'),
    }).toEqual({
      created: '17',
      'mail-sent': '9',
      delivered: '7',
      activated: '5',
      'first-login': '3',
    });
    await total
      .locator('[data-funnel-step="mail-sent"]')
      .getByRole('button', {
        name: /^Show the 8 users: Created, but no activation e-mail was sent/,
      })
      .click();

    const section = page.getByRole('region', { name: 'Users behind the drop' });
    await section.getByText('8 users', { exact: true }).waitFor();
    for (const [email, label] of labels) {
      await section
        .getByRole('row')
        .filter({ hasText: email })
        .getByText(label, { exact: true })
        .waitFor();
    }
    await page.screenshot({ path: path.join(SCREENSHOTS, 'communication.png'), fullPage: true });

    app.mail.clear();
    await section.getByRole('checkbox', { name: 'Select the users of this page' }).click();
    await section.getByRole('button', { name: 'Resend activation (8)' }).click();
    // Queued for those who may get a link; the others are skipped with their reason.
    await page
      .getByText(/^4 queued, 4 skipped/)
      .first()
      .waitFor();
    for (const label of ['Invited', 'Link expired', 'Never logged in', 'Undeliverable']) {
      const email = [...labels].find(([, each]) => each === label)?.[0] as string;
      await activationMailTo(app, email);
    }
  });
});
