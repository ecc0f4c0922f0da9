import { secret, secretList } from '../../../../src/utils/secrets';

const withNodeEnv = <T>(value: string, fn: () => T): T => {
  const previous = process.env.NODE_ENV;
  process.env.NODE_ENV = value;
  try {
    return fn();
  } finally {
    process.env.NODE_ENV = previous;
  }
};

const noEnv = () => undefined;

describe('app secrets', () => {
  it('refuses to start in production without a secret, naming it', () => {
    withNodeEnv('production', () => {
      expect(() => secret(noEnv, 'ADMIN_JWT_SECRET')).toThrow(/Missing secret ADMIN_JWT_SECRET/);
      expect(() => secretList(noEnv, 'APP_KEYS')).toThrow(/Missing secret APP_KEYS/);
    });
  });

  it('uses the configured value when there is one', () => {
    withNodeEnv('production', () => {
      expect(secret(() => 'from-env', 'JWT_SECRET')).toBe('from-env');
      expect(secretList(() => 'a, b,c', 'APP_KEYS')).toEqual(['a', 'b', 'c']);
    });
  });

  it('derives stable, distinct values in tests so no setup is needed', () => {
    withNodeEnv('test', () => {
      expect(secret(noEnv, 'JWT_SECRET')).toBe(secret(noEnv, 'JWT_SECRET'));
      expect(secret(noEnv, 'JWT_SECRET')).not.toBe(secret(noEnv, 'ADMIN_JWT_SECRET'));
      expect(new Set(secretList(noEnv, 'APP_KEYS')).size).toBe(4);
    });
  });
});
