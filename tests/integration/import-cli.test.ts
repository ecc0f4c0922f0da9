import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { knex } from 'knex';
import { APP_ROOT, createTestDatabase, type TestDatabase } from '../helpers/database';

/** The audit rows the CLI wrote, read over a plain connection (the CLI's Strapi has exited). */
const auditRows = async (database: TestDatabase) => {
  const env = database.env;
  const connection =
    database.client === 'sqlite'
      ? { client: 'better-sqlite3', connection: { filename: env.DATABASE_FILENAME } }
      : {
          client: database.client === 'postgres' ? 'pg' : 'mysql2',
          connection: {
            host: env.DATABASE_HOST,
            port: Number(env.DATABASE_PORT),
            user: env.DATABASE_USERNAME,
            password: env.DATABASE_PASSWORD,
            database: env.DATABASE_NAME,
          },
        };
  const db = knex({ ...connection, useNullAsDefault: true });
  try {
    const rows = await db('uc_audit_events').select('action', 'actor_id', 'details');
    return rows.map((row: { action: string; actor_id: number | null; details: unknown }) => ({
      ...row,
      details: typeof row.details === 'string' ? JSON.parse(row.details) : row.details,
    }));
  } finally {
    await db.destroy();
  }
};

// The operators' CLI runs the same import service as the admin page, in its own process.
describe('npm run users:import', () => {
  let database: TestDatabase;
  let dir: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'uc-cli-'));
  });

  afterAll(async () => {
    await database?.drop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const run = (...args: string[]) =>
    spawnSync(
      process.execPath,
      [path.join(APP_ROOT, 'dist', 'src', 'cli', 'import-users.js'), ...args],
      {
        cwd: APP_ROOT,
        encoding: 'utf8',
        env: {
          ...process.env,
          ...database.env,
          NODE_ENV: 'test',
          UC_FIXED_TEST_SECRETS: 'true',
          LOG_LEVEL: 'error',
          SMTP_HOST: '',
          UC_CRON_ENABLED: 'false',
        },
        timeout: 120_000,
      }
    );

  it('checks (dry run), imports, then skips the same users on a second run, writing the report each time', async () => {
    const file = path.join(dir, 'staff.csv');
    fs.writeFileSync(
      file,
      'email,username,locale\ncli-a@example.com,,da\ncli-b@example.com,cli-bee,en\nnot-an-address,,\n'
    );
    const reportFile = path.join(dir, 'staff.report.csv');

    const dry = run(file, '--dry-run');
    expect(dry.status).toBe(0);
    expect(dry.stdout).toContain('3 rows, 2 valid, 1 with errors');
    expect(dry.stdout).toContain('row 4: Invalid e-mail address "not-an-address"');
    expect(dry.stdout).toContain('dry run: nothing was written');
    expect(fs.readFileSync(reportFile, 'utf8')).toContain('2,cli-a@example.com,to create,');

    const real = run(file);
    expect(real.status).toBe(0);
    expect(real.stdout).toContain('created 2, updated 0, skipped 0, failed 0');
    expect(real.stderr).toContain('100% (2/2)');
    expect(fs.readFileSync(reportFile, 'utf8')).toContain('3,cli-b@example.com,created,');

    const again = run(file, '--update-existing');
    expect(again.stdout).toContain('created 0, updated 2, skipped 0, failed 0');

    // Each commit is in the audit trail, naming the operating-system account that ran it.
    const operator = `${os.userInfo().username}@${os.hostname()}`;
    expect(await auditRows(database)).toEqual([
      expect.objectContaining({
        action: 'imports.commit',
        actor_id: null,
        details: expect.objectContaining({ created: 2, updated: 0, commandLine: { operator } }),
      }),
      expect.objectContaining({
        action: 'imports.commit',
        details: expect.objectContaining({ created: 0, updated: 2, commandLine: { operator } }),
      }),
    ]);
  }, 300_000);

  it('explains a refused file and unknown options', () => {
    const empty = path.join(dir, 'empty.csv');
    fs.writeFileSync(empty, '');
    const refused = run(empty);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/The file was refused: .*empty/i);
    const usage = run(empty, '--force');
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('Unknown option(s): --force');
  }, 120_000);
});
