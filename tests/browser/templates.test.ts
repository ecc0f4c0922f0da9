import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ADMIN_PASSWORD, createAdmin, createAdminRole, type AdminSession } from '../helpers/actors';
import {
  dismissPopups,
  loginToAdmin,
  newPage,
  selectOption,
  startBrowserSession,
} from '../helpers/browser';
import { APP_ROOT } from '../helpers/database';
import { worker } from '../helpers/outbox';
import type { TestApp } from '../helpers/strapi';

const TEMPLATES_PATH = '/admin/settings/user-communication/templates';
const SCREENSHOT = path.join(APP_ROOT, 'docs', 'screenshots', 'templates.png');
const DANISH_SUBJECT = 'Nulstil din adgangskode til {{ platformName }}';
const EDITED_SUBJECT = '{{ username }}, nulstil din adgangskode til {{ platformName }}';

describe('user communication templates page', () => {
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

  const storedTemplate = async (type: string, locale: string) => {
    const response = await app
      .http()
      .get(`/user-communication/templates/${type}/${locale}`)
      .set('Authorization', admin.auth);
    expect(response.status).toBe(200);
    return response.body as { subject: string; customized: boolean };
  };

  const heading = (page: Page) => page.getByRole('heading', { name: 'E-mail templates', level: 1 });

  const openTemplates = async (page: Page) => {
    await page.goto(`${baseUrl}${TEMPLATES_PATH}`);
    await heading(page).waitFor();
    await dismissPopups(page);
  };

  const openDanishReset = async (page: Page) => {
    await selectOption(page, 'Template', 'Password reset');
    await selectOption(page, 'Language', /\(da\)$/);
  };

  const subjectInput = (page: Page) => page.locator('input[name="subject"]');
  const previewSubject = (page: Page, text: string) =>
    page.getByTestId('preview-subject').filter({ hasText: text });

  it('edits the Danish reset subject with a live preview and saves it', async () => {
    const page = await newPage(browser);
    await loginToAdmin(page, baseUrl, admin.email, ADMIN_PASSWORD);

    // The second link of the plugin's settings section.
    await page.goto(`${baseUrl}/admin/settings`);
    await page.locator(`a[href="${TEMPLATES_PATH}"]`).click();
    await heading(page).waitFor();
    await dismissPopups(page);

    await openDanishReset(page);
    await previewSubject(page, 'Nulstil din adgangskode til Learning platform').waitFor();
    expect(await subjectInput(page).inputValue()).toBe(DANISH_SUBJECT);
    await expect(
      page.getByText('{{ expiresInMinutes }}', { exact: true }).isVisible()
    ).resolves.toBe(true);
    expect(await page.getByRole('button', { name: 'Reset to default' }).count()).toBe(0);

    // The rendered HTML sits in a sandbox: no scripts, no same-origin access to the admin.
    const frame = page.locator('iframe[title="HTML preview"]');
    expect(await frame.getAttribute('sandbox')).toBe('');
    await page
      .frameLocator('iframe[title="HTML preview"]')
      .getByText('Hej Jane Learner,')
      .waitFor();

    await subjectInput(page).fill(EDITED_SUBJECT);
    await previewSubject(
      page,
      'Jane Learner, nulstil din adgangskode til Learning platform'
    ).waitFor();
    await page.getByText('Unsaved changes').waitFor();

    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Template saved').first().waitFor();
    expect(await storedTemplate('password-reset', 'da')).toMatchObject({
      subject: EDITED_SUBJECT,
      customized: true,
    });
    // The English one is untouched.
    expect((await storedTemplate('password-reset', 'en')).customized).toBe(false);

    await page.reload();
    await heading(page).waitFor();
    await dismissPopups(page);
    await openDanishReset(page);
    expect(await subjectInput(page).inputValue()).toBe(EDITED_SUBJECT);
    await page.getByRole('button', { name: 'Reset to default' }).waitFor();
    await previewSubject(page, 'Jane Learner, nulstil').waitFor();
    await page
      .frameLocator('iframe[title="HTML preview"]')
      .getByRole('link', { name: 'Vælg en ny adgangskode' })
      .waitFor();

    // No focus ring on the pickers in the picture, nor one caught fading out (a 0.2 s transition).
    await heading(page).click();
    await page.mouse.move(0, 0);
    await page.waitForFunction(() =>
      document.getAnimations().every((animation) => !(animation instanceof CSSTransition))
    );
    await page.screenshot({ path: SCREENSHOT });
    await page.context().close();
  });

  it('refuses a variable the template may not use and names it', async () => {
    const page = await newPage(browser);
    await loginToAdmin(page, baseUrl, admin.email, ADMIN_PASSWORD);
    await openTemplates(page);
    await openDanishReset(page);

    await subjectInput(page).fill('Din adgangskode er {{ password }}');
    // The preview already says why it cannot render the draft.
    await page
      .getByText(/^Cannot preview: Unknown variable \{\{ password \}\} in subject/)
      .waitFor();

    await page.getByRole('button', { name: 'Save' }).click();
    await page
      .getByText(/^The template was not saved: Unknown variable \{\{ password \}\} in subject/)
      .first()
      .waitFor();
    await page.getByText('Unknown variable: password', { exact: true }).waitFor();
    expect(await subjectInput(page).getAttribute('aria-invalid')).toBe('true');

    expect((await storedTemplate('password-reset', 'da')).subject).toBe(EDITED_SUBJECT);
    await page.context().close();
  });

  it('sends the unsaved draft as a test e-mail to the signed-in admin', async () => {
    const page = await newPage(browser);
    await loginToAdmin(page, baseUrl, admin.email, ADMIN_PASSWORD);
    await openTemplates(page);
    await openDanishReset(page);

    await subjectInput(page).fill('Prøve: {{ username }} på {{ platformName }}');
    await page.getByRole('button', { name: 'Send test e-mail' }).click();
    await page.getByText(`Test e-mail queued to ${admin.email}`).first().waitFor();

    await worker(app).tick();
    const mail = await app.mail.waitFor(
      (received) =>
        received.to.includes(admin.email.toLowerCase()) && received.subject.startsWith('[Test]')
    );
    expect(mail.subject).toBe('[Test] Prøve: Jane Learner på Learning platform');
    expect(mail.text).toContain('Hej Jane Learner,');
    // A test send does not save the draft.
    expect((await storedTemplate('password-reset', 'da')).subject).toBe(EDITED_SUBJECT);
    await page.context().close();
  });

  it('resets an edited template to the shipped default after confirming', async () => {
    const page = await newPage(browser);
    await loginToAdmin(page, baseUrl, admin.email, ADMIN_PASSWORD);
    await openTemplates(page);
    await openDanishReset(page);

    await page.getByRole('button', { name: 'Reset to default' }).click();
    const dialog = page.getByRole('alertdialog');
    await dialog.getByText(/The edited version of “Password reset \(da\)” is deleted/).waitFor();
    await dialog.getByRole('button', { name: 'Reset', exact: true }).click();
    await page.getByText('The template is back to the shipped default').first().waitFor();

    expect(await subjectInput(page).inputValue()).toBe(DANISH_SUBJECT);
    expect(await page.getByRole('button', { name: 'Reset to default' }).count()).toBe(0);
    expect(await storedTemplate('password-reset', 'da')).toMatchObject({
      subject: DANISH_SUBJECT,
      customized: false,
    });
    await page.context().close();
  });

  it('lets an admin without the update permission read and preview but not change templates', async () => {
    const roleId = await createAdminRole(app, ['plugin::user-communication.templates.read']);
    const reader = await createAdmin(app, { roleIds: [roleId] });
    const page = await newPage(browser);
    await loginToAdmin(page, baseUrl, reader.email, ADMIN_PASSWORD);
    await openTemplates(page);

    await previewSubject(page, 'Activate your Learning platform account').waitFor();
    expect(await subjectInput(page).isDisabled()).toBe(true);
    expect(await page.locator('textarea[name="html"]').isDisabled()).toBe(true);
    expect(await page.locator('textarea[name="text"]').isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Save' }).isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Send test e-mail' }).isDisabled()).toBe(true);
    await page.context().close();
  });
});
