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
 * How MariaDB may check a transaction's writes: as the server has it, and with
 * `innodb_snapshot_isolation` (on by default from 11.6.2, off in CI's 10.11), where a locking read
 * or write of a row changed since the transaction's snapshot fails with ER_CHECKREAD. For
 * `describe.each` around tests of races; `withIsolation` puts each block's app in its way.
 */
export const ISOLATIONS =
  (process.env.DATABASE_CLIENT ?? 'sqlite') === 'mysql'
    ? (['as the server has it', 'with snapshot isolation'] as const)
    : (['as the server has it'] as const);

type Isolation = (typeof ISOLATIONS)[number];

interface SessionConnection {
  query(sql: string, callback: (error: Error | null) => void): void;
}

interface PoolClient {
  acquireConnection(): Promise<SessionConnection>;
  releaseConnection(connection: SessionConnection): Promise<unknown>;
  ucIsolation?: { wanted: 'ON' | 'DEFAULT'; set: WeakMap<SessionConnection, 'ON' | 'DEFAULT'> };
}

/**
 * Every connection the app's pool hands out from now on checks writes against its snapshot, or
 * stops doing so: `SET SESSION innodb_snapshot_isolation` on a connection before its next use,
 * so the server's global setting (which other test files share) stays as it is; `DEFAULT` gives
 * a connection the global value back.
 */
export const useIsolation = (
  strapi: { db: { connection: { client: unknown } } },
  isolation: Isolation
): void => {
  const client = strapi.db.connection.client as PoolClient;
  if (!client.ucIsolation) {
    const state: NonNullable<PoolClient['ucIsolation']> = { wanted: 'DEFAULT', set: new WeakMap() };
    const acquire = client.acquireConnection.bind(client);
    client.acquireConnection = async () => {
      const connection = await acquire();
      if ((state.set.get(connection) ?? 'DEFAULT') !== state.wanted) {
        try {
          await new Promise<void>((resolve, reject) => {
            connection.query(`SET SESSION innodb_snapshot_isolation = ${state.wanted}`, (error) =>
              error ? reject(error) : resolve()
            );
          });
        } catch (error) {
          // MySQL, and MariaDB before 10.6.18 / 10.11.8, have no such variable: the connection
          // goes back to the pool and the test fails with the server's error.
          await client.releaseConnection(connection);
          throw error;
        }
        state.set.set(connection, state.wanted);
      }
      return connection;
    };
    client.ucIsolation = state;
  }
  client.ucIsolation.wanted = isolation === 'with snapshot isolation' ? 'ON' : 'DEFAULT';
};

/**
 * For a `describe.each(ISOLATIONS)` block: its tests run with the app in `isolation`, the tests
 * after it as the server has it.
 */
export const inIsolation = (
  app: () => {
    strapi: Parameters<typeof useIsolation>[0] & Parameters<typeof snapshotIsolation>[0];
  },
  isolation: Isolation
): void => {
  beforeAll(async () => {
    useIsolation(app().strapi, isolation);
    if (isolation === 'with snapshot isolation')
      expect(await snapshotIsolation(app().strapi)).toBe(true);
  });
  afterAll(() => useIsolation(app().strapi, 'as the server has it'));
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
