import serverConfig from '../../../../config/server';

type Env = Parameters<typeof serverConfig>[0]['env'];

/** A stand-in for Strapi's env helper over a plain map. */
const envOf = (given: Record<string, string>): Env => {
  const values: Record<string, string> = {
    APP_KEYS: 'first-test-app-key-0001,second-test-app-key-002',
    ...given,
  };
  const env = ((key: string, fallback?: unknown) => values[key] ?? fallback) as Env;
  env.int = ((key: string, fallback?: number) =>
    values[key] === undefined ? fallback : Number(values[key])) as Env['int'];
  return env;
};

describe('server config', () => {
  const previous = process.env.NODE_ENV;
  beforeAll(() => {
    process.env.NODE_ENV = 'development';
  });
  afterAll(() => {
    process.env.NODE_ENV = previous;
  });

  it('trusts no forwarding header without a proxy', () => {
    expect(serverConfig({ env: envOf({}) }).proxy).toMatchObject({ koa: false, maxIpsCount: 0 });
  });

  it('reads the client address past PROXY_HOPS trusted proxies, from the right', () => {
    expect(serverConfig({ env: envOf({ PROXY_HOPS: '2' }) }).proxy).toEqual({
      koa: true,
      maxIpsCount: 2,
      ipHeader: 'X-Forwarded-For',
    });
  });
});
