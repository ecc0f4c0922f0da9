import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const APP_ROOT = path.resolve(__dirname, '..', '..');

export type DatabaseClient = 'sqlite' | 'postgres' | 'mysql';

export interface TestDatabase {
  client: DatabaseClient;
  /** Environment variables that point config/database.ts at this database. */
  env: Record<string, string>;
  drop(): Promise<void>;
}

const uniqueName = () =>
  `uc_test_${process.env.JEST_WORKER_ID ?? '0'}_${crypto.randomBytes(5).toString('hex')}`;

const createSqlite = async (): Promise<TestDatabase> => {
  const filename = path.join(APP_ROOT, '.tmp', 'test', `${uniqueName()}.db`);
  fs.mkdirSync(path.dirname(filename), { recursive: true });
  return {
    client: 'sqlite',
    env: { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: filename },
    async drop() {
      for (const suffix of ['', '-wal', '-shm', '-journal'])
        fs.rmSync(`${filename}${suffix}`, { force: true });
    },
  };
};

const createPostgres = async (): Promise<TestDatabase> => {
  const { Client } = require('pg') as typeof import('pg');
  const name = uniqueName();
  const connection = {
    host: process.env.DATABASE_HOST ?? '127.0.0.1',
    port: Number(process.env.DATABASE_PORT ?? 5432),
    user: process.env.DATABASE_USERNAME ?? 'postgres',
    password: process.env.DATABASE_PASSWORD ?? '',
  };
  const admin = new Client({ ...connection, database: 'postgres' });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  return {
    client: 'postgres',
    env: {
      DATABASE_CLIENT: 'postgres',
      DATABASE_HOST: connection.host,
      DATABASE_PORT: String(connection.port),
      DATABASE_USERNAME: connection.user,
      DATABASE_PASSWORD: connection.password,
      DATABASE_NAME: name,
    },
    async drop() {
      const client = new Client({ ...connection, database: 'postgres' });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
};

const createMysql = async (): Promise<TestDatabase> => {
  const mysql = require('mysql2/promise') as typeof import('mysql2/promise');
  const name = uniqueName();
  const connection = {
    host: process.env.DATABASE_HOST ?? '127.0.0.1',
    port: Number(process.env.DATABASE_PORT ?? 3306),
    user: process.env.DATABASE_USERNAME ?? 'root',
    password: process.env.DATABASE_PASSWORD ?? '',
  };
  const admin = await mysql.createConnection(connection);
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  return {
    client: 'mysql',
    env: {
      DATABASE_CLIENT: 'mysql',
      DATABASE_HOST: connection.host,
      DATABASE_PORT: String(connection.port),
      DATABASE_USERNAME: connection.user,
      DATABASE_PASSWORD: connection.password,
      DATABASE_NAME: name,
    },
    async drop() {
      const client = await mysql.createConnection(connection);
      await client.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await client.end();
    },
  };
};

/** A throwaway database for one test file, on the server DATABASE_CLIENT names (SQLite by default). */
export const createTestDatabase = (): Promise<TestDatabase> => {
  const client = (process.env.DATABASE_CLIENT ?? 'sqlite') as DatabaseClient;
  switch (client) {
    case 'postgres':
      return createPostgres();
    case 'mysql':
      return createMysql();
    case 'sqlite':
      return createSqlite();
    default:
      throw new Error(
        `Unsupported DATABASE_CLIENT "${client as string}" (use sqlite, postgres or mysql)`
      );
  }
};

/**
 * How rows are written in bulk: as one JSON parameter, and on MySQL also as a list of values,
 * the way of MariaDB before 10.6 (which has no JSON_TABLE). For `it.each`.
 */
export const BULK_WRITES =
  (process.env.DATABASE_CLIENT ?? 'sqlite') === 'mysql'
    ? (['as JSON', 'as a list of values'] as const)
    : (['as JSON'] as const);

/**
 * Runs `work` with the app's bulk writes done `way`: for a list of values, the app takes its
 * server for MariaDB 10.5 (what Strapi's dialect read at connect) while `work` runs.
 */
export const writingInBulk = async <T>(
  strapi: { db: { dialect: unknown } },
  way: (typeof BULK_WRITES)[number],
  work: () => Promise<T>
): Promise<T> => {
  const info = (strapi.db.dialect as { info?: { database: string | null; version: string | null } })
    .info;
  const was = info ? { ...info } : null;
  if (info && way !== 'as JSON') Object.assign(info, { database: 'MARIADB', version: '10.5.27' });
  try {
    return await work();
  } finally {
    if (info && was) Object.assign(info, was);
  }
};

/**
 * Whether MariaDB checks writes against the transaction's snapshot (`innodb_snapshot_isolation`,
 * on by default from 11.6.2), where the reminder run writes its pages one after another.
 */
export const snapshotIsolation = async (strapi: {
  db: { dialect: { client: string }; connection: { raw(sql: string): Promise<unknown> } };
}): Promise<boolean> => {
  if (strapi.db.dialect.client !== 'mysql') return false;
  try {
    const [rows] = (await strapi.db.connection.raw(
      'select @@innodb_snapshot_isolation as checked'
    )) as [Array<{ checked: unknown }>];
    return Number(rows[0]?.checked) === 1;
  } catch {
    return false;
  }
};
