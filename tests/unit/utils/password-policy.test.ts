import { checkPassword } from '@server/utils/password-policy';

const rules = { minLength: 8 };

describe('password policy', () => {
  it('names the rule that fails', async () => {
    expect(await checkPassword(undefined, undefined, rules)).toMatchObject({
      field: 'password',
      message: 'password is required',
    });
    expect(await checkPassword('short', 'short', rules)).toMatchObject({
      message: 'password must be at least 8 characters',
    });
    expect(await checkPassword('é'.repeat(37), 'é'.repeat(37), rules)).toMatchObject({
      message: 'password must be at most 72 bytes',
    });
    expect(await checkPassword('Long-enough-1', 'other', rules)).toMatchObject({
      field: 'passwordConfirmation',
    });
    expect(await checkPassword('Long-enough-1', 'Long-enough-1', rules)).toBeNull();
  });

  it("applies users-permissions' validatePassword hook", async () => {
    const strict = { minLength: 8, validatePassword: (password: string) => /\d/.test(password) };
    expect(await checkPassword('no-digits-here', 'no-digits-here', strict)).toMatchObject({
      message: 'password was refused by the password policy',
    });
    const throwing = {
      minLength: 8,
      validatePassword: () => {
        throw new Error('Use a symbol');
      },
    };
    expect(await checkPassword('Long-enough-1', 'Long-enough-1', throwing)).toMatchObject({
      message: 'Use a symbol',
    });
  });
});
