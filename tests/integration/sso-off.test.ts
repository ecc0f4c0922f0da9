import { bootStrapi, type TestApp } from '../helpers/strapi';

// No OIDC_ISSUER: the `oidc` provider does not exist, as users-permissions sees it.
describe('single sign-on switched off (no OIDC_ISSUER)', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await bootStrapi();
  });

  afterAll(async () => {
    await app?.stop();
  });

  it('answers /api/connect/oidc as users-permissions answers a provider it does not know, and stores no oidc settings', async () => {
    const oidc = await app.http().get('/api/connect/oidc');
    const unknown = await app.http().get('/api/connect/no-such-provider');
    expect(oidc.status).toBe(400);
    expect(oidc.body.error).toMatchObject({ message: 'This provider is disabled' });
    expect({ status: oidc.status, body: oidc.body }).toEqual({
      status: unknown.status,
      body: unknown.body,
    });
    const grant = (await app.strapi
      .store({ type: 'plugin', name: 'users-permissions', key: 'grant' })
      .get({})) as Record<string, unknown>;
    expect(grant).not.toHaveProperty('oidc');
  });
});
