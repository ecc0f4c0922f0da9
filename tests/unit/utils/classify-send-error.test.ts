import {
  isRecipientRejection,
  classifySendError,
  describeSendError,
} from '@server/utils/classify-send-error';

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

  it('counts as a bad address only a 5xx to RCPT TO that names the address (5.1.x, 5.2.1)', () => {
    const refusal = (responseCode: number, response: string, command = 'RCPT TO') => ({
      code: 'EENVELOPE',
      responseCode,
      response,
      command,
    });
    expect(isRecipientRejection(refusal(550, '550 5.1.1 <x@example.org>: user unknown'))).toBe(
      true
    );
    expect(isRecipientRejection(refusal(550, '550 5.2.1 mailbox disabled'))).toBe(true);
    expect(isRecipientRejection(refusal(550, '550 no such user here'))).toBe(true);
    // The sender's own relay refusing everyone, policy and spam blocks, a full mailbox.
    expect(isRecipientRejection(refusal(554, '554 5.7.1 Relay access denied'))).toBe(false);
    expect(isRecipientRejection(refusal(550, '550 5.7.1 blocked by policy'))).toBe(false);
    expect(isRecipientRejection(refusal(552, '552 5.2.2 mailbox full'))).toBe(false);
    expect(isRecipientRejection(refusal(554, '554 transaction failed'))).toBe(false);
    expect(isRecipientRejection(refusal(450, '450 4.1.1 try later'))).toBe(false);
    expect(isRecipientRejection(refusal(550, '550 5.1.1 x', 'MAIL FROM'))).toBe(false);
    expect(isRecipientRejection(refusal(550, '550 5.1.1 x', 'DATA'))).toBe(false);
  });
});
