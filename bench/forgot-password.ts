/**
 * Forgot-password timing: does the answer take longer when the address has an account?
 * It must not (an attacker would learn which addresses exist). The SMTP server is slowed
 * to 500 ms a message, as a distant relay would be. Known and unknown addresses alternate;
 * the target is a difference of medians under 10 ms. For comparison, the naive way (stock
 * users-permissions: look the user up, then send the e-mail before answering) is measured
 * on the same app.
 *
 * The client runs in a worker thread with its own event loop, over real HTTP, as a remote
 * client would: the server's work after answering must not be counted in the answer's time
 * merely because client and server share a thread.
 *
 *   npm run bench -- forgot-password [N]     (default N = 200 requests per kind)
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Worker } from 'node:worker_threads';
import { freePort } from '../tests/helpers/browser';
import { bootStrapi, type TestApp } from '../tests/helpers/strapi';

const N = Number(process.argv[3] ?? process.env.BENCH_N ?? 200);
const SMTP_DELAY_MS = 500;
const WARM_UP = 20;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))];
const ms = (value: number) => `${value.toFixed(2).padStart(8)} ms`;

const createUsers = async (app: TestApp, count: number) => {
  const role = await app.strapi.db
    .query('plugin::users-permissions.role')
    .findOne({ where: { type: 'authenticated' } });
  const emails: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const email = `known${i}@example.com`;
    await app.strapi
      .plugin('users-permissions')
      .service('user')
      .add({
        username: `known${i}`,
        email,
        password: 'Bench-Passw0rd!',
        provider: 'local',
        confirmed: true,
        role: role.id,
      });
    emails.push(email);
  }
  return emails;
};

// Alternates known and unknown addresses so that drift (caches, background sends) hits both alike.
const CLIENT = `
const { parentPort, workerData } = require('node:worker_threads');
(async () => {
  const { url, known, unknown } = workerData;
  const timings = { known: [], unknown: [] };
  for (let i = 0; i < known.length; i += 1) {
    for (const [kind, email] of [['known', known[i]], ['unknown', unknown[i]]]) {
      const started = performance.now();
      const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email }) });
      await response.text();
      if (response.status !== 200) throw new Error(url + ' answered ' + response.status);
      timings[kind].push(performance.now() - started);
    }
  }
  parentPort.postMessage(timings);
})().catch((error) => { throw error; });
`;

const measure = (
  url: string,
  known: string[],
  unknown: string[]
): Promise<{ known: number[]; unknown: number[] }> =>
  new Promise((resolve, reject) => {
    const worker = new Worker(CLIENT, { eval: true, workerData: { url, known, unknown } });
    worker.once('message', (timings: { known: number[]; unknown: number[] }) =>
      resolve({ known: timings.known.slice(WARM_UP), unknown: timings.unknown.slice(WARM_UP) })
    );
    worker.once('error', reject);
  });

/** The naive way, as stock users-permissions does it: look the user up, send the e-mail, then answer. */
const naiveServer = (app: TestApp): Promise<http.Server> =>
  new Promise((resolve) => {
    const server = http.createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => {
        (async () => {
          const { email } = JSON.parse(body) as { email: string };
          const user = await app.strapi.db
            .query('plugin::users-permissions.user')
            .findOne({ where: { email } });
          if (user)
            await app.strapi
              .plugin('email')
              .service('email')
              .send({ to: email, subject: 'Reset', text: 'link' });
          response.writeHead(200, { 'Content-Type': 'application/json' }).end('{"ok":true}');
        })().catch((error: Error) => response.writeHead(500).end(error.message));
      });
    });
    server.listen(0, '127.0.0.1', () => resolve(server));
  });

const report = (label: string, timings: { known: number[]; unknown: number[] }) => {
  const difference = Math.abs(median(timings.known) - median(timings.unknown));
  console.log(`  ${label}`);
  console.log(
    `    known address     median ${ms(median(timings.known))}   p95 ${ms(percentile(timings.known, 0.95))}`
  );
  console.log(
    `    unknown address   median ${ms(median(timings.unknown))}   p95 ${ms(percentile(timings.unknown, 0.95))}`
  );
  console.log(`    difference of medians    ${ms(difference)}`);
  return difference;
};

const main = async () => {
  const database = process.env.DATABASE_CLIENT ?? 'sqlite';
  console.log(
    `forgot-password benchmark: ${N} requests per kind (+${WARM_UP} warm-up), database ${database}, SMTP delay ${SMTP_DELAY_MS} ms/message`
  );
  const port = await freePort();
  const app = await bootStrapi({ parseMail: false, listen: true, env: { PORT: String(port) } });
  try {
    // The per-address and per-client limits would stop a benchmark from one address; they are measured elsewhere.
    app.strapi.config.set('plugin::user-communication.rateLimits', {
      perAddress: { max: 1_000_000, windowSeconds: 3600 },
      perIp: { max: 1_000_000, windowSeconds: 900 },
    });
    app.mail.delayMs = SMTP_DELAY_MS;
    const total = N + WARM_UP;
    const known = await createUsers(app, total);
    const unknown = Array.from({ length: total }, (_, i) => `unknown${i}@example.com`);

    const plugin = await measure(
      `http://127.0.0.1:${port}/api/auth/forgot-password`,
      known,
      unknown
    );
    const difference = report('plugin (answers, then looks up and queues)', plugin);

    const naiveCount = Math.min(N, 40) + WARM_UP;
    const server = await naiveServer(app);
    const naiveUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const naive = await measure(naiveUrl, known.slice(0, naiveCount), unknown.slice(0, naiveCount));
    server.close();
    report(
      `naive (stock users-permissions: send before answering; ${naiveCount - WARM_UP} per kind)`,
      naive
    );

    const verdict = difference < 10 ? 'PASS' : 'FAIL';
    console.log(
      `  ${verdict}: the plugin's difference is ${difference.toFixed(2)} ms (target < 10 ms)`
    );
    if (verdict === 'FAIL') process.exitCode = 1;
  } finally {
    app.mail.delayMs = 0;
    await app.stop();
  }
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
