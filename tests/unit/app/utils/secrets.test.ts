import fs from 'node:fs';
import path from 'node:path';
import { optionalSecret, secret, secretList } from '../../../../src/utils/secrets';

const withEnv = <T>(values: Record<string, string | undefined>, fn: () => T): T => {
  const previous = Object.fromEntries(Object.keys(values).map((key) => [key, process.env[key]]));
  const apply = (next: Record<string, string | undefined>) => {
    for (const [key, value] of Object.entries(next)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
  apply(values);
  try {
    return fn();
  } finally {
    apply(previous);
  }
};

const production = <T>(fn: () => T) =>
  withEnv({ NODE_ENV: 'production', UC_FIXED_TEST_SECRETS: undefined }, fn);

const noEnv = () => undefined;
const envOf = (name: string, value: string) => (key: string) => (key === name ? value : undefined);

const STRONG = 'Zq7v1mYt9wWc3KfP2sLx8gHd4nBe6rJa';

/** Every secret's value in .env.example that is not empty: a placeholder someone may copy. */
const examplePlaceholders = (): Array<[string, string]> =>
  fs
    .readFileSync(path.resolve(__dirname, '..', '..', '..', '..', '.env.example'), 'utf8')
    .split('\n')
    .map((line) => /^#?\s*([A-Z_]+(?:KEYS|SECRET|SALT|KEY))=(.+)$/.exec(line.trim()))
    .flatMap((match) => (match ? [[match[1], match[2]] as [string, string]] : []));

describe('app secrets', () => {
  it('refuses to start in production without a secret, naming it', () => {
    production(() => {
      expect(() => secret(noEnv, 'ADMIN_JWT_SECRET')).toThrow(/Missing secret ADMIN_JWT_SECRET/);
      expect(() => secretList(noEnv, 'APP_KEYS')).toThrow(/Missing secret APP_KEYS/);
    });
  });

  it('uses the configured value when there is one', () => {
    production(() => {
      expect(secret(envOf('JWT_SECRET', STRONG), 'JWT_SECRET')).toBe(STRONG);
      expect(secretList(envOf('APP_KEYS', `${STRONG}a, ${STRONG}b`), 'APP_KEYS')).toEqual([
        `${STRONG}a`,
        `${STRONG}b`,
      ]);
    });
  });

  it('F16: refuses the placeholder of .env.example in production, naming the variable', () => {
    production(() => {
      expect(() => secretList(envOf('APP_KEYS', 'key1,key2,key3,key4'), 'APP_KEYS')).toThrow(
        /APP_KEYS.*placeholder/
      );
      // create-strapi-app's own .env.example, which operators copy too.
      expect(() =>
        secretList(envOf('APP_KEYS', 'toBeModified1,toBeModified2'), 'APP_KEYS')
      ).toThrow(/APP_KEYS.*placeholder/);
      expect(() => secret(envOf('JWT_SECRET', 'tobemodified'), 'JWT_SECRET')).toThrow(
        /JWT_SECRET.*placeholder/
      );
      for (const [name, value] of examplePlaceholders()) {
        expect(() => secretList(envOf(name, value), name)).toThrow(new RegExp(name));
      }
    });
  });

  it('F16: refuses a secret shorter than 16 bytes in production, naming the variable', () => {
    production(() => {
      expect(() =>
        secret(envOf('ADMIN_JWT_SECRET', 'fifteen-bytes!!'), 'ADMIN_JWT_SECRET')
      ).toThrow(/ADMIN_JWT_SECRET.*16 bytes/);
      expect(() => secretList(envOf('APP_KEYS', `${STRONG},short`), 'APP_KEYS')).toThrow(
        /APP_KEYS.*16 bytes/
      );
      expect(secret(envOf('ADMIN_JWT_SECRET', 'sixteen-bytes!!!'), 'ADMIN_JWT_SECRET')).toBe(
        'sixteen-bytes!!!'
      );
    });
  });

  it('takes any value outside production', () => {
    withEnv({ NODE_ENV: 'development' }, () => {
      expect(secretList(envOf('APP_KEYS', 'key1,key2'), 'APP_KEYS')).toEqual(['key1', 'key2']);
    });
  });

  it('an optional secret is null when unset, and held to the same rules in production', () => {
    production(() => {
      expect(optionalSecret(noEnv, 'UC_LINK_SECRET_KEY')).toBeNull();
      expect(optionalSecret(envOf('UC_LINK_SECRET_KEY', STRONG), 'UC_LINK_SECRET_KEY')).toBe(
        STRONG
      );
      expect(() =>
        optionalSecret(envOf('UC_LINK_SECRET_KEY', 'short'), 'UC_LINK_SECRET_KEY')
      ).toThrow(/UC_LINK_SECRET_KEY.*16 bytes/);
    });
  });

  it('derives stable, distinct values only behind the test harness flag', () => {
    withEnv({ NODE_ENV: 'test', UC_FIXED_TEST_SECRETS: 'true' }, () => {
      expect(secret(noEnv, 'JWT_SECRET')).toBe(secret(noEnv, 'JWT_SECRET'));
      expect(secret(noEnv, 'JWT_SECRET')).not.toBe(secret(noEnv, 'ADMIN_JWT_SECRET'));
      expect(new Set(secretList(noEnv, 'APP_KEYS')).size).toBe(4);
    });
  });

  it('F16: NODE_ENV=test alone gives no publicly derivable secret', () => {
    const fixed = withEnv({ NODE_ENV: 'test', UC_FIXED_TEST_SECRETS: 'true' }, () =>
      secret(noEnv, 'JWT_SECRET')
    );
    const unflagged = withEnv({ NODE_ENV: 'test', UC_FIXED_TEST_SECRETS: undefined }, () =>
      secret(noEnv, 'JWT_SECRET')
    );
    expect(unflagged).not.toBe(fixed);
  });

  it('refuses the test harness flag in production', () => {
    withEnv({ NODE_ENV: 'production', UC_FIXED_TEST_SECRETS: 'true' }, () => {
      expect(() => secret(noEnv, 'JWT_SECRET')).toThrow(/UC_FIXED_TEST_SECRETS/);
    });
  });
});
