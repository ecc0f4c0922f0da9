// bcryptjs 2.4.3 (users-permissions' own hashing, pinned to its version) ships no types.
declare module 'bcryptjs' {
  export function hash(password: string, rounds: number): Promise<string>;
}
