import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ADMIN_PASSWORD, createAdmin, createAdminRole, type AdminSession } from '../helpers/actors';
import { USER_UID } from '../helpers/activation';
import {
  dismissPopups,
  loginToAdmin,
  newPage,
  selectOption,
  startBrowserSession,
} from '../helpers/browser';
import { APP_ROOT } from '../helpers/database';
import { createActiveUser } from '../helpers/passwords';
import type { TestApp } from '../helpers/strapi';
import { seedUser } from '../helpers/users';

const AUDIT_PATH = '/admin/settings/user-communication/audit';
const EDIT_PATH = `/admin/content-manager/collection-types/${USER_UID}`;
const SCREENSHOT = path.join(APP_ROOT, 'docs', 'screenshots', 'audit.png');

describe('audit trail page and the Account panel', () => {
  let app: TestApp;
  let admin: AdminSession;
  let other: AdminSession;
  let browser: Browser;
  let baseUrl: string;
  let target: { id: number; documentId: string };

  /** An admin action through the API, at a fixed noon (UTC) so it falls on that day in any nearby time zone. */
  const actOn = async (
    day: string,
    session: AdminSession,
    method: 'post' | 'put',
    url: string,
    body: Record<string, unknown>
  ) => {
    app.clock.set(`${day}T12:00:00Z`);
    const response = await app
      .http()
      [method](`/user-communication${url}`)
      .set('Authorization', session.auth)
      .send(body);
    expect(response.status).toBeLessThan(300);
  };

  beforeAll(async () => {
    ({ app, admin, browser, baseUrl } = await startBrowserSession({ serveAdmin: true }));
    other = await createAdmin(app);
    target = await createActiveUser(app);
    const pending = await seedUser(app, { createdAt: '2026-02-01T00:00:00Z' });

    await actOn('2026-03-02', admin, 'post', '/activation/resend', {
      userIds: [String(pending.id)],
    });
    await actOn('2026-03-03', admin, 'put', '/settings', { activation: { linkLifetimeDays: 21 } });
    await actOn('2026-03-04', other, 'put', '/templates/activation/da', {
      subject: 'Velkommen {{ username }}',
      html: '<p><a href="{{ link }}">Aktivér din konto</a></p>',
      text: 'Aktivér din konto: {{ link }}',
    });
    await actOn('2026-03-05', other, 'post', `/users/${target.documentId}/password`, {
      generate: true,
      oneTime: false,
    });
    await actOn('2026-03-06', admin, 'post', `/users/${target.id}/reset-password`, {});
    app.clock.reset();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  /** A fresh browser page, logged in to the admin as `session`. */
  const signedIn = async (session: AdminSession) => {
    const page = await newPage(browser);
    await loginToAdmin(page, baseUrl, session.email, ADMIN_PASSWORD);
    return page;
  };

  const heading = (page: Page) => page.getByRole('heading', { name: 'Audit trail', level: 1 });
  const rows = (page: Page) => page.locator('tbody tr');
  const apply = (page: Page) => page.getByRole('button', { name: 'Apply', exact: true }).click();

  /** Waits until the table shows exactly these actions, newest first. */
  const expectActions = async (page: Page, actions: string[]) => {
    const total = actions.length === 1 ? '1 action' : `${actions.length} actions`;
    await page.getByText(total, { exact: true }).waitFor();
    await rows(page).nth(actions.length).waitFor({ state: 'detached' });
    const shown = await rows(page).locator('td:nth-child(2)').allTextContents();
    expect(shown).toEqual(actions);
  };

  it('lists every admin action from the settings link, and filters by action, user, admin and date', async () => {
    const page = await signedIn(admin);
    await page.goto(`${baseUrl}/admin/settings`);
    await page.locator(`a[href="${AUDIT_PATH}"]`).click();
    await heading(page).waitFor();
    await dismissPopups(page);

    await expectActions(page, [
      'Password reset e-mail sent',
      'Password set',
      'Template changed',
      'Settings changed',
      'Activation e-mail resent',
    ]);
    const setRow = rows(page).filter({ hasText: 'Password set' });
    await setRow.getByText('Permanent password, generated; no e-mail sent').waitFor();
    await setRow.getByText(other.email).waitFor();
    await setRow.getByText(`User ${target.id}`).waitFor();
    await rows(page)
      .filter({ hasText: 'Settings changed' })
      .getByText('activation.linkLifetimeDays: 14 → 21')
      .waitFor();
    await rows(page)
      .filter({ hasText: 'Template changed' })
      .getByText('Activation (da) saved')
      .waitFor();

    await page.mouse.move(0, 0);
    await page.screenshot({ path: SCREENSHOT });

    await selectOption(page, 'Action', 'Password set');
    await apply(page);
    await expectActions(page, ['Password set']);

    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.getByLabel('User id', { exact: true }).fill(String(target.id));
    await apply(page);
    await expectActions(page, ['Password reset e-mail sent', 'Password set']);

    await page.getByLabel('User id', { exact: true }).fill('');
    await page.getByLabel('Admin id', { exact: true }).fill(String(other.id));
    await apply(page);
    await expectActions(page, ['Password set', 'Template changed']);

    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.getByLabel('From', { exact: true }).fill('2026-03-03');
    await page.getByLabel('To', { exact: true }).fill('2026-03-04');
    await apply(page);
    await expectActions(page, ['Template changed', 'Settings changed']);

    await page.getByLabel('User id', { exact: true }).fill('abc');
    await apply(page);
    await page.getByText('Enter a user id (a whole number).').waitFor();
    await page.context().close();
  });

  it("shows the user's latest admin actions in the Account panel", async () => {
    const page = await signedIn(admin);
    await page.goto(`${baseUrl}${EDIT_PATH}/${target.documentId}`);
    const recent = page.getByTestId('uc-account-audit');
    await recent.getByText('Latest admin actions').waitFor();
    await dismissPopups(page);

    const entries = recent.getByRole('listitem');
    await entries.nth(1).waitFor();
    expect(await entries.count()).toBe(2);
    await entries.nth(0).getByText('Password reset e-mail sent').waitFor();
    await entries.nth(0).getByText(`by ${admin.email}`, { exact: false }).waitFor();
    await entries.nth(1).getByText('Permanent password, generated; no e-mail sent').waitFor();
    await entries.nth(1).getByText(`by ${other.email}`, { exact: false }).waitFor();
    await page.context().close();
  });

  it('shows the Account panel without admin actions to an admin who may not read the trail', async () => {
    const roleId = await createAdminRole(app);
    await app.strapi.service('admin::role').assignPermissions(roleId, [
      {
        action: 'plugin::content-manager.explorer.read',
        subject: USER_UID,
        properties: { fields: ['username', 'email', 'provider', 'blocked', 'origin'] },
        conditions: [],
      },
    ]);
    const editor = await createAdmin(app, { roleIds: [roleId] });
    const page = await signedIn(editor);
    await page.goto(`${baseUrl}${EDIT_PATH}/${target.documentId}`);
    await page.getByTestId('uc-account-panel').waitFor();
    await dismissPopups(page);
    // The permission check has answered by then: the section would be up.
    await page.waitForLoadState('networkidle');
    expect(await page.getByTestId('uc-account-audit').count()).toBe(0);
    expect(await page.getByText('could not be loaded', { exact: false }).count()).toBe(0);
    await page.context().close();
  });
});
