/**
 * SCIM provisioning at an identity provider's pace, over real HTTP on loopback: N users
 * created one POST /Users each (as Microsoft Entra ID and Okta do), then a resync that looks
 * each one up by `userName eq "…"` (Entra's matching query before every update), with
 * `CONCURRENCY` requests in flight. For comparison, the same numbers of users through the
 * integration API (POST /api/user-communication/users, batches of 1,000), created and then
 * sent again (the resync of a batch system). Activation e-mails are off in both (a SCIM user
 * signs in with the IdP; the cost measured is the provisioning's).
 *
 *   npm run bench -- scim [N] [CONCURRENCY]     (default 10000 4; DATABASE_CLIENT picks the database)
 */
import { freePort } from '../tests/helpers/browser';
import { createApiToken } from '../tests/helpers/actors';
import { bootStrapi } from '../tests/helpers/strapi';

const N = Number(process.argv[3] ?? 10_000);
const CONCURRENCY = Number(process.argv[4] ?? 4);
const BATCH = 1000;

/** Runs `work` over 0..count-1 with `concurrency` in flight; returns each call's latency (ms). */
const pool = async (count: number, concurrency: number, work: (index: number) => Promise<void>) => {
  const latencies: number[] = new Array(count);
  let next = 0;
  const lane = async () => {
    while (next < count) {
      const index = next;
      next += 1;
      const started = performance.now();
      await work(index);
      latencies[index] = performance.now() - started;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, lane));
  return { seconds: (performance.now() - started) / 1000, latencies };
};

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};

const line = (label: string, users: number, run: { seconds: number; latencies: number[] }) =>
  console.log(
    `  ${label.padEnd(40)} ${run.seconds.toFixed(1).padStart(7)} s  ${Math.round(
      users / run.seconds
    )
      .toLocaleString('en')
      .padStart(
        6
      )} users/s  request median ${percentile(run.latencies, 50).toFixed(1)} ms, p95 ${percentile(
      run.latencies,
      95
    ).toFixed(1)} ms`
  );

const main = async () => {
  const port = await freePort();
  const app = await bootStrapi({ parseMail: false, listen: true, env: { PORT: String(port) } });
  try {
    const plugin = app.strapi.plugin('user-communication');
    await plugin.service('delivery-worker').stop();
    await plugin.service('settings').update({ activation: { enabled: false } });
    const token = await createApiToken(app);
    const base = `http://127.0.0.1:${port}/api/user-communication`;
    const call = async (
      method: string,
      path: string,
      body?: unknown,
      type = 'application/scim+json'
    ) => {
      const response = await fetch(`${base}${path}`, {
        method,
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': type },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const json = (await response.json()) as Record<string, unknown>;
      return { status: response.status, json };
    };
    console.log(
      `SCIM benchmark: N = ${N.toLocaleString('en')} users, ${CONCURRENCY} requests in flight, database ${app.database.client}`
    );

    const userName = (index: number) => `Scim.User${index}@Contoso.example`;
    const create = await pool(N, CONCURRENCY, async (index) => {
      const { status, json } = await call('POST', '/scim/v2/Users', {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
        externalId: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
        userName: userName(index),
        active: true,
        emails: [{ primary: true, type: 'work', value: userName(index) }],
        name: { givenName: 'Scim', familyName: `User${index}` },
      });
      if (status !== 201)
        throw new Error(`POST /Users ${index}: ${status} ${JSON.stringify(json)}`);
    });
    line(`SCIM: create ${N.toLocaleString('en')} (POST /Users)`, N, create);

    const resync = await pool(N, CONCURRENCY, async (index) => {
      const filter = encodeURIComponent(`userName eq "${userName(index)}"`);
      const { status, json } = await call('GET', `/scim/v2/Users?filter=${filter}`);
      if (status !== 200 || json.totalResults !== 1)
        throw new Error(`lookup ${index}: ${status} ${JSON.stringify(json)}`);
    });
    line(`SCIM: resync lookup (userName eq)`, N, resync);

    const batches = Math.ceil(N / BATCH);
    const batch = (index: number) => ({
      users: Array.from({ length: Math.min(BATCH, N - index * BATCH) }, (_, i) => ({
        email: `integration${index * BATCH + i}@contoso.example`,
      })),
    });
    const integration = (label: string, field: 'created' | 'updated') =>
      pool(batches, 1, async (index) => {
        const { status, json } = await call('POST', '/users', batch(index), 'application/json');
        if (status !== 200 || json[field] !== batch(index).users.length)
          throw new Error(
            `${label} batch ${index}: ${status} ${JSON.stringify(json).slice(0, 300)}`
          );
      });
    line(
      `integration API: create (batches of ${BATCH})`,
      N,
      await integration('create', 'created')
    );
    line(`integration API: resync (same batches)`, N, await integration('resync', 'updated'));
  } finally {
    await app.stop();
  }
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
