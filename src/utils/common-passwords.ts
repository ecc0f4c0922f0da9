/**
 * The reference app's own password rule, given to users-permissions as its
 * `validationRules.validatePassword` hook: refuse passwords that are among the most used ones
 * (NIST SP 800-63B-4 §3.1.1.2 asks verifiers to check a blocklist of commonly used passwords).
 * A real platform would use a larger list or a breached-password service; the hook is the same.
 */
const COMMON_PASSWORDS = new Set([
  '12345678',
  '123456789',
  '1234567890',
  '123123123',
  '11111111',
  '00000000',
  '87654321',
  'password',
  'password1',
  'password12',
  'password123',
  'passw0rd',
  'p@ssw0rd',
  'p@ssword',
  'qwertyui',
  'qwerty123',
  'qwertyuiop',
  'asdfghjkl',
  'abc12345',
  'abcd1234',
  'iloveyou',
  'sunshine',
  'football',
  'baseball',
  'superman',
  'princess',
  'whatever',
  'trustno1',
  'letmein1',
  'welcome1',
  'welcome123',
  'admin123',
  'changeme',
  'dragon123',
  'monkey123',
  'starwars',
  'computer',
  'michelle',
  'jennifer',
  'liverpool',
]);

export const isAcceptedPassword = (password: string): boolean =>
  !COMMON_PASSWORDS.has(password.toLowerCase());
