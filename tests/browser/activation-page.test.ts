import path from 'node:path';
import type { Browser } from 'playwright-core';
import { authenticatedRoleId, findUser, newUserInput, type AdminSession } from '../helpers/actors';
import { activationMailTo } from '../helpers/activation';
import { newPage, startBrowserSession } from '../helpers/browser';
import { APP_ROOT } from '../helpers/database';
import type { TestApp } from '../helpers/strapi';

const CM_USERS = '/content-manager/collection-types/plugin::users-permissions.user';
const SCREENSHOT = path.join(APP_ROOT, 'docs', 'screenshots', 'activation-page.png');

// The built-in page needs no admin bundle: Strapi serves it as plain HTML.
describe('built-in activation page', () => {
  let app: TestApp;
  let admin: AdminSession;
  let browser: Browser;
  let baseUrl: string;

  beforeAll(async () => {
    ({ app, admin, browser, baseUrl } = await startBrowserSession({ serveAdmin: false }));
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  const createUser = async () => {
    const input = newUserInput('browser');
    const response = await app
      .http()
      .post(CM_USERS)
      .set('Authorization', admin.auth)
      .send({ username: input.username, email: input.email, role: await authenticatedRoleId(app) });
    expect(response.status).toBe(201);
    return input;
  };

  it('opens the e-mailed link, sets a password, and the user can then log in', async () => {
    const user = await createUser();
    const mail = await activationMailTo(app, user.email);
    const link = mail.links.find((candidate) => candidate.includes('#token=')) as string;
    expect(link.startsWith(`${baseUrl}/user-communication/activate#token=`)).toBe(true);

    const page = await newPage(browser);
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    // The page's own strict Content-Security-Policy lets everything it needs through.
    const refused: string[] = [];
    page.on('console', (message) => {
      if (/Content.Security.Policy/i.test(message.text())) refused.push(message.text());
    });
    await page.goto(link);
    await page.getByText(`Activate the account of ${user.email} by choosing a password.`).waitFor();
    // The token left the address bar and never went to the server in a URL.
    expect(page.url()).toBe(`${baseUrl}/user-communication/activate`);
    const token = new URL(link).hash.slice('#token='.length);
    expect(requests.some((url) => url.includes(token))).toBe(false);

    await page.getByLabel('New password', { exact: true }).fill('Browser-Passw0rd!');
    await page.getByLabel('Repeat the password').fill('Browser-Passw0rd!');
    await page.screenshot({ path: SCREENSHOT });
    await page.getByRole('button', { name: 'Activate my account' }).click();
    await page.getByText('Your account is active. You can now log in.').waitFor();

    const login = await app
      .http()
      .post('/api/auth/local')
      .send({ identifier: user.email, password: 'Browser-Passw0rd!' });
    expect(login.status).toBe(200);
    expect((await findUser(app, user.email)).activatedAt).not.toBeNull();
    expect(refused).toEqual([]);
    await page.close();
  });

  it('shows a clear message and offers a new link when the link has expired', async () => {
    const user = await createUser();
    const mail = await activationMailTo(app, user.email);
    const link = mail.links.find((candidate) => candidate.includes('#token=')) as string;
    app.clock.advance({ days: 15 });
    try {
      const page = await newPage(browser);
      await page.goto(link);
      await page.getByText('This activation link has expired. Ask for a new one.').waitFor();
      app.mail.clear();
      await page.getByLabel('Your e-mail address').fill(user.email);
      await page.getByRole('button', { name: 'Send me a new link' }).click();
      await page.getByText(/a new link is on its way/).waitFor();
      await activationMailTo(app, user.email);
      await page.close();
    } finally {
      app.clock.reset();
    }
  });

  it('names the broken password rule next to the field', async () => {
    const user = await createUser();
    const link = (await activationMailTo(app, user.email)).links.find((candidate) =>
      candidate.includes('#token=')
    ) as string;
    const page = await newPage(browser);
    await page.goto(link);
    await page.getByLabel('New password', { exact: true }).fill('short');
    await page.getByLabel('Repeat the password').fill('short');
    await page.getByRole('button', { name: 'Activate my account' }).click();
    await page.getByText('password must be at least 8 characters').waitFor();
    await page.close();
  });
});
