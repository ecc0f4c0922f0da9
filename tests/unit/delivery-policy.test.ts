import { backoffSeconds } from '../../src/plugins/user-communication/server/src/utils/backoff';
import {
  classifySendError,
  describeSendError,
} from '../../src/plugins/user-communication/server/src/utils/classify-send-error';
import { maskSecrets } from '../../src/plugins/user-communication/server/src/utils/mask-secrets';

describe('delivery policy', () => {
  it('backs off exponentially, with jitter between half and all of the ceiling, up to the maximum', () => {
    const options = { baseSeconds: 30, maxSeconds: 3600 };
    expect(backoffSeconds(1, options, () => 0)).toBe(15);
    expect(backoffSeconds(1, options, () => 1)).toBe(30);
    expect(backoffSeconds(3, options, () => 1)).toBe(120);
    expect(backoffSeconds(20, options, () => 1)).toBe(3600);
  });

  it('treats SMTP 5xx as permanent and 4xx or network errors as temporary', () => {
    expect(classifySendError({ responseCode: 550 })).toBe('permanent');
    expect(classifySendError({ responseCode: 451 })).toBe('temporary');
    expect(classifySendError({ code: 'ECONNREFUSED' })).toBe('temporary');
    expect(classifySendError({ code: 'EENVELOPE' })).toBe('permanent');
    expect(classifySendError(new Error('boom'))).toBe('temporary');
  });

  it('describes an error on one line', () => {
    expect(
      describeSendError({ code: 'EMESSAGE', responseCode: 552, message: 'Too big\n at stack' })
    ).toBe('EMESSAGE 552 Too big');
    expect(
      describeSendError({
        code: 'EMESSAGE',
        responseCode: 550,
        message: 'Message failed: 550 No such user',
      })
    ).toBe('EMESSAGE Message failed: 550 No such user');
  });

  it('masks link tokens', () => {
    expect(maskSecrets('https://x.test/a#token=abc_DEF-123 and ?code=zz&b=1')).toBe(
      'https://x.test/a#token=[hidden] and ?code=[hidden]&b=1'
    );
    expect(maskSecrets(null)).toBe('');
  });
});
