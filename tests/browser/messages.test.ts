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
import { messageRow, outbox, waitForStatus, worker } from '../helpers/outbox';
import type { TestApp } from '../helpers/strapi';

const MESSAGES_PATH = '/admin/settings/user-communication/messages';
const SCREENSHOT = path.join(APP_ROOT, 'docs', 'screenshots', 'messages.png');
const SECRET_LINK = 'https://learn.example.com/activate#token=Secr3tT0ken0123456789';

interface Seed {
  type: string;
  userId: number | null;
  recipient: string;
  subject: string;
}

describe('user communication message log page', () => {
  let app: TestApp;
  let admin: AdminSession;
  let browser: Browser;
  let baseUrl: string;
  let seeded = 0;

  const enqueue = async ({ type, userId, recipient, subject }: Seed) => {
    seeded += 1;
    const { id } = (await outbox(app).enqueue({
      type,
      userId,
      recipient,
      subject,
      text: `Hello,\n\nOpen ${SECRET_LINK} to continue.`,
      html: `<p>Hello,</p><p><a href="${SECRET_LINK}">Continue</a></p>`,
      dedupeKey: `browser-test:${seeded}:${recipient}`,
    })) as { id: number };
    return id;
  };

  /** Enqueues one message and has the worker deliver it now, optionally against a scripted SMTP refusal. */
  const deliver = async (
    seed: Seed,
    outcome: 'sent' | 'failed' | 'dead',
    refusal?: { code: number; message: string }
  ) => {
    // One message at a time, so the scripted refusal is the answer to exactly this one.
    if (refusal) app.mail.failNext(refusal);
    const id = await enqueue(seed);
    await worker(app).tick();
    await waitForStatus(app, id, outcome);
    return id;
  };

  let deadId: number;

  beforeAll(async () => {
    ({ app, admin, browser, baseUrl } = await startBrowserSession({ serveAdmin: true }));
    // Time stands still for the plugin, so the failed message's retry (15-30 s later) never
    // becomes due while the page is checked; a retried dead message is due at once.
    app.clock.set(new Date());

    deadId = await deliver(
      {
        type: 'activation',
        userId: 41,
        recipient: 'gone@example.com',
        subject: 'Activate your Learning platform account',
      },
      'dead',
      { code: 550, message: 'No such user' }
    );
    await deliver(
      {
        type: 'password-reset',
        userId: 42,
        recipient: 'ada@example.com',
        subject: 'Reset your Learning platform password',
      },
      'sent'
    );
    const captured = await deliver(
      {
        type: 'no-login-reminder',
        userId: 43,
        recipient: 'grace@example.com',
        subject: 'We miss you on Learning platform',
      },
      'sent'
    );
    // Without SMTP settings the app writes mail to .eml files; its transport answers "captured <file>".
    await app.strapi.db.query('plugin::user-communication.message').update({
      where: { id: captured },
      data: { providerResponse: 'captured 2026-01-01T06-00-00-000Z-1a2b3c4d.eml' },
    });
    await deliver(
      {
        type: 'password-changed',
        userId: 44,
        recipient: 'linus@example.com',
        subject: 'Your Learning platform password was changed',
      },
      'failed',
      { code: 451, message: 'Mailbox busy, try again later' }
    );
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  const heading = (page: Page) => page.getByRole('heading', { name: 'Message log', level: 1 });
  const rows = (page: Page) => page.locator('tbody tr');
  const row = (page: Page, recipient: string) => rows(page).filter({ hasText: recipient });

  const openLog = async (page: Page) => {
    await page.goto(`${baseUrl}${MESSAGES_PATH}`);
    await heading(page).waitFor();
    await dismissPopups(page);
  };

  it('shows each message with its status and retries a dead one from its detail', async () => {
    const page = await newPage(browser);
    await loginToAdmin(page, baseUrl, admin.email, ADMIN_PASSWORD);

    // The third link of the plugin's settings section.
    await page.goto(`${baseUrl}/admin/settings`);
    await page.locator(`a[href="${MESSAGES_PATH}"]`).click();
    await heading(page).waitFor();
    await dismissPopups(page);

    await row(page, 'gone@example.com').waitFor();
    expect(await rows(page).count()).toBe(4);
    await row(page, 'gone@example.com').getByText('Dead', { exact: true }).waitFor();
    await row(page, 'gone@example.com').getByText('550 No such user').waitFor();
    await row(page, 'ada@example.com').getByText('Sent', { exact: true }).waitFor();
    await row(page, 'grace@example.com').getByText('Captured', { exact: true }).waitFor();
    await row(page, 'linus@example.com').getByText('Failed', { exact: true }).waitFor();
    await row(page, 'linus@example.com')
      .getByText(/^Next attempt /)
      .waitFor();
    await page.getByText('4 messages').waitFor();
    await page.getByText('Page 1 of 1').waitFor();

    await page.mouse.move(0, 0);
    await page.screenshot({ path: SCREENSHOT });

    await selectOption(page, 'Status', 'Dead');
    await rows(page).filter({ hasText: 'ada@example.com' }).waitFor({ state: 'detached' });
    expect(await rows(page).count()).toBe(1);
    await page.getByText('1 message', { exact: true }).waitFor();

    await row(page, 'gone@example.com')
      .getByText('Activate your Learning platform account')
      .click();
    const modal = page.getByRole('dialog', { name: `Message ${deadId}` });
    await modal.getByText('550 No such user').first().waitFor();
    // The log shows what was sent without working links.
    const frame = modal.locator('iframe[title="HTML of the message"]');
    expect(await frame.getAttribute('sandbox')).toBe('');
    expect(
      await modal
        .frameLocator('iframe')
        .getByRole('link', { name: 'Continue' })
        .getAttribute('href')
    ).toBe('https://learn.example.com/activate#token=[hidden]');
    await modal.getByRole('tab', { name: 'Text' }).click();
    await modal
      .getByText(/Open https:\/\/learn\.example\.com\/activate#token=\[hidden\] to continue\./)
      .waitFor();
    expect(await modal.textContent()).not.toContain('Secr3tT0ken');

    await modal.getByRole('button', { name: 'Retry' }).click();
    await page.getByText(`Message ${deadId} is queued for delivery again`).first().waitFor();
    // The open detail follows the message until it is delivered.
    await modal.locator('[data-status="sent"]').waitFor({ timeout: 15000 });
    expect(await modal.getByRole('button', { name: 'Retry' }).count()).toBe(0);

    const delivered = await app.mail.waitFor((mail) => mail.to.includes('gone@example.com'));
    expect(delivered.text).toContain(SECRET_LINK);
    expect((await messageRow(app, deadId)).status).toBe('sent');
    await page.context().close();
  });

  it('filters by type and by user id', async () => {
    const page = await newPage(browser);
    await loginToAdmin(page, baseUrl, admin.email, ADMIN_PASSWORD);
    await openLog(page);
    await row(page, 'ada@example.com').waitFor();

    await page.getByRole('textbox', { name: 'User id' }).fill('42');
    await rows(page).filter({ hasText: 'grace@example.com' }).waitFor({ state: 'detached' });
    expect(await rows(page).count()).toBe(1);
    await row(page, 'ada@example.com').waitFor();

    await page.getByRole('textbox', { name: 'User id' }).fill('abc');
    await page.getByText('Enter a user id (a whole number).').waitFor();

    await page.getByRole('button', { name: 'Clear filters' }).click();
    await row(page, 'grace@example.com').waitFor();
    await selectOption(page, 'Type', 'No login reminder');
    await rows(page).filter({ hasText: 'ada@example.com' }).waitFor({ state: 'detached' });
    expect(await rows(page).count()).toBe(1);
    await row(page, 'grace@example.com').waitFor();
    await page.context().close();
  });

  it('pages through a long log', async () => {
    for (let i = 0; i < 22; i += 1) {
      await enqueue({
        type: 'test',
        userId: 77,
        recipient: `page-${i}@example.com`,
        subject: `Paging ${i}`,
      });
    }
    const page = await newPage(browser);
    await loginToAdmin(page, baseUrl, admin.email, ADMIN_PASSWORD);
    await openLog(page);

    await page.getByRole('textbox', { name: 'User id' }).fill('77');
    await page.getByText('22 messages').waitFor();
    await page.getByText('Page 1 of 2').waitFor();
    expect(await rows(page).count()).toBe(20);
    expect(await page.getByRole('button', { name: 'Previous' }).isDisabled()).toBe(true);

    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByText('Page 2 of 2').waitFor();
    await rows(page).nth(2).waitFor({ state: 'detached' });
    expect(await rows(page).count()).toBe(2);
    expect(await page.getByRole('button', { name: 'Next' }).isDisabled()).toBe(true);
    await page.context().close();
  });

  it('shows no Retry to an admin who may read the log but not retry', async () => {
    const id = await deliver(
      {
        type: 'activation',
        userId: 45,
        recipient: 'bounced@example.com',
        subject: 'Activate your Learning platform account',
      },
      'dead',
      { code: 550, message: 'Mailbox unavailable' }
    );
    const roleId = await createAdminRole(app, ['plugin::user-communication.messages.read']);
    const reader = await createAdmin(app, { roleIds: [roleId] });
    const page = await newPage(browser);
    await loginToAdmin(page, baseUrl, reader.email, ADMIN_PASSWORD);
    await openLog(page);

    await row(page, 'bounced@example.com').getByText('Dead', { exact: true }).waitFor();
    // The subject is the row's keyboard-reachable way into the detail.
    await row(page, 'bounced@example.com')
      .getByRole('button', { name: 'Activate your Learning platform account' })
      .focus();
    await page.keyboard.press('Enter');
    const modal = page.getByRole('dialog', { name: `Message ${id}` });
    await modal.getByText('550 Mailbox unavailable').first().waitFor();
    expect(await modal.getByRole('button', { name: 'Retry' }).count()).toBe(0);
    await page.context().close();
  });
});
