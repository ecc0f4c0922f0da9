import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Secrets for the reference app.
 *
 * Production refuses to start without them (a default secret in production is a
 * forgeable session), and refuses placeholders and values shorter than 16 bytes, naming the
 * variable. Development generates random ones once per checkout and keeps them in
 * `.tmp/dev-secrets.json`, so `npm run develop` needs no editing and admin sessions survive
 * restarts. Only the test harness, by setting UC_FIXED_TEST_SECRETS=true, gets fixed values
 * (reproducible runs): they are derivable from this file, so NODE_ENV=test alone must not give
 * them to a shared staging or preview instance.
 */
const FIXED_TEST_SECRETS_FLAG = 'UC_FIXED_TEST_SECRETS';
const MIN_BYTES = 16;

/**
 * Values published in an .env.example: ours (earlier versions shipped APP_KEYS=key1,…) and
 * create-strapi-app's. Most are also too short; naming them says what went wrong.
 */
const PLACEHOLDERS = new Set([
  'key1',
  'key2',
  'key3',
  'key4',
  'tobemodified',
  'tobemodified1',
  'tobemodified2',
]);

/** The app's root: the nearest folder with a package.json (run from src/ or from dist/src/). */
const appRoot = (): string => {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) {
    dir = path.dirname(dir);
  }
  return dir;
};

type EnvReader = (key: string) => string | undefined;

const environment = () => process.env.NODE_ENV ?? 'development';
const isProduction = () => environment() === 'production';
const fixedTestSecrets = () => process.env[FIXED_TEST_SECRETS_FLAG] === 'true';

const devSecretsFile = () => path.join(appRoot(), '.tmp', 'dev-secrets.json');

const readDevSecrets = (): Record<string, string> => {
  try {
    return JSON.parse(fs.readFileSync(devSecretsFile(), 'utf8')) as Record<string, string>;
  } catch {
    return {};
  }
};

const persistDevSecret = (name: string, value: string): string => {
  const current = readDevSecrets();
  if (current[name]) return current[name];
  const next = { ...current, [name]: value };
  const file = devSecretsFile();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(next, null, 2), { mode: 0o600 });
  fs.renameSync(tmp, file);
  return value;
};

const fallbackSecret = (name: string): string => {
  if (fixedTestSecrets()) {
    return crypto.createHash('sha256').update(`user-communication-test:${name}`).digest('base64');
  }
  return persistDevSecret(name, crypto.randomBytes(32).toString('base64'));
};

/** In production: refuses a missing, placeholder or short value, naming the variable. */
const checkForProduction = (name: string, values: string[], hint: string): void => {
  if (fixedTestSecrets()) {
    throw new Error(
      `${FIXED_TEST_SECRETS_FLAG}=true gives publicly known secrets: it is for the test harness and refused in production. Unset it.`
    );
  }
  if (values.length === 0) {
    throw new Error(`Missing secret ${name}. ${hint}`);
  }
  if (values.some((value) => PLACEHOLDERS.has(value.toLowerCase()))) {
    throw new Error(
      `Secret ${name} holds a placeholder from an .env.example, which anyone can read. ${hint}`
    );
  }
  if (values.some((value) => Buffer.byteLength(value, 'utf8') < MIN_BYTES)) {
    throw new Error(`Secret ${name} is shorter than ${MIN_BYTES} bytes. ${hint}`);
  }
};

const SINGLE_HINT =
  'Set it in the environment before starting in production (see .env.example; generate one with: openssl rand -base64 32).';

export const secret = (env: EnvReader, name: string): string => {
  const value = env(name);
  if (isProduction()) checkForProduction(name, value ? [value] : [], SINGLE_HINT);
  return value || fallbackSecret(name);
};

/** A secret the app can do without (a default applies); when set, held to the same rules. */
export const optionalSecret = (env: EnvReader, name: string): string | null => {
  const value = env(name);
  if (!value) return null;
  if (isProduction()) checkForProduction(name, [value], SINGLE_HINT);
  return value;
};

export const secretList = (env: EnvReader, name: string, count = 4): string[] => {
  const parts = (env(name) ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  if (isProduction()) {
    checkForProduction(
      name,
      parts,
      'Set it to a comma-separated list of random keys before starting in production (see .env.example; generate each with: openssl rand -base64 32).'
    );
  }
  if (parts.length > 0) return parts;
  return Array.from({ length: count }, (_, index) => fallbackSecret(`${name}_${index}`));
};
