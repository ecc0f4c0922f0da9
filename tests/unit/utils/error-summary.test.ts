import { errorSummary } from '@server/utils/error-summary';

describe('errorSummary', () => {
  it('names a database error by its name and code, never by its message (which quotes values)', () => {
    const error = Object.assign(
      new Error("Duplicate entry 'ada@example.com' for key 'up_users_email_index'"),
      { code: 'ER_DUP_ENTRY' }
    );
    expect(errorSummary(error)).toBe('Error (ER_DUP_ENTRY)');
  });

  it('gives the name alone when there is no code, and says nothing of a thrown non-Error', () => {
    expect(errorSummary(new TypeError('secret detail'))).toBe('TypeError');
    expect(errorSummary('secret detail')).toBe('a non-Error value');
  });
});
