import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Secrets for the reference app.
 *
 * Production refuses to start without them (a default secret in production is a
 * forgeable session). Development generates random ones once per checkout and keeps
 * them in `.tmp/dev-secrets.json`, so `npm run develop` needs no editing and admin
 * sessions survive restarts. Tests derive fixed values so runs are reproducible.
 */
const APP_ROOT = path.resolve(__dirname, '..', '..', '..');
const DEV_SECRETS_FILE = path.join(APP_ROOT, '.tmp', 'dev-secrets.json');

type EnvReader = (key: string) => string | undefined;

const environment = () => process.env.NODE_ENV ?? 'development';

const readDevSecrets = (): Record<string, string> => {
  try {
    return JSON.parse(fs.readFileSync(DEV_SECRETS_FILE, 'utf8')) as Record<string, string>;
  } catch {
    return {};
  }
};

const persistDevSecret = (name: string, value: string): string => {
  const current = readDevSecrets();
  if (current[name]) return current[name];
  const next = { ...current, [name]: value };
  fs.mkdirSync(path.dirname(DEV_SECRETS_FILE), { recursive: true });
  const tmp = `${DEV_SECRETS_FILE}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(next, null, 2), { mode: 0o600 });
  fs.renameSync(tmp, DEV_SECRETS_FILE);
  return value;
};

const fallbackSecret = (name: string): string => {
  if (environment() === 'test') {
    return crypto.createHash('sha256').update(`user-communication-test:${name}`).digest('base64');
  }
  return persistDevSecret(name, crypto.randomBytes(32).toString('base64'));
};

export const secret = (env: EnvReader, name: string): string => {
  const value = env(name);
  if (value) return value;
  if (environment() === 'production') {
    throw new Error(
      `Missing secret ${name}. Set it in the environment before starting in production (see .env.example; generate one with: openssl rand -base64 32).`
    );
  }
  return fallbackSecret(name);
};

export const secretList = (env: EnvReader, name: string, count = 4): string[] => {
  const value = env(name);
  const parts = (value ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  if (parts.length > 0) return parts;
  if (environment() === 'production') {
    throw new Error(
      `Missing secret ${name}. Set it to a comma-separated list of random keys before starting in production (see .env.example).`
    );
  }
  return Array.from({ length: count }, (_, index) => fallbackSecret(`${name}_${index}`));
};
