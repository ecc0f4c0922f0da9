import { newSlot } from '@server/utils/link-secrets';
import { maskSecrets } from '@server/utils/mask-secrets';

const TOKEN = 'AbCdEf0123456789_-AbCdEf0123456789_-AbCdEfG';

describe('masking secrets', () => {
  it('masks link tokens', () => {
    expect(maskSecrets('https://x.test/a#token=abc_DEF-123 and ?code=zz&b=1')).toBe(
      'https://x.test/a#token=[hidden] and ?code=[hidden]&b=1'
    );
    expect(maskSecrets(null)).toBe('');
  });

  it.each([
    ['raw', `https://x.test/activate#token=${TOKEN}`],
    ['HTML-escaped =', `https://x.test/activate#token&#61;${TOKEN}`],
    ['HTML-escaped hex =', `https://x.test/activate#token&#x3d;${TOKEN}`],
    ['HTML-escaped &', `https://x.test/reset?a=1&amp;code=${TOKEN}`],
    ['percent-encoded', `https://x.test/r?next=%2Freset%3Fcode%3D${TOKEN}`],
    ['percent-encoded fragment', `https://x.test/a%23token%3D${TOKEN}`],
    ['a one-time change', `https://x.test/reset-password#change=${TOKEN}`],
  ])('masks a token in a link, %s', (_, body) => {
    expect(maskSecrets(body)).not.toContain(TOKEN);
    expect(maskSecrets(body)).toContain('[hidden]');
  });

  it.each([
    ['raw', `https://x.test/api/user-communication/unsubscribe/${TOKEN}.${TOKEN}`],
    [
      'percent-encoded',
      `https://x.test/r?next=%2Fapi%2Fuser-communication%2Funsubscribe%2F${TOKEN}`,
    ],
  ])("masks a reminder's unsubscribe link, %s", (_, body) => {
    expect(maskSecrets(body)).not.toContain(TOKEN);
    expect(maskSecrets(body)).toMatch(/unsubscribe(\/|%2F)\[hidden\]$/);
  });

  it('shows the slot of a hidden link token as [hidden]', () => {
    const slot = newSlot();
    expect(maskSecrets(`<a href="https://x.test/activate#token&#61;${slot}">`)).toBe(
      '<a href="https://x.test/activate#token&#61;[hidden]">'
    );
  });
});
