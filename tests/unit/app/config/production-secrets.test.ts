import adminConfig from '../../../../config/admin';
import pluginsConfig from '../../../../config/plugins';
import serverConfig from '../../../../config/server';

type Env = Parameters<typeof serverConfig>[0]['env'];

const STRONG = 'Zq7v1mYt9wWc3KfP2sLx8gHd4nBe6rJa';

/** A production environment with every secret set well, and `given` over it. */
const envOf = (given: Record<string, string>): Env => {
  const values: Record<string, string> = {
    APP_KEYS: `${STRONG}1,${STRONG}2`,
    ADMIN_JWT_SECRET: STRONG,
    API_TOKEN_SALT: STRONG,
    TRANSFER_TOKEN_SALT: STRONG,
    ENCRYPTION_KEY: STRONG,
    JWT_SECRET: STRONG,
    PUBLIC_URL: 'https://api.example.com',
    ...given,
  };
  const env = ((key: string, fallback?: unknown) => values[key] ?? fallback) as Env;
  env.int = ((key: string, fallback?: number) =>
    values[key] === undefined ? fallback : Number(values[key])) as Env['int'];
  env.bool = ((key: string, fallback?: boolean) =>
    values[key] === undefined ? fallback : values[key] === 'true') as Env['bool'];
  env.array = ((key: string, fallback?: string[]) =>
    values[key] === undefined ? fallback : values[key].split(',')) as Env['array'];
  return env;
};

describe('starting in production', () => {
  const previous = { node: process.env.NODE_ENV, flag: process.env.UC_FIXED_TEST_SECRETS };
  beforeAll(() => {
    process.env.NODE_ENV = 'production';
    delete process.env.UC_FIXED_TEST_SECRETS;
  });
  afterAll(() => {
    process.env.NODE_ENV = previous.node;
    if (previous.flag !== undefined) process.env.UC_FIXED_TEST_SECRETS = previous.flag;
  });

  it('starts with real secrets', () => {
    expect(serverConfig({ env: envOf({}) }).app.keys).toHaveLength(2);
    expect(adminConfig({ env: envOf({}) }).auth?.secret).toBe(STRONG);
    expect(pluginsConfig({ env: envOf({}) })['user-communication'].config.linkSecretKey).toBeNull();
  });

  it('F16: stops on the APP_KEYS placeholder of .env.example, naming it', () => {
    expect(() => serverConfig({ env: envOf({ APP_KEYS: 'key1,key2,key3,key4' }) })).toThrow(
      /APP_KEYS/
    );
  });

  it('F16: stops on a short admin or users-permissions secret, naming it', () => {
    expect(() => adminConfig({ env: envOf({ ENCRYPTION_KEY: 'short' }) })).toThrow(
      /ENCRYPTION_KEY/
    );
    expect(() => pluginsConfig({ env: envOf({ JWT_SECRET: 'tobemodified' }) })).toThrow(
      /JWT_SECRET/
    );
  });

  it('stops on a short UC_LINK_SECRET_KEY, naming it', () => {
    expect(() => pluginsConfig({ env: envOf({ UC_LINK_SECRET_KEY: 'key1' }) })).toThrow(
      /UC_LINK_SECRET_KEY/
    );
  });
});
