import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createAdmin, type AdminSession } from './actors';
import { APP_ROOT } from './database';
import { bootStrapi, type TestApp } from './strapi';

/** A TCP port nobody listens on right now (the OS picks it; we release it for Strapi to take). */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });

/** Browser tests drive the bundled admin panel; Strapi serves it from dist/build. */
export const assertAdminBuilt = (): void => {
  const index = path.join(APP_ROOT, 'dist', 'build', 'index.html');
  if (!fs.existsSync(index)) {
    throw new Error(
      `The admin panel is not built (${index} is missing). Run \`npm run build\` before the browser tests.`
    );
  }
};

export const launchBrowser = (): Promise<Browser> => {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!fs.existsSync(executablePath)) {
    throw new Error(
      `Chromium not found at ${executablePath}. Install it (apt-get install -y chromium) or set CHROMIUM_PATH.`
    );
  }
  return chromium.launch({
    executablePath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
};

export const VIEWPORT = { width: 1280, height: 900 };

/** A fresh page (own cookies and storage) with the viewport used for the README screenshots. */
export const newPage = async (browser: Browser): Promise<Page> => {
  const context = await browser.newContext({ viewport: VIEWPORT, locale: 'en-US' });
  // The guided tour is opt-out per browser; mark it off before the admin reads its state.
  await context.addInitScript(() => {
    window.localStorage.setItem('STRAPI_GUIDED_TOUR', JSON.stringify({ enabled: false }));
  });
  return context.newPage();
};

/** Closes onboarding popups (guided tour dialogs, the "new Media Library" banner) if the admin shows any. */
export const dismissPopups = async (page: Page): Promise<void> => {
  for (const name of [/^skip/i, /^close/i, /^got it/i, /^maybe later/i]) {
    const button = page.getByRole('dialog').getByRole('button', { name }).first();
    if (await button.isVisible().catch(() => false)) await button.click();
  }
  // 5.54 shows this banner on every page until it is closed once per browser profile.
  const banner = page.getByText('Introducing the new Media Library');
  if (await banner.isVisible().catch(() => false)) {
    await page.getByRole('button', { name: /^Close the banner/ }).click({ timeout: 5000 });
    await banner.waitFor({ state: 'hidden', timeout: 5000 });
  }
};

/** Logs in through the admin login form and waits until the admin has left the login screen. */
export const loginToAdmin = async (
  page: Page,
  baseUrl: string,
  email: string,
  password: string
): Promise<void> => {
  await page.goto(`${baseUrl}/admin/auth/login`);
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(password);
  await page.getByRole('button', { name: 'Login' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/admin/auth/'), { timeout: 30000 });
  await dismissPopups(page);
};

/** Picks an option of a design-system SingleSelect, found by its field label. */
export const selectOption = async (
  page: Page,
  label: string,
  option: string | RegExp
): Promise<void> => {
  await page.getByRole('combobox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option, exact: typeof option === 'string' }).click();
};

export interface BrowserSession {
  app: TestApp;
  admin: AdminSession;
  browser: Browser;
  baseUrl: string;
}

/**
 * What every browser test starts from: the app listening on a free port (serving the
 * built admin panel unless only public pages are tested), a super admin, and Chromium.
 */
export const startBrowserSession = async (options: {
  serveAdmin: boolean;
  /** Extra environment for the app (e.g. an identity provider's). */
  env?: Record<string, string>;
}): Promise<BrowserSession> => {
  if (options.serveAdmin) assertAdminBuilt();
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const app = await bootStrapi({
    listen: true,
    serveAdmin: options.serveAdmin,
    env: { ...options.env, PORT: String(port), PUBLIC_URL: baseUrl },
  });
  const admin = await createAdmin(app);
  const browser = await launchBrowser();
  return { app, admin, browser, baseUrl };
};
