/** Runs the named benchmark(s): `npm run bench` runs all, `npm run bench -- delivery 5000` one. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const BENCHMARKS = [
  'delivery',
  'delivery-instances',
  'reminder',
  'account-status',
  'forgot-password',
  'load',
  'import',
  'import-read',
  'scim',
];

const requested = process.argv[2];
const names = requested ? [requested] : BENCHMARKS;

for (const name of names) {
  if (!BENCHMARKS.includes(name)) {
    console.error(`Unknown benchmark "${name}". Available: ${BENCHMARKS.join(', ')}`);
    process.exit(2);
  }
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', path.join(__dirname, `${name}.ts`), name, ...process.argv.slice(3)],
    {
      stdio: 'inherit',
      env: { ...process.env, NODE_ENV: 'test' },
    }
  );
  if (result.status !== 0) process.exit(result.status ?? 1);
}
