import pluginConfig from '@server/config';
import { allowedDomains, oidcIssuer, openIssuerWarning } from '@server/config/sso';

const validate = (overrides: Record<string, unknown>, nodeEnv: string) => {
  const previous = process.env.NODE_ENV;
  process.env.NODE_ENV = nodeEnv;
  try {
    pluginConfig.validator({ ...pluginConfig.default(), ...overrides });
  } finally {
    process.env.NODE_ENV = previous;
  }
};

describe('plugin options', () => {
  it('names a wrong option', () => {
    expect(() => validate({ passwordMinLength: 0 }, 'development')).toThrow(
      /passwordMinLength must be at least 1/
    );
  });

  it('takes http links outside production', () => {
    expect(() => validate({ publicUrl: 'http://localhost:1337' }, 'development')).not.toThrow();
  });

  it('refuses, in production, URLs that would carry link tokens in clear text', () => {
    expect(() => validate({}, 'production')).toThrow(
      /publicUrl must be an https URL in production/
    );
    expect(() =>
      validate(
        { publicUrl: 'https://api.example.com', resetPasswordUrl: 'http://learn.example.com/r' },
        'production'
      )
    ).toThrow(/resetPasswordUrl must be an https URL/);
    expect(() =>
      validate(
        { publicUrl: 'https://api.example.com', linkSecretKey: 'x'.repeat(32) },
        'production'
      )
    ).not.toThrow();
  });

  it('refuses a link-sealing secret shorter than 16 characters', () => {
    expect(() => validate({ linkSecretKey: 'short' }, 'development')).toThrow(/linkSecretKey/);
  });
});

describe('sso.oidc options', () => {
  const oidc = (options: Record<string, unknown>) => ({
    sso: {
      oidc: {
        ...pluginConfig.default().sso.oidc,
        clientId: 'platform',
        clientSecret: 'secret',
        ...options,
      },
    },
  });

  it('leaves the provider off without an issuer, whatever else is set', () => {
    expect(() => validate(oidc({ issuer: null, clientId: null }), 'development')).not.toThrow();
    expect(() => validate(oidc({ issuer: '' }), 'development')).not.toThrow();
  });

  it('takes an https issuer, and an http one on loopback only', () => {
    for (const issuer of [
      'https://login.microsoftonline.com/8f1c5d2e-0000-4000-8000-000000000000/v2.0',
      'https://example.okta.com/oauth2/default',
      'http://127.0.0.1:8080',
      'http://localhost:8080/realms/test',
      'http://[::1]:8080',
    ]) {
      expect(() => validate(oidc({ issuer }), 'development')).not.toThrow();
    }
  });

  it('refuses an http issuer off loopback, naming the variable', () => {
    expect(() => validate(oidc({ issuer: 'http://idp.example.com' }), 'development')).toThrow(
      /sso\.oidc\.issuer \(OIDC_ISSUER\) must be an https URL \(http is accepted only on loopback/
    );
    expect(() => validate(oidc({ issuer: 'idp.example.com' }), 'development')).toThrow(
      /OIDC_ISSUER\) must be an absolute URL/
    );
    expect(() =>
      validate(oidc({ issuer: 'https://idp.example.com/?tenant=x' }), 'development')
    ).toThrow(/OIDC_ISSUER\) must have no query or fragment/);
  });

  it('requires the client id and secret with an issuer, and openid in the scope', () => {
    const run = () =>
      validate(
        oidc({
          issuer: 'https://idp.example.com',
          clientId: '',
          clientSecret: null,
          scope: 'email profile',
        }),
        'development'
      );
    expect(run).toThrow(/sso\.oidc\.clientId \(OIDC_CLIENT_ID\) is required/);
    expect(run).toThrow(/sso\.oidc\.clientSecret \(OIDC_CLIENT_SECRET\) is required/);
    expect(run).toThrow(/sso\.oidc\.scope \(OIDC_SCOPE\) must include openid/);
  });

  it('refuses a relative redirect URL and unknown options', () => {
    expect(() =>
      validate(oidc({ issuer: 'https://idp.example.com', redirectUrl: '/login' }), 'development')
    ).toThrow(/OIDC_REDIRECT_URL\) must be an absolute http\(s\) URL/);
    expect(() => validate(oidc({ issuerUrl: 'https://idp.example.com' }), 'development')).toThrow(
      /Unknown sso\.oidc option\(s\): issuerUrl/
    );
  });

  it('takes the issuer without the spaces an environment file leaves around it', () => {
    expect(() =>
      validate(oidc({ issuer: ' https://idp.example.com \n' }), 'development')
    ).not.toThrow();
    expect(oidcIssuer({ issuer: ' https://idp.example.com \n' })).toBe('https://idp.example.com');
  });

  it('reads allowed domains without regard to case, spaces or a leading @, and refuses a non-domain', () => {
    expect(allowedDomains({ allowedDomains: [' Example.COM', '@staff.example.org', ''] })).toEqual([
      'example.com',
      'staff.example.org',
    ]);
    expect(() =>
      validate(
        oidc({ issuer: 'https://idp.example.com', allowedDomains: ['user@example.com'] }),
        'development'
      )
    ).toThrow(/OIDC_ALLOWED_DOMAINS\) has "user@example.com", which is not a domain name/);
  });

  it('warns of an issuer that vouches for anyone (Google, Entra common) unless domains are allowed', () => {
    for (const issuer of [
      'https://accounts.google.com',
      'https://login.microsoftonline.com/common/v2.0',
      'https://login.microsoftonline.com/organizations/v2.0',
    ])
      expect(openIssuerWarning({ issuer, allowedDomains: [] })).toMatch(/OIDC_ALLOWED_DOMAINS/);
    expect(
      openIssuerWarning({ issuer: 'https://accounts.google.com', allowedDomains: ['example.com'] })
    ).toBeNull();
    expect(
      openIssuerWarning({
        issuer: 'https://login.microsoftonline.com/8f0e2c1a-0000-4000-8000-000000000000/v2.0',
        allowedDomains: [],
      })
    ).toBeNull();
  });
});

describe('feedback options', () => {
  const feedback = (options: Record<string, unknown>) => ({
    feedback: { ...pluginConfig.default().feedback, ...options },
  });

  it('refuses what would leave an endpoint unable to check its requests, naming the variable', () => {
    expect(() =>
      validate(
        feedback({ ses: { topicArns: ['ses-feedback'], certificateHosts: [] } }),
        'development'
      )
    ).toThrow(/UC_FEEDBACK_SES_TOPIC_ARNS.*not an SNS topic ARN/);
    expect(() =>
      validate(feedback({ sendgrid: { publicKey: 'bm90IGEga2V5' } }), 'development')
    ).toThrow(/UC_FEEDBACK_SENDGRID_PUBLIC_KEY/);
    expect(() =>
      validate(feedback({ postmark: { username: 'postmark', password: null } }), 'development')
    ).toThrow(/needs both username and password/);
    expect(() =>
      validate(feedback({ ses: { topicArns: [], certificateHosts: ['https://x'] } }), 'development')
    ).toThrow(/not a host name pattern/);
  });

  it('takes topic ARNs of every partition and host patterns with a port', () => {
    expect(() =>
      validate(
        feedback({
          ses: {
            topicArns: [
              'arn:aws:sns:eu-west-1:123456789012:ses-feedback',
              'arn:aws-cn:sns:cn-north-1:123456789012:t',
            ],
            certificateHosts: ['sns.*.amazonaws.com', '127.0.0.1:8443'],
          },
        }),
        'development'
      )
    ).not.toThrow();
  });
});
