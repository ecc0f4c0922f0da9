import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bootStrapi, type TestApp } from '../helpers/strapi';
import { createAdmin, createAdminRole, type AdminSession } from '../helpers/actors';
import { enqueueTest, waitForStatus, worker } from '../helpers/outbox';

const SECRET_LINK =
  'https://learn.example.com/activate#token=AbCdEf0123456789AbCdEf0123456789AbCdEf01234';

describe('message log', () => {
  let app: TestApp;
  let admin: AdminSession;

  beforeAll(async () => {
    app = await bootStrapi();
    admin = await createAdmin(app);
  });

  afterAll(async () => {
    await app?.stop();
  });

  const api = (method: 'get' | 'post', url: string, session = admin) =>
    app.http()[method](`/user-communication${url}`).set('Authorization', session.auth);

  it('lists messages newest first with pagination and total, filtered by user, type, status and date', async () => {
    app.clock.set('2026-03-01T10:00:00Z');
    const first = await enqueueTest(app, {
      type: 'activation',
      userId: 7,
      recipient: 'seven@example.com',
    });
    app.clock.set('2026-03-02T10:00:00Z');
    await enqueueTest(app, {
      type: 'no-login-reminder',
      userId: 8,
      recipient: 'eight@example.com',
    });
    app.clock.reset();
    await worker(app).tick();
    await waitForStatus(app, first.id, 'sent');

    const all = await api('get', '/messages?pageSize=1');
    expect(all.status).toBe(200);
    expect(all.body.pagination).toMatchObject({ page: 1, pageSize: 1, total: 2, pageCount: 2 });
    expect(all.body.results).toHaveLength(1);

    const byUser = await api('get', '/messages?user=7');
    expect(byUser.body.results.map((m: { recipient: string }) => m.recipient)).toEqual([
      'seven@example.com',
    ]);
    expect(byUser.body.results[0]).toMatchObject({
      type: 'activation',
      status: 'sent',
      attempts: 1,
      captured: false,
    });

    expect((await api('get', '/messages?type=no-login-reminder')).body.pagination.total).toBe(1);
    expect((await api('get', '/messages?status=sent')).body.pagination.total).toBe(2);
    expect(
      (await api('get', '/messages?from=2026-03-02T00:00:00Z&to=2026-03-03T00:00:00Z')).body
        .results[0].recipient
    ).toBe('eight@example.com');
  });

  it('never returns secrets: bodies only in the detail view, with link tokens masked', async () => {
    const { id } = await enqueueTest(app, {
      recipient: 'secret@example.com',
      text: `Activate: ${SECRET_LINK}`,
      html: `<a href="${SECRET_LINK}">go</a>`,
    });
    await worker(app).tick();
    await waitForStatus(app, id, 'sent');

    const list = await api('get', '/messages');
    expect(JSON.stringify(list.body)).not.toContain('AbCdEf0123456789');
    expect(JSON.stringify(list.body)).not.toMatch(/dedupeKey|claimToken|"html"|"text"/);

    const detail = await api('get', `/messages/${id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.text).toBe('Activate: https://learn.example.com/activate#token=[hidden]');
    expect(detail.body.html).toContain('#token=[hidden]');
    expect(JSON.stringify(detail.body)).not.toContain('AbCdEf0123456789');
    // The delivered e-mail itself carries the real link.
    expect((await app.mail.waitFor((m) => m.to.includes('secret@example.com'))).text).toContain(
      SECRET_LINK
    );
  });

  it('rejects unknown or malformed filters with a 400 naming them', async () => {
    for (const [query, named] of [
      ['filters[dedupeKey][$eq]=x', 'filters'],
      ['sort=dedupeKey', 'sort'],
      ['populate=*', 'populate'],
      ['status=lost', 'status'],
      ['pageSize=1000', 'pageSize'],
      ['from=yesterday', 'from'],
    ] as const) {
      const response = await api('get', `/messages?${query}`);
      expect(response.status).toBe(400);
      expect(response.body.error.message).toContain(named);
    }
    expect((await api('get', '/messages/abc')).status).toBe(400);
    expect((await api('get', '/messages/999999')).status).toBe(404);
  });

  it('retries a dead message and refuses to retry one that is not dead', async () => {
    app.mail.failNext({ code: 550, message: 'Mailbox unavailable' });
    const { id } = await enqueueTest(app, { recipient: 'bounced@example.com' });
    await worker(app).tick();
    await waitForStatus(app, id, 'dead');

    const retried = await api('post', `/messages/${id}/retry`);
    expect(retried.status).toBe(202);
    expect(retried.body).toMatchObject({ id, status: 'queued', attempts: 0 });
    await worker(app).tick();
    await waitForStatus(app, id, 'sent');
    expect(app.mail.to('bounced@example.com')).toHaveLength(1);

    const again = await api('post', `/messages/${id}/retry`);
    expect(again.status).toBe(400);
    expect(again.body.error.message).toContain('Only a dead message');
  });

  it('requires the message log permissions', async () => {
    const nobody = await createAdmin(app, { roleIds: [await createAdminRole(app)] });
    expect((await api('get', '/messages', nobody)).status).toBe(403);
    const reader = await createAdmin(app, {
      roleIds: [await createAdminRole(app, ['plugin::user-communication.messages.read'])],
    });
    expect((await api('get', '/messages', reader)).status).toBe(200);
    expect((await api('post', '/messages/1/retry', reader)).status).toBe(403);
  });
});

describe('message log with local capture (no SMTP_HOST)', () => {
  let app: TestApp;
  let captureDir: string;

  beforeAll(async () => {
    captureDir = fs.mkdtempSync(path.join(os.tmpdir(), 'uc-capture-'));
    app = await bootStrapi({ env: { SMTP_HOST: '', MAIL_CAPTURE_DIR: captureDir } });
  });

  afterAll(async () => {
    await app?.stop();
    fs.rmSync(captureDir, { recursive: true, force: true });
  });

  it('delivers to .eml files and logs the message as sent and captured', async () => {
    const admin = await createAdmin(app);
    const { id } = await enqueueTest(app, { recipient: 'dev@example.com' });
    await worker(app).tick();
    await waitForStatus(app, id, 'sent');
    const detail = await app
      .http()
      .get(`/user-communication/messages/${id}`)
      .set('Authorization', admin.auth);
    expect(detail.body).toMatchObject({ status: 'sent', captured: true });
    expect(fs.readdirSync(captureDir).filter((name) => name.endsWith('.eml'))).toHaveLength(1);
  });
});
