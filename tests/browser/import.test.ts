import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Download, Page } from 'playwright-core';
import {
  ADMIN_PASSWORD,
  createAdmin,
  createAdminRole,
  findUser,
  type AdminSession,
} from '../helpers/actors';
import { dismissPopups, loginToAdmin, newPage, startBrowserSession } from '../helpers/browser';
import { APP_ROOT } from '../helpers/database';
import { writeUsersXlsx, type UserSheetRow } from '../helpers/spreadsheets';
import type { TestApp } from '../helpers/strapi';
import { seedUser } from '../helpers/users';

const IMPORT_PATH = '/admin/settings/user-communication/import';
const SCREENSHOT = path.join(APP_ROOT, 'docs', 'screenshots', 'import.png');
const FILE_LABEL = 'Spreadsheet (.xlsx or .csv)';
const HEADERS = ['email', 'username', 'locale', 'blocked', 'phone'];

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

describe('user communication import page', () => {
  let app: TestApp;
  let admin: AdminSession;
  let browser: Browser;
  let baseUrl: string;
  let dir: string;
  let existingEmail: string;

  beforeAll(async () => {
    ({ app, admin, browser, baseUrl } = await startBrowserSession({ serveAdmin: true }));
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'uc-import-browser-'));
    existingEmail = (await seedUser(app, { createdAt: daysAgo(30) })).email;
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const heading = (page: Page) => page.getByRole('heading', { name: 'Import users', level: 1 });
  const count = (page: Page, testId: string) => page.getByTestId(testId).getAttribute('data-count');

  const openImport = async (page: Page) => {
    await page.goto(`${baseUrl}${IMPORT_PATH}`);
    await heading(page).waitFor();
    await dismissPopups(page);
  };

  const upload = async (page: Page, filePath: string) => {
    await page.getByLabel(FILE_LABEL).setInputFiles(filePath);
    await page.getByRole('button', { name: 'Upload and check' }).click();
  };

  /** Clicks a control that saves a file and answers with the file's text. */
  const downloadedText = async (page: Page, click: () => Promise<void>) => {
    const [download] = (await Promise.all([page.waitForEvent('download'), click()])) as [
      Download,
      void,
    ];
    const saved = path.join(dir, `${Date.now()}-${download.suggestedFilename()}`);
    await download.saveAs(saved);
    return { name: download.suggestedFilename(), content: fs.readFileSync(saved) };
  };

  it('previews a sheet with its invalid rows, imports the valid ones and links to them', async () => {
    // Sheet row = index + 1 (the header is row 1): rows 3 and 6 are invalid, row 5 is an existing user.
    const rows: Record<number, UserSheetRow> = {
      1: ['import-ada@example.com', 'import-ada', 'en', 'no', '555-0101'],
      2: ['not-an-address@', 'import-bad', 'en', 'no', ''],
      3: ['import-grace@example.com', '', 'da', 'no', ''],
      4: [existingEmail, '', 'en', 'no', ''],
      5: ['', 'import-nomail', 'en', 'no', ''],
      6: ['import-linus@example.com', 'import-linus', 'en', 'yes', ''],
    };
    const sheet = path.join(dir, 'users.xlsx');
    await writeUsersXlsx(sheet, 6, { headers: HEADERS, row: (index) => rows[index] });

    const page = await newPage(browser);
    await loginToAdmin(page, baseUrl, admin.email, ADMIN_PASSWORD);

    // The fourth link of the plugin's settings section.
    await page.goto(`${baseUrl}/admin/settings`);
    await page.locator(`a[href="${IMPORT_PATH}"]`).click();
    await heading(page).waitFor();
    await dismissPopups(page);
    await page
      .getByText('Imported users get no activation e-mail, even when activation is on.', {
        exact: false,
      })
      .waitFor();

    // The template comes through the authenticated fetch client, as a real workbook.
    const template = await downloadedText(page, () =>
      page.getByRole('button', { name: 'Download the template' }).click()
    );
    expect(template.name).toBe('users-import-template.xlsx');
    expect(template.content.subarray(0, 2).toString('latin1')).toBe('PK');

    await upload(page, sheet);
    const preview = page.getByTestId('uc-import-preview');
    await preview.waitFor();
    expect(page.url()).toMatch(/\?import=\d+$/);
    expect(await count(page, 'uc-import-count-rows')).toBe('6');
    expect(await count(page, 'uc-import-count-valid')).toBe('4');
    expect(await count(page, 'uc-import-count-invalid')).toBe('2');
    expect(await count(page, 'uc-import-count-create')).toBe('3');
    expect(await count(page, 'uc-import-count-update')).toBe('0');
    expect(await count(page, 'uc-import-count-skip')).toBe('1');
    await page
      .getByTestId('uc-import-unknown-headers')
      .getByText('These columns were ignored: phone.')
      .waitFor();

    const invalidRows = page.getByTestId('uc-import-invalid-rows').locator('tbody tr');
    expect(await invalidRows.count()).toBe(2);
    await page
      .locator('tr[data-row="3"]')
      .getByText('Invalid e-mail address "not-an-address@"')
      .waitFor();
    await page.locator('tr[data-row="6"]').getByText('The e-mail address is missing').waitFor();

    // The choice for existing users moves the existing row between "to skip" and "to update".
    expect(
      await page.getByRole('radio', { name: 'Skip existing users' }).getAttribute('aria-checked')
    ).toBe('true');
    await page.getByRole('radio', { name: 'Update existing users' }).click();
    expect(await count(page, 'uc-import-count-update')).toBe('1');
    expect(await count(page, 'uc-import-count-skip')).toBe('0');
    await page.getByRole('button', { name: 'Import 3 users and update 1' }).waitFor();
    await page.getByRole('radio', { name: 'Skip existing users' }).click();
    expect(await count(page, 'uc-import-count-skip')).toBe('1');

    const before = await downloadedText(page, () =>
      page.getByRole('button', { name: 'Download the report' }).click()
    );
    expect(before.name).toMatch(/^users-import-\d+-report\.csv$/);
    expect(before.content.toString('utf8')).toContain('import-ada@example.com');

    await page.mouse.move(0, 0);
    await page.screenshot({ path: SCREENSHOT });
    expect(await findUser(app, 'import-ada@example.com')).toBeNull();

    await page.getByRole('button', { name: 'Import 3 users', exact: true }).click();
    const result = page.getByTestId('uc-import-result');
    await result.waitFor();
    expect(await count(page, 'uc-import-result-count-created')).toBe('3');
    expect(await count(page, 'uc-import-result-count-updated')).toBe('0');
    expect(await count(page, 'uc-import-result-count-skipped')).toBe('1');
    expect(await count(page, 'uc-import-result-count-failed')).toBe('0');
    await result
      .getByText('The imported users got no activation e-mail.', { exact: false })
      .waitFor();
    expect(await findUser(app, 'import-grace@example.com')).toMatchObject({
      origin: 'excel',
      locale: 'da',
    });

    const after = await downloadedText(page, () =>
      result.getByRole('button', { name: 'Download the report' }).click()
    );
    expect(after.content.toString('utf8')).toMatch(/import-ada@example\.com.*created/);

    // The link lists this import's new users, not the existing one it skipped.
    await result.getByRole('link', { name: 'Show the imported users' }).click();
    await page.waitForURL(
      /\/admin\/content-manager\/collection-types\/plugin::users-permissions\.user\?/
    );
    await page.getByRole('row').filter({ hasText: 'import-ada@example.com' }).waitFor();
    await page.getByRole('row').filter({ hasText: 'import-linus@example.com' }).waitFor();
    await page.getByRole('row').filter({ hasText: 'import-grace@example.com' }).waitFor();
    expect(await page.getByRole('row').filter({ hasText: existingEmail }).count()).toBe(0);

    // Back on the import page, the address brings the result back.
    await page.goBack();
    await page.getByTestId('uc-import-result').waitFor();
    expect(await count(page, 'uc-import-result-count-created')).toBe('3');

    await page.getByRole('button', { name: 'Start over' }).click();
    await page.getByLabel(FILE_LABEL).waitFor();
    expect(page.url()).not.toContain('import=');
    await page.context().close();
  });

  it('shows why a file is refused', async () => {
    const csv = path.join(dir, 'no-email.csv');
    fs.writeFileSync(csv, 'name,locale\nAda,en\n');
    const page = await newPage(browser);
    await loginToAdmin(page, baseUrl, admin.email, ADMIN_PASSWORD);
    await openImport(page);

    await upload(page, csv);
    const error = page.getByTestId('uc-import-error');
    await error.getByText('The file was not accepted').waitFor();
    await error.getByText('The sheet has no "email" column.', { exact: false }).waitFor();
    expect(await page.getByTestId('uc-import-preview').count()).toBe(0);
    await page.context().close();
  });

  it('is not available to an admin without the import permission', async () => {
    const roleId = await createAdminRole(app, ['plugin::user-communication.messages.read']);
    const reader = await createAdmin(app, { roleIds: [roleId] });
    const page = await newPage(browser);
    await loginToAdmin(page, baseUrl, reader.email, ADMIN_PASSWORD);
    await page.goto(`${baseUrl}/admin/settings`);
    await page.locator('a[href="/admin/settings/user-communication/messages"]').waitFor();
    expect(await page.locator(`a[href="${IMPORT_PATH}"]`).count()).toBe(0);

    await page.goto(`${baseUrl}${IMPORT_PATH}`);
    await page.getByText("You don't have the permissions to access that content").waitFor();
    expect(await heading(page).count()).toBe(0);
    await page.context().close();
  });
});
