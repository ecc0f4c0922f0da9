/**
 * Under load: two Strapi instances (child processes, as two containers behind a load balancer)
 * on one database take R requests per second for S seconds, half forgot-password and half
 * activation-verify, spread over both instances, each request from its own client address (the load
 * balancer's X-Forwarded-For), as a busy morning of many learners is. The client is open-loop: a
 * request leaves on schedule whether or not the earlier ones were answered, so a slow server
 * cannot slow the offered load down and hide its own latency. Reports p50/p99 latency and errors
 * per endpoint, the difference of medians between known and unknown addresses (target < 10 ms),
 * and checks that every known address got exactly one reset e-mail and no unknown one any.
 *
 * Then activation completes (each sets a first password, hashed with bcrypt) in a closed loop
 * from 8 clients, against the rate at which two cores hash passwords alone. The naive way beside
 * it: a stand-in for stock users-permissions' forgot-password (look the user up, store a token and
 * send the e-mail before answering), served by the same two instances at the same offered rate.
 *
 *   npm run bench -- load [R] [S]    (default R = 200 requests per second in all, S = 60;
 *                                     DATABASE_CLIENT picks the database: postgres or mysql)
 */
import crypto from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { hash as bcryptHash } from 'bcryptjs';
import { freePort } from '../tests/helpers/browser';
import { startInstance, type InstanceProcess } from '../tests/helpers/instances';
import { bootStrapi, type TestApp } from '../tests/helpers/strapi';

/** Requests per second in all, half forgot-password (known and unknown addresses alternating), half activation-verify. */
const RATE = Number(process.argv[3] ?? process.env.BENCH_RATE ?? 200);
const PER_KIND = RATE / 2;
const SECONDS = Number(process.argv[4] ?? process.env.BENCH_SECONDS ?? 60);
const INSTANCES = 2;
/** A distant relay: each message takes half a second to hand over. */
const SMTP_DELAY_MS = 500;
const VERIFY_TOKENS = 1000;
const NAIVE_SECONDS = 10;
const COMPLETE_CLIENTS = 8;
const COMPLETE_SECONDS = 20;
const HASH_ROUNDS = 10;
const MESSAGE_UID = 'plugin::user-communication.message';

type Kind = 'known' | 'unknown' | 'verify' | 'complete' | 'naive-known' | 'naive-unknown';
interface Planned {
  kind: Kind;
  path: string;
  body: Record<string, string>;
}
const forgotPassword = (
  kind: Kind,
  email: string,
  path = '/api/auth/forgot-password'
): Planned => ({ kind, path, body: { email } });

/** [kind, HTTP status or the client's error code, latency ms from when it was due, how late it left] */
type Result = [Kind, number | string, number, number];

const percentile = (values: number[], p: number) => {
  if (values.length === 0) return NaN;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
};
const ms = (value: number) => `${value.toFixed(1).padStart(7)} ms`;
const count = (value: number) => value.toLocaleString('en');

/**
 * The client, in a worker thread with its own event loop. `mode: 'open'` sends plan[i] at
 * start + i / rate; `mode: 'closed'` keeps `clients` requests in flight until `seconds` pass.
 * Requests of each kind go to the instances in turn, each with its own client address.
 */
const CLIENT = `
const http = require('node:http');
const { parentPort, workerData } = require('node:worker_threads');
const { targets, plan, mode, rate, clients, seconds } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });
const results = [];
const turns = {};
let answered = 0;
let sent = 0;
const TIMEOUT_MS = 60000;
const address = (i) => '10.' + ((i >> 16) & 255) + '.' + ((i >> 8) & 255) + '.' + (i & 255);
const send = (i, scheduled, done) => {
  const planned = plan[i];
  // Each kind in turn over the instances, as a round-robin balancer spreads a steady mix.
  turns[planned.kind] = (turns[planned.kind] ?? -1) + 1;
  const target = targets[turns[planned.kind] % targets.length];
  const body = JSON.stringify(planned.body);
  const started = performance.now();
  // Latency counts from when the request was due, so a client running late cannot hide it.
  let settled = false;
  const settle = (status) => {
    if (settled) return;
    settled = true;
    results.push([planned.kind, status, performance.now() - scheduled, started - scheduled]);
    done();
  };
  const request = http.request({
    agent, host: '127.0.0.1', port: target, path: planned.path, method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), 'X-Forwarded-For': address(i) },
  }, (response) => {
    response.resume();
    response.on('end', () => settle(response.statusCode));
    response.on('error', (error) => settle(error.code || 'cut off'));
  });
  request.setTimeout(TIMEOUT_MS, () => request.destroy(Object.assign(new Error('timeout'), { code: 'timeout' })));
  request.on('error', (error) => settle(error.code || 'no answer'));
  request.end(body);
};
const finish = () => { agent.destroy(); parentPort.postMessage(results); };
if (mode === 'open') {
  const interval = 1000 / rate;
  const start = performance.now() + 50;
  const onAnswer = () => { answered += 1; if (answered === plan.length) finish(); };
  const tick = () => {
    const now = performance.now();
    while (sent < plan.length && start + sent * interval <= now) { send(sent, start + sent * interval, onAnswer); sent += 1; }
    if (sent < plan.length) setTimeout(tick, 1);
  };
  tick();
} else {
  const stopAt = performance.now() + seconds * 1000;
  let running = clients;
  const next = () => {
    if (performance.now() >= stopAt || sent >= plan.length) { running -= 1; if (running === 0) finish(); return; }
    const i = sent; sent += 1;
    send(i, performance.now(), next);
  };
  for (let c = 0; c < clients; c += 1) next();
}
`;

const drive = (workerData: Record<string, unknown>): Promise<Result[]> =>
  new Promise((resolve, reject) => {
    const worker = new Worker(CLIENT, { eval: true, workerData });
    worker.once('message', (results: Result[]) => {
      void worker.terminate();
      resolve(results);
    });
    worker.once('error', reject);
  });

/** Users inserted in bulk (hashing each password would take minutes); answers their ids in order. */
const seedUsers = async (app: TestApp, prefix: string, total: number, password: string | null) => {
  const knex = app.strapi.db.connection;
  const batch = app.strapi.db.dialect.client === 'sqlite' ? 400 : 2000;
  const at = new Date();
  for (let offset = 0; offset < total; offset += batch) {
    const rows = [];
    for (let i = offset; i < Math.min(total, offset + batch); i += 1) {
      rows.push({
        document_id: crypto.randomBytes(12).toString('hex'),
        username: `${prefix}${i}`,
        email: `${prefix}${i}@example.com`,
        password,
        provider: 'local',
        confirmed: password !== null,
        blocked: false,
        origin: 'manual',
        created_at: at,
        updated_at: at,
        published_at: at,
      });
    }
    await knex('up_users').insert(rows);
  }
  const rows = (await knex('up_users')
    .select('id')
    .where('email', 'like', `${prefix}%@example.com`)
    .orderBy('id')) as { id: number }[];
  return rows.map((row) => row.id);
};

const activationTokens = async (app: TestApp, userIds: number[]) => {
  const tokens = app.strapi.plugin('user-communication').service('tokens');
  const issued = (await app.strapi.db.transaction(() =>
    tokens.issueMany(userIds, 'activation', { days: 14 })
  )) as Map<number, { token: string }>;
  return userIds.map((id) => (issued.get(id) as { token: string }).token);
};

const summary = (results: Result[], kind: Kind) => {
  const mine = results.filter((result) => result[0] === kind);
  const latencies = mine.map((result) => result[2]);
  return {
    total: mine.length,
    errors: mine.filter((result) => result[1] !== 200).length,
    statuses: [...new Set(mine.filter((r) => r[1] !== 200).map((r) => String(r[1])))],
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
  };
};

const line = (label: string, s: ReturnType<typeof summary>) =>
  `    ${label.padEnd(28)} ${count(s.total).padStart(7)} requests  p50 ${ms(s.p50)}  p99 ${ms(s.p99)}  errors ${s.errors}${s.statuses.length ? ` (${s.statuses.join(', ')})` : ''}`;

const until = async (condition: () => Promise<boolean>, timeoutMs: number) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return true;
};

/** Password hashes per second on two cores with nothing else running: the ceiling for completes. */
const hashRate = async (): Promise<number> => {
  const code = `
    const bcrypt = require('bcryptjs');
    const { parentPort, workerData } = require('node:worker_threads');
    (async () => {
      const stopAt = Date.now() + workerData.ms;
      let hashes = 0;
      while (Date.now() < stopAt) { await bcrypt.hash('Load-Passw0rd!', workerData.rounds); hashes += 1; }
      parentPort.postMessage(hashes);
    })();`;
  const seconds = 5;
  const counts = await Promise.all(
    Array.from(
      { length: INSTANCES },
      () =>
        new Promise<number>((resolve, reject) => {
          const worker = new Worker(code, {
            eval: true,
            workerData: { ms: seconds * 1000, rounds: HASH_ROUNDS },
          });
          worker.once('message', resolve);
          worker.once('error', reject);
        })
    )
  );
  return counts.reduce((sum, n) => sum + n, 0) / seconds;
};

const main = async () => {
  const database = process.env.DATABASE_CLIENT ?? 'sqlite';
  console.log(
    `load: ${INSTANCES} instances on ${database}, ${PER_KIND} forgot-password + ${PER_KIND} activation-verify requests/s for ${SECONDS} s (${count(RATE * SECONDS)} requests, each from its own client address), relay ${SMTP_DELAY_MS} ms/message`
  );
  const app = await bootStrapi({ parseMail: false, env: { UC_CRON_ENABLED: 'false' } });
  const instances: InstanceProcess[] = [];
  try {
    // This process seeds and watches; the instances answer and deliver.
    await app.strapi.plugin('user-communication').service('delivery-worker').stop();
    app.mail.delayMs = SMTP_DELAY_MS;
    const hash = await bcryptHash('Bench-Passw0rd!', HASH_ROUNDS);
    const known = (PER_KIND * SECONDS) / 2;
    if (!Number.isInteger(known) || !Number.isInteger((PER_KIND * NAIVE_SECONDS) / 2))
      throw new Error(
        'R must be a multiple of 4 (R / 4 known and R / 4 unknown addresses a second)'
      );
    await seedUsers(app, 'known', known, hash);
    await seedUsers(app, 'naiveknown', (PER_KIND * NAIVE_SECONDS) / 2, hash);
    const verifyTokens = await activationTokens(
      app,
      await seedUsers(app, 'invited', VERIFY_TOKENS, null)
    );
    const completeTokens = await activationTokens(
      app,
      await seedUsers(app, 'activating', COMPLETE_CLIENTS * COMPLETE_SECONDS * 20, null)
    );

    const ports: number[] = [];
    for (let i = 0; i < INSTANCES; i += 1) {
      const port = await freePort();
      ports.push(port);
      instances.push(
        await startInstance({
          INSTANCE_LISTEN: 'true',
          PORT: String(port),
          PROXY_HOPS: '1',
          UC_CRON_ENABLED: 'false',
          SMTP_CLIENT_NAME: `instance-${i + 1}`,
          BENCH_NAIVE_FORGOT_PASSWORD: 'true',
        })
      );
    }

    // Known, verify, unknown, verify, ...: both kinds of address meet the same moments of load.
    const plan: Planned[] = [];
    for (let i = 0; i < known; i += 1) {
      plan.push(forgotPassword('known', `known${i}@example.com`));
      plan.push({
        kind: 'verify',
        path: '/api/user-communication/activation/verify',
        body: { token: verifyTokens[(2 * i) % VERIFY_TOKENS] },
      });
      plan.push(forgotPassword('unknown', `unknown${i}@example.com`));
      plan.push({
        kind: 'verify',
        path: '/api/user-communication/activation/verify',
        body: { token: verifyTokens[(2 * i + 1) % VERIFY_TOKENS] },
      });
    }
    const started = performance.now();
    const results = await drive({ targets: ports, plan, mode: 'open', rate: RATE });
    const elapsed = (performance.now() - started) / 1000;
    const knownSummary = summary(results, 'known');
    const unknownSummary = summary(results, 'unknown');
    const verifySummary = summary(results, 'verify');
    const lateness = percentile(
      results.map((result) => result[3]),
      0.99
    );
    console.log(
      `  plugin: ${count(results.length)} answered in ${elapsed.toFixed(1)} s (${(results.length / elapsed).toFixed(0)} requests/s; client lateness p99 ${ms(lateness).trim()})`
    );
    console.log(line('forgot-password, known', knownSummary));
    console.log(line('forgot-password, unknown', unknownSummary));
    console.log(line('activation-verify', verifySummary));
    const difference = Math.abs(knownSummary.p50 - unknownSummary.p50);
    console.log(
      `    known vs unknown: difference of medians ${ms(difference).trim()} (target < 10 ms)`
    );

    // Every known address gets exactly one reset e-mail queued, no unknown one any: nothing lost, nothing twice.
    const resets = (where: Record<string, unknown>) =>
      app.strapi.db.query(MESSAGE_UID).count({ where: { type: 'password-reset', ...where } });
    await until(async () => (await resets({})) >= known, 120_000);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const queued = await resets({ recipient: { $startsWith: 'known' } });
    const toUnknown = await resets({ recipient: { $startsWith: 'unknown' } });
    const distinct = (await app.strapi.db
      .connection('uc_messages')
      .countDistinct({ n: 'recipient' })
      .where({ type: 'password-reset' })) as { n: number | string }[];
    const twice = queued - Number(distinct[0].n);
    console.log(
      `    reset e-mails queued: ${count(queued)} for ${count(known)} known addresses (${count(twice)} twice), ${toUnknown} for unknown ones`
    );

    // The naive way at the same offered rate (forgot-password only).
    // Shorter: its answers wait for the relay, so its backlog takes minutes to drain.
    const naiveCount = (PER_KIND * Math.min(SECONDS, NAIVE_SECONDS)) / 2;
    const naivePlan: Planned[] = [];
    for (let i = 0; i < naiveCount; i += 1) {
      naivePlan.push(
        forgotPassword('naive-known', `naiveknown${i}@example.com`, '/naive/forgot-password')
      );
      naivePlan.push(
        forgotPassword('naive-unknown', `naiveunknown${i}@example.com`, '/naive/forgot-password')
      );
    }
    const naive = await drive({ targets: ports, plan: naivePlan, mode: 'open', rate: PER_KIND });
    const naiveKnown = summary(naive, 'naive-known');
    const naiveUnknown = summary(naive, 'naive-unknown');
    console.log(
      `  naive (a stand-in for stock users-permissions: look up, store a token, send, then answer), ${PER_KIND} forgot-password requests/s for ${Math.min(SECONDS, NAIVE_SECONDS)} s:`
    );
    console.log(line('forgot-password, known', naiveKnown));
    console.log(line('forgot-password, unknown', naiveUnknown));
    console.log(
      `    known vs unknown: difference of medians ${ms(Math.abs(naiveKnown.p50 - naiveUnknown.p50)).trim()}`
    );

    // Activation completes: as many as password hashing on two cores allows.
    const completePlan: Planned[] = completeTokens.map((token, i) => ({
      kind: 'complete',
      path: '/api/user-communication/activation/complete',
      body: { token, password: `Load-Passw0rd-${i}!`, passwordConfirmation: `Load-Passw0rd-${i}!` },
    }));
    const completesStarted = performance.now();
    const completes = await drive({
      targets: ports,
      plan: completePlan,
      mode: 'closed',
      clients: COMPLETE_CLIENTS,
      seconds: COMPLETE_SECONDS,
    });
    const completeSeconds = (performance.now() - completesStarted) / 1000;
    const completeSummary = summary(completes, 'complete');
    const completed = (completeSummary.total - completeSummary.errors) / completeSeconds;
    const ceiling = await hashRate();
    console.log(
      `  activation-complete, ${COMPLETE_CLIENTS} clients for ${COMPLETE_SECONDS} s: ${completed.toFixed(1)} completed per second; bcrypt cost ${HASH_ROUNDS} alone in ${INSTANCES} threads (one per core): ${ceiling.toFixed(1)} per second`
    );
    console.log(line('activation-complete', completeSummary));

    const errors =
      knownSummary.errors + unknownSummary.errors + verifySummary.errors + completeSummary.errors;
    const pass =
      errors === 0 && difference < 10 && queued === known && twice === 0 && toUnknown === 0;
    console.log(
      `  ${pass ? 'PASS' : 'FAIL'}: ${errors} errors, difference ${difference.toFixed(1)} ms, ${count(queued)}/${count(known)} reset e-mails`
    );
    if (!pass) process.exitCode = 1;
  } finally {
    await Promise.all(instances.map((instance) => instance.stop()));
    app.mail.delayMs = 0;
    await app.stop();
  }
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
