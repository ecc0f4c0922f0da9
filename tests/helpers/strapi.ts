import path from 'node:path';
import type { Core } from '@strapi/strapi';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { APP_ROOT, createTestDatabase, type TestDatabase } from './database';
import { MailSink } from './smtp';
import type { Clock } from '@server/services/clock';

export interface TestApp {
  strapi: Core.Strapi;
  http: () => TestAgent;
  mail: MailSink;
  clock: Clock;
  database: TestDatabase;
  /** Destroys Strapi, stops the SMTP server and drops the test database (unless kept for a restart). */
  stop(options?: { keepDatabase?: boolean }): Promise<void>;
}

export interface BootOptions {
  /** Extra environment for this boot (e.g. PUBLIC_URL). */
  env?: Record<string, string>;
  /** Listen on a TCP port (browser tests); otherwise routes are only mounted for supertest. */
  listen?: boolean;
  serveAdmin?: boolean;
  /** Parse received mail (default); benchmarks turn it off so MIME parsing does not dominate. */
  parseMail?: boolean;
  /** Boot on the database an earlier app left (`stop({ keepDatabase: true })`): a restart. */
  database?: TestDatabase;
}

const BASE_ENV: Record<string, string> = {
  NODE_ENV: 'test',
  // Fixed secrets: NODE_ENV=test alone does not give them (src/utils/secrets.ts).
  UC_FIXED_TEST_SECRETS: 'true',
  LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'error',
  UP_RATELIMIT_ENABLED: 'false',
  HOST: '127.0.0.1',
  PORT: '0',
  PUBLIC_URL: 'http://localhost:1337',
  PLATFORM_URL: 'https://learn.example.com',
  MAIL_FROM: 'Learning platform <no-reply@example.com>',
  STRAPI_TELEMETRY_DISABLED: 'true',
  BROWSER: 'false',
};

interface PoolCounts {
  numUsed(): number;
  numPendingAcquires(): number;
  numPendingCreates(): number;
}

/**
 * The document service announces each write after its commit without awaiting it
 * (@strapi/core document-service/events.js): a test's last write can still be reading the entry
 * back when `stop()` runs. An acquire that lands while knex destroys its pool is dropped
 * unanswered, times out 60 s later and crashes the finished test run. So stop waits until no
 * connection has been in use for a few ticks in a row.
 */
const untilPoolQuiet = async (strapi: Core.Strapi): Promise<void> => {
  const pool = (strapi.db.connection.client as { pool?: PoolCounts }).pool;
  if (!pool) return;
  const busy = () => pool.numUsed() + pool.numPendingAcquires() + pool.numPendingCreates() > 0;
  const deadline = Date.now() + 5_000;
  let quietTicks = 0;
  while (quietTicks < 3 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    quietTicks = busy() ? 0 : quietTicks + 1;
  }
};

/**
 * Boots a real Strapi from dist/ (compiled by `pretest`) on its own throwaway database,
 * with the nodemailer provider pointed at a real SMTP server on loopback.
 */
export const bootStrapi = async (options: BootOptions = {}): Promise<TestApp> => {
  const mail = new MailSink({ parse: options.parseMail ?? true });
  const smtpPort = await mail.start();
  const database = options.database ?? (await createTestDatabase());

  Object.assign(process.env, BASE_ENV, database.env, {
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(smtpPort),
    SMTP_IGNORE_TLS: 'true',
    SERVE_ADMIN: options.serveAdmin ? 'true' : 'false',
    ...options.env,
  });

  // Required lazily, after the environment is set: @strapi/strapi reads it at import time in
  // places. require, not import(): the CommonJS build, also when run by tsx (benchmarks).
  const { createStrapi } = require('@strapi/strapi') as typeof import('@strapi/strapi');
  const strapi = await createStrapi({
    appDir: APP_ROOT,
    distDir: path.join(APP_ROOT, 'dist'),
  }).load();
  if (options.listen) {
    await strapi.listen();
  } else {
    strapi.server.mount();
  }

  const clock = strapi.plugin('user-communication').service('clock') as Clock;

  return {
    strapi,
    http: () => request(strapi.server.httpServer),
    mail,
    clock,
    database,
    async stop({ keepDatabase = false } = {}) {
      await untilPoolQuiet(strapi);
      await strapi.destroy();
      await mail.stop();
      if (!keepDatabase) await database.drop();
    },
  };
};
