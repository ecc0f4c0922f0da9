/**
 * The Excel import end to end, on a booted app: preview (read, check, store the rows) and
 * commit (create the users in pages) of generated .xlsx files of 10,000 and 100,000 rows,
 * with rows/s and the process's peak RSS for each step; then the naive way for comparison:
 * one Document Service create per row, as a hand-written loop over users-permissions would do.
 * Targets: 100,000 rows committed on PostgreSQL in under 10 s with a peak RSS under 400 MB (the
 * scale issue); 10,000 rows committed in under 15 s (the import's own).
 *
 * Each size is imported by a fresh process that boots the app on its own database, as the
 * instance an admin uploads to would be; the sheet is written by another process before it,
 * so the writer's memory is not counted as the import's.
 *
 *   npm run bench -- import [N...]        (default: 10000 100000; DATABASE_CLIENT picks the database)
 *   BENCH_CPU_PROFILE=<dir>               a CPU profile of each commit
 *   BENCH_NODE_FLAGS="<flags>"            Node/V8 flags of the importing process (e.g. --heap-growing-percent=50)
 *   BENCH_SKIP_NAIVE=1                    leaves the naive way out
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import inspector from 'node:inspector';
import os from 'node:os';
import path from 'node:path';
import { bootStrapi, type TestApp } from '../tests/helpers/strapi';
import { writeUsersXlsx } from '../tests/helpers/spreadsheets';
import type { ImportsService } from '@server/services/imports';

const SIZES = process.argv
  .slice(3)
  .map(Number)
  .filter((n) => n > 0);
const NAIVE_ROWS = 1000;
const MB = 1048576;

/** Samples the RSS while `work` runs: its peak, and the RSS before it. */
const measure = async <T>(work: () => Promise<T>) => {
  const before = process.memoryUsage().rss;
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 10);
  const started = performance.now();
  const result = await work();
  const seconds = (performance.now() - started) / 1000;
  clearInterval(timer);
  return {
    result,
    seconds,
    before: before / MB,
    peak: Math.max(peak, process.memoryUsage().rss) / MB,
  };
};

/**
 * BENCH_CPU_PROFILE=<dir>: a V8 CPU profile of each commit alone (open it in Chrome's DevTools),
 * without the boot, the preview and the naive way around it.
 */
const profiled = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
  const dir = process.env.BENCH_CPU_PROFILE;
  if (!dir) return work();
  const session = new inspector.Session();
  session.connect();
  const post = (method: string, params?: object) =>
    new Promise<unknown>((resolve, reject) =>
      session.post(method, params, (error, result) => (error ? reject(error) : resolve(result)))
    );
  await post('Profiler.enable');
  await post('Profiler.start');
  try {
    return await work();
  } finally {
    const { profile } = (await post('Profiler.stop')) as { profile: object };
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, `${name}.cpuprofile`), JSON.stringify(profile));
    session.disconnect();
  }
};

const line = (label: string, rows: number, m: { seconds: number; before: number; peak: number }) =>
  console.log(
    `  ${label.padEnd(28)} ${m.seconds.toFixed(2).padStart(7)} s  ${Math.round(rows / m.seconds)
      .toLocaleString('en')
      .padStart(8)} rows/s` +
      `  peak RSS ${m.peak.toFixed(0).padStart(4)} MB (${m.before.toFixed(0)} MB before)`
  );

/** The sheet of `rows` users the import reads. */
const writeSheet = (file: string, rows: number) =>
  writeUsersXlsx(file, rows, {
    row: (index) => [`import${rows}-${index}@example.com`, '', index % 2 === 0 ? 'da' : 'en', 'no'],
  });

const importOnce = async (app: TestApp, file: string, rows: number) => {
  const imports = app.strapi.plugin('user-communication').service('imports') as ImportsService;
  global.gc?.();
  const preview = await measure(() =>
    imports.preview({ filePath: file, fileName: path.basename(file) })
  );
  if (preview.result.valid !== rows)
    throw new Error(`preview: ${preview.result.valid} valid of ${rows}`);
  line(`preview ${rows.toLocaleString('en')} rows`, rows, preview);
  const commit = await measure(() =>
    profiled(`commit-${rows}`, () => imports.commit(preview.result.id, { updateAny: false }))
  );
  if (commit.result.created !== rows)
    throw new Error(`commit: ${commit.result.created} created of ${rows}`);
  line(`commit ${rows.toLocaleString('en')} rows`, rows, commit);
};

const naive = async (app: TestApp) => {
  const role = await app.strapi.db
    .query('plugin::users-permissions.role')
    .findOne({ where: { type: 'authenticated' } });
  const run = await measure(async () => {
    for (let index = 0; index < NAIVE_ROWS; index += 1) {
      await app.strapi.documents('plugin::users-permissions.user').create({
        data: {
          email: `naive-${index}@example.com`,
          username: `naive-${index}`,
          provider: 'local',
          confirmed: false,
          role: role.id,
        } as never,
      });
    }
  });
  line(`naive: ${NAIVE_ROWS.toLocaleString('en')} Document Service creates`, NAIVE_ROWS, run);
  // The Document Service emits its entry events after returning; let them finish before the pool closes.
  await new Promise((resolve) => setTimeout(resolve, 2000));
};

type Step = 'write' | 'import' | 'naive';

/** BENCH_NODE_FLAGS: flags for the measured process, as a deployment would start Node with. */
const nodeFlags = () => (process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean);

/** Runs one step of the benchmark in a fresh process. */
const inChild = (step: Step, file = '', rows = 0) => {
  const flags = step === 'import' ? nodeFlags() : [];
  const child = spawnSync(process.execPath, [...flags, '--import', 'tsx', __filename, 'import'], {
    stdio: 'inherit',
    env: {
      ...process.env,
      BENCH_IMPORT_STEP: step,
      BENCH_IMPORT_FILE: file,
      BENCH_IMPORT_ROWS: String(rows),
    },
  });
  if (child.status !== 0) throw new Error(`${step} failed (exit ${child.status ?? child.signal})`);
};

/** A booted app on its own database, for one step. */
const withApp = async (work: (app: TestApp) => Promise<void>) => {
  const app = await bootStrapi({ parseMail: false });
  try {
    await work(app);
  } finally {
    await app.stop();
  }
};

const STEPS: Record<Step, (file: string, rows: number) => Promise<void>> = {
  write: writeSheet,
  import: (file, rows) =>
    withApp(async (app) => {
      app.strapi.config.set('plugin::user-communication.import.maxFileBytes', 100 * MB);
      app.strapi.config.set('plugin::user-communication.import.maxRows', rows);
      await importOnce(app, file, rows);
    }),
  naive: () => withApp(naive),
};

const main = async () => {
  const sizes = SIZES.length > 0 ? SIZES : [10_000, 100_000];
  const database = process.env.DATABASE_CLIENT ?? 'sqlite';
  console.log(`import benchmark: ${sizes.join(', ')} rows (.xlsx), database ${database}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'uc-bench-import-'));
  try {
    for (const rows of sizes) {
      const file = path.join(dir, `users-${rows}.xlsx`);
      inChild('write', file, rows);
      inChild('import', file, rows);
    }
    if (!process.env.BENCH_SKIP_NAIVE) inChild('naive');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
};

const step = process.env.BENCH_IMPORT_STEP as Step | undefined;
(step
  ? STEPS[step](process.env.BENCH_IMPORT_FILE ?? '', Number(process.env.BENCH_IMPORT_ROWS))
  : main()
).catch((error) => {
  console.error(error);
  process.exit(1);
});
