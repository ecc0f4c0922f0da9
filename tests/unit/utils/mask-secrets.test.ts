import { maskSecrets } from '@server/utils/mask-secrets';

describe('masking secrets', () => {
  it('masks link tokens', () => {
    expect(maskSecrets('https://x.test/a#token=abc_DEF-123 and ?code=zz&b=1')).toBe(
      'https://x.test/a#token=[hidden] and ?code=[hidden]&b=1'
    );
    expect(maskSecrets(null)).toBe('');
  });
});
