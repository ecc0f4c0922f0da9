/**
 * The daily no-login reminder run over a large user base: N users (default 1,000,000)
 * bulk-inserted, half of them due. Measures a full evaluation-and-enqueue run (time; the
 * live heap after a full collection, before and after; and the memory it adds to an idle instance: in a fresh process that boots Strapi on the seeded
 * database, as a real instance would run it, not in the one that seeded a million rows) and the
 * naive way: Document Service findMany of every user, filtered in JavaScript (evaluation only,
 * in a child process with a 1 GB heap so that running out of memory is reported instead of
 * killing the benchmark).
 *
 *   npm run bench -- reminder [N]        (DATABASE_CLIENT picks the database)
 *   BENCH_NODE_FLAGS="<flags>"           Node/V8 flags of the measured run's process (e.g. --heap-growing-percent=50)
 *   BENCH_HEAP_SAMPLE=<name>.heapprofile what reached the old generation during the run, by allocating function
 *                                        (old-generation.ts; sampling slows the run: its figures are not comparable)
 */
import { fork } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';
import { bootStrapi, type TestApp } from '../tests/helpers/strapi';
import { sampleOldGeneration } from './old-generation';
import type { RemindersService } from '@server/services/reminders';

const N = Number(process.argv[3] ?? process.env.BENCH_N ?? 1_000_000);
const NOW = Date.parse('2026-10-01T06:00:00Z');
const DAY = 86_400_000;
/** Five minutes per million users: room for a run several times slower than the last measured. */
const CHILD_TIMEOUT_MS = Math.max(300_000, (N / 1_000_000) * 300_000);

const seed = async (app: TestApp) => {
  const knex = app.strapi.db.connection;
  // SQLite takes at most 500 rows per multi-row INSERT (compound SELECT limit).
  const batch = app.strapi.db.dialect.client === 'sqlite' ? 400 : 2000;
  const role = await app.strapi.db
    .query('plugin::users-permissions.role')
    .findOne({ where: { type: 'authenticated' } });
  const started = performance.now();
  for (let offset = 0; offset < N; offset += batch) {
    const rows = [];
    for (let i = offset; i < Math.min(N, offset + batch); i += 1) {
      const due = i % 2 === 0;
      rows.push({
        document_id: crypto.randomBytes(12).toString('hex'),
        username: `bench${i}`,
        email: `bench${i}@example.com`,
        provider: 'local',
        confirmed: true,
        blocked: false,
        origin: 'excel',
        created_at: new Date(NOW - 400 * DAY),
        updated_at: new Date(NOW - 400 * DAY),
        published_at: new Date(NOW - 400 * DAY),
        activated_at: new Date(NOW - 400 * DAY),
        last_login_at: new Date(NOW - (due ? 40 : 5) * DAY - (i % 1000) * 1000),
      });
    }
    await knex('up_users').insert(rows);
  }
  await knex.raw(app.strapi.db.dialect.client === 'mysql' ? 'ANALYZE TABLE up_users' : 'ANALYZE');
  void role;
  return performance.now() - started;
};

const measure = async <T>(fn: () => Promise<T>) => {
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const started = performance.now();
  const result = await fn();
  const elapsed = performance.now() - started;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  return { result, elapsed, peakMb: peak / 1048576 };
};

type ChildMode = 'naive' | 'run';

/** A measurement in a fresh process on the seeded database: its one-line answer, or why none. */
const inChild = (mode: ChildMode, env: Record<string, string>) =>
  new Promise<string>((resolve) => {
    const heap =
      mode === 'naive'
        ? ['--max-old-space-size=1024']
        : ['--expose-gc', ...(process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean)];
    // BENCH_CPU_PROFILE=<dir>: a V8 CPU profile of the measured run (open it in Chrome's DevTools).
    const profile =
      mode === 'run' && process.env.BENCH_CPU_PROFILE
        ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROFILE}`]
        : [];
    const child = fork(__filename, [mode], {
      execArgv: ['--import', 'tsx', ...heap, ...profile],
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    let answer = '';
    let errors = '';
    child.stderr?.on(
      'data',
      (chunk: Buffer) => (errors = `${errors}${chunk.toString()}`.slice(-2000))
    );
    const timeout = setTimeout(() => child.kill('SIGKILL'), CHILD_TIMEOUT_MS);
    child.on('message', (message) => {
      // What reached the old generation (BENCH_HEAP_SAMPLE) comes on its own, before the answer.
      if (typeof message === 'object' && message !== null && 'oldGeneration' in message) {
        console.log(String(message.oldGeneration));
      } else answer = String(message);
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timeout);
      if (answer) resolve(answer);
      else if (signal === 'SIGKILL') resolve(`gave up after ${CHILD_TIMEOUT_MS / 1000} s`);
      else if (mode === 'naive')
        resolve(`crashed (exit ${code ?? signal}: out of memory with a 1 GB heap)`);
      else resolve(`crashed (exit ${code ?? signal}): ${errors.trim()}`);
    });
  });

const loadStrapi = async () => {
  const { createStrapi } = require('@strapi/strapi') as typeof import('@strapi/strapi');
  const appDir = path.resolve(__dirname, '..');
  return createStrapi({ appDir, distDir: path.join(appDir, 'dist') }).load();
};

/** Child process: the plugin's run, in an instance that only booted (as the morning cron finds it). */
const freshRun = async () => {
  const strapi = await loadStrapi();
  const plugin = strapi.plugin('user-communication');
  await plugin.service('delivery-worker').stop();
  plugin.service('clock').set(new Date(NOW).toISOString());
  const idleMb = process.memoryUsage().rss / 1048576;
  // The live heap (after a full collection) before and after: what the run keeps, as against
  // the garbage V8 lets pile up between collections, which the peak RSS includes.
  const liveHeapMb = () => {
    (global as { gc?: () => void }).gc?.();
    return process.memoryUsage().heapUsed / 1048576;
  };
  const liveBefore = liveHeapMb();
  const sampled = process.env.BENCH_HEAP_SAMPLE
    ? await sampleOldGeneration(process.env.BENCH_HEAP_SAMPLE)
    : null;
  const { elapsed, peakMb } = await measure(() => plugin.service('reminders').run('manual'));
  if (sampled) process.send?.({ oldGeneration: await sampled() });
  const liveAfter = liveHeapMb();
  process.send?.(
    `${(elapsed / 1000).toFixed(1)} s, peak RSS ${peakMb.toFixed(0)} MB: +${(peakMb - idleMb).toFixed(0)} MB over the idle instance (${idleMb.toFixed(0)} MB); live heap ${liveBefore.toFixed(0)} MB before, ${liveAfter.toFixed(0)} MB after`
  );
  await strapi.destroy();
  process.exit(0);
};

/** Child process: the naive evaluation on the database the parent seeded. */
const naive = async () => {
  const strapi = await loadStrapi();
  const { elapsed, peakMb, result } = await measure(async () => {
    const users = (await strapi
      .documents('plugin::users-permissions.user')
      .findMany({ limit: Number.MAX_SAFE_INTEGER })) as Array<Record<string, unknown>>;
    const cutoff = NOW - 30 * DAY;
    const due = users.filter((user) => {
      if (user.blocked || !user.email) return false;
      const anchor = Date.parse(String(user.lastLoginAt ?? user.createdAt));
      const reminded = user.lastRemindedAt ? Date.parse(String(user.lastRemindedAt)) : 0;
      return anchor <= cutoff && reminded <= cutoff;
    });
    return { loaded: users.length, due: due.length };
  });
  process.send?.(
    `${(elapsed / 1000).toFixed(1)} s, peak RSS ${peakMb.toFixed(0)} MB, ${result.loaded.toLocaleString('en')} users loaded, ${result.due.toLocaleString('en')} due (evaluation only, nothing queued)`
  );
  await strapi.destroy();
  process.exit(0);
};

const main = async () => {
  const app = await bootStrapi({ parseMail: false });
  try {
    const plugin = app.strapi.plugin('user-communication');
    await plugin.service('delivery-worker').stop();
    await plugin
      .service('settings')
      .update({ noLoginReminder: { enabled: true, intervalDays: 30 } });
    const database = app.database.client;
    console.log(
      `reminder benchmark: N = ${N.toLocaleString('en')} users, half due, database ${database}`
    );
    const seedMs = await seed(app);
    console.log(`  seeded in ${(seedMs / 1000).toFixed(1)} s`);

    // The naive way first: the plugin's run changes who is due (their reminders wait in the outbox).
    // BENCH_SKIP_NAIVE=1: the plugin's run only (the naive way runs out of memory from 1,000,000 users on).
    const naiveResult = process.env.BENCH_SKIP_NAIVE
      ? 'skipped (BENCH_SKIP_NAIVE)'
      : await inChild('naive', app.database.env);
    app.clock.set(new Date(NOW).toISOString());
    const evaluation = await measure(() =>
      (plugin.service('reminders') as RemindersService).preview({ withUsers: true })
    );
    console.log(
      `  plugin evaluation (indexed count)  ${(evaluation.elapsed / 1000).toFixed(2)} s, ${evaluation.result.count.toLocaleString('en')} due`
    );
    const run = await inChild('run', app.database.env);
    const queued = await app.strapi.db
      .query('plugin::user-communication.message')
      .count({ where: { type: 'no-login-reminder' } });
    console.log(
      `  plugin run (evaluate + enqueue)    ${run}, ${queued.toLocaleString('en')} reminders queued`
    );
    console.log(`  naive (findMany all + JS filter)   ${naiveResult}`);
  } finally {
    await app.stop();
  }
};

const CHILDREN: Record<ChildMode, () => Promise<void>> = { naive, run: freshRun };
const childMode = process.argv[2] as ChildMode;

if (childMode in CHILDREN) {
  CHILDREN[childMode]().catch((error) => {
    console.error(error);
    process.exit(1);
  });
} else {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
