// Look-alikes (I, l, O, 0, 1) are left out: the admin may have to read the password out or type it elsewhere.
const CLASSES = [
  'ABCDEFGHJKLMNPQRSTUVWXYZ',
  'abcdefghijkmnopqrstuvwxyz',
  '23456789',
  '!#$%&*+-=?@^_~',
] as const;
const ALPHABET = CLASSES.join('');

export const GENERATED_PASSWORD_LENGTH = 20;

/** A uniformly random index below `size`: values past the last whole multiple of `size` are drawn again (no modulo bias). */
const randomIndex = (size: number): number => {
  const limit = Math.floor(0x1_0000_0000 / size) * size;
  const buffer = new Uint32Array(1);
  for (;;) {
    const [value = limit] = crypto.getRandomValues(buffer);
    if (value < limit) return value % size;
  }
};

/** A strong random password from the browser's CSPRNG, with at least one upper and lower case letter, digit and symbol. */
export const generatePassword = (length = GENERATED_PASSWORD_LENGTH): string => {
  for (;;) {
    const password = Array.from({ length }, () =>
      ALPHABET.charAt(randomIndex(ALPHABET.length))
    ).join('');
    if (CLASSES.every((chars) => [...password].some((char) => chars.includes(char))))
      return password;
  }
};
