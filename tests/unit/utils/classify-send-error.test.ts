import { classifySendError, describeSendError } from '@server/utils/classify-send-error';

describe('classifying delivery errors', () => {
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
});
