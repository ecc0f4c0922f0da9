import pluginConfig from '@server/config';

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
