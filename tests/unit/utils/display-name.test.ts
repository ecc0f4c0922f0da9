import { DISPLAY_NAME_MAX, displayText, greetingName } from '@server/utils/display-name';

const person = {
  email: 'jane@example.com',
  username: 'Jane Learner',
  origin: 'manual' as const,
  activatedAt: '2026-01-01T00:00:00.000Z',
  lastLoginAt: null,
};

describe('display values in mail', () => {
  it('turns line breaks and other control characters into single spaces', () => {
    expect(displayText('Jane,\r\n\r\nYour account\twill\u0000be\u0085closed\u2028now')).toBe(
      'Jane, Your account will be closed now'
    );
  });

  it('drops direction overrides that would reorder what the reader sees', () => {
    expect(displayText('Jane\u202Emoc.live\u202C')).toBe('Janemoc.live');
  });

  it(`caps a long value at ${DISPLAY_NAME_MAX} characters, ending with an ellipsis`, () => {
    const capped = displayText('x'.repeat(500));
    expect(Array.from(capped)).toHaveLength(DISPLAY_NAME_MAX);
    expect(capped.endsWith('…')).toBe(true);
  });

  it('never cuts a character in half', () => {
    const capped = displayText('😀'.repeat(100));
    expect(capped).toBe(`${'😀'.repeat(DISPLAY_NAME_MAX - 1)}…`);
  });

  it('leaves an ordinary name as it is', () => {
    expect(displayText('Søren Ærø-Jensen')).toBe('Søren Ærø-Jensen');
  });
});

describe('whom a mail greets', () => {
  it('greets an activated account by its cleaned name', () => {
    expect(greetingName({ ...person, username: 'Jane\nLearner' })).toBe('Jane Learner');
  });

  it('greets an account that is not activated by its address, never by the chosen name', () => {
    expect(greetingName({ ...person, activatedAt: null })).toBe('jane@example.com');
  });

  it('counts a login as activation (accounts from before activatedAt existed)', () => {
    expect(
      greetingName({ ...person, activatedAt: null, lastLoginAt: '2026-01-02T00:00:00Z' })
    ).toBe('Jane Learner');
  });

  it('reads activation and login given only as whether they happened (the reminder run)', () => {
    expect(greetingName({ ...person, activatedAt: false, lastLoginAt: true })).toBe('Jane Learner');
    expect(greetingName({ ...person, activatedAt: true, lastLoginAt: false })).toBe('Jane Learner');
    expect(greetingName({ ...person, activatedAt: false, lastLoginAt: false })).toBe(
      'jane@example.com'
    );
  });

  it('shows a name of exactly the longest length whole, and one a code point longer cut', () => {
    const longest = 'é'.repeat(DISPLAY_NAME_MAX);
    expect(displayText(longest)).toBe(longest);
    expect(Array.from(displayText(`${longest}é`))).toHaveLength(DISPLAY_NAME_MAX);
    // Longer than the cap in UTF-16 units, not in characters: whole.
    expect(displayText('😀'.repeat(DISPLAY_NAME_MAX))).toBe('😀'.repeat(DISPLAY_NAME_MAX));
  });

  it('greets a self-registered account by its address even once activated', () => {
    // Whoever registered chose the name, and could activate by logging in with their own password.
    expect(greetingName({ ...person, origin: 'self-registration' })).toBe('jane@example.com');
  });

  it('falls back to the address when there is no name, or nothing is left of it', () => {
    expect(greetingName({ ...person, username: null })).toBe('jane@example.com');
    expect(greetingName({ ...person, username: '\u0000\n\u202E' })).toBe('jane@example.com');
  });
});
