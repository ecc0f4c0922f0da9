import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bootStrapi, type TestApp } from '../helpers/strapi';

const send = (app: TestApp, to: string) =>
  app.strapi
    .plugin('email')
    .service('email')
    .send({
      to,
      subject: `Hello ${to}`,
      text: 'Plain body https://example.com/x',
      html: '<p>HTML body</p>',
    });

describe('e-mail transport of the reference app', () => {
  describe('with SMTP_HOST set', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await bootStrapi();
    });
    afterAll(async () => {
      await app?.stop();
    });

    it('delivers through the nodemailer provider to a real SMTP server', async () => {
      expect(app.strapi.config.get('plugin::email.provider')).toBe('nodemailer');
      await send(app, 'learner@example.com');
      const mail = await app.mail.waitFor((m) => m.to.includes('learner@example.com'));
      expect(mail).toMatchObject({
        subject: 'Hello learner@example.com',
        from: 'no-reply@example.com',
      });
      expect(mail.text).toContain('Plain body');
      expect(mail.html).toContain('<p>HTML body</p>');
      expect(mail.links).toContain('https://example.com/x');
    });

    it('uses a pooled transport', () => {
      expect(app.strapi.config.get('plugin::email.providerOptions')).toMatchObject({ pool: true });
    });
  });

  describe('without SMTP_HOST (fresh machine)', () => {
    let app: TestApp;
    let captureDir: string;
    beforeAll(async () => {
      captureDir = fs.mkdtempSync(path.join(os.tmpdir(), 'uc-mail-'));
      app = await bootStrapi({ env: { SMTP_HOST: '', MAIL_CAPTURE_DIR: captureDir } });
    });
    afterAll(async () => {
      await app?.stop();
      fs.rmSync(captureDir, { recursive: true, force: true });
    });

    it('captures every message as an .eml file instead of losing it', async () => {
      await send(app, 'offline@example.com');
      const files = fs.readdirSync(captureDir).filter((name) => name.endsWith('.eml'));
      expect(files).toHaveLength(1);
      const eml = fs.readFileSync(path.join(captureDir, files[0]), 'utf8');
      expect(eml).toMatch(/^To: offline@example\.com/m);
      expect(eml).toMatch(/^Subject: Hello offline@example\.com/m);
      expect(app.mail.messages).toHaveLength(0);
    });
  });
});
