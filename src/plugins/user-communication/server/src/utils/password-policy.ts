export interface PasswordRules {
  minLength: number;
  validatePassword?: (password: string) => boolean | Promise<boolean>;
}

/**
 * The password rules of users-permissions (at most 72 bytes, bcrypt's limit; its optional
 * `validatePassword` hook) plus a minimum length (NIST SP 800-63B-4: at least 8 characters
 * when a password is the only factor). Returns the rule that failed, or null.
 */
export const checkPassword = async (
  password: unknown,
  confirmation: unknown,
  rules: PasswordRules
): Promise<{ field: 'password' | 'passwordConfirmation'; message: string } | null> => {
  if (typeof password !== 'string' || password.length === 0)
    return { field: 'password', message: 'password is required' };
  if ([...password].length < rules.minLength) {
    return {
      field: 'password',
      message: `password must be at least ${rules.minLength} characters`,
    };
  }
  if (new TextEncoder().encode(password).length > 72)
    return { field: 'password', message: 'password must be at most 72 bytes' };
  if (password !== confirmation)
    return {
      field: 'passwordConfirmation',
      message: 'passwordConfirmation does not match password',
    };
  if (rules.validatePassword) {
    let accepted: boolean;
    try {
      accepted = await rules.validatePassword(password);
    } catch (error) {
      return {
        field: 'password',
        message: (error as Error).message || 'password was refused by the password policy',
      };
    }
    if (!accepted)
      return { field: 'password', message: 'password was refused by the password policy' };
  }
  return null;
};
