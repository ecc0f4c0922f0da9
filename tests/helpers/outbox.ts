import crypto from 'node:crypto';
import type { TestApp } from './strapi';

const MESSAGE_UID = 'plugin::user-communication.message';

export const outbox = (app: TestApp) => app.strapi.plugin('user-communication').service('outbox');
export const worker = (app: TestApp) =>
  app.strapi.plugin('user-communication').service('delivery-worker');

export const enqueueTest = (app: TestApp, overrides: Record<string, unknown> = {}) =>
  outbox(app).enqueue({
    type: 'test',
    recipient: `${crypto.randomBytes(4).toString('hex')}@example.com`,
    subject: 'Outbox test',
    text: 'Hello from the outbox',
    html: '<p>Hello from the outbox</p>',
    dedupeKey: `test:${crypto.randomUUID()}`,
    ...overrides,
  }) as Promise<{ id: number; status: string }>;

/**
 * Lets the work a request left behind finish: detached lookups (renewals, reset requests) and
 * the delivery of what they queued. Waits for the work itself, never for a fixed time.
 */
export const settle = async (app: TestApp) => {
  await app.strapi.plugin('user-communication').service('detached-work').idle();
  await worker(app).tick();
};

export const messageRow = (app: TestApp, id: number) =>
  app.strapi.db.query(MESSAGE_UID).findOne({ where: { id } });

export const messageCount = (app: TestApp, where: Record<string, unknown> = {}) =>
  app.strapi.db.query(MESSAGE_UID).count({ where });

/** Polls the outbox row until it reaches `status` (the worker also runs on its own timer). */
export const waitForStatus = async (
  app: TestApp,
  id: number,
  status: string,
  timeoutMs = 10000
) => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const row = await messageRow(app, id);
    if (row?.status === status) return row;
    if (Date.now() > deadline)
      throw new Error(`message ${id} is ${row?.status}, expected ${status}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};
