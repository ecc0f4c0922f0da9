import { ImportFileError, type SheetData } from '@server/import/read-sheet';
import { mapUserRows } from '@server/import/user-rows';
import { uniqueUsername, usernameBase } from '@server/user-fields/values';

const sheet = (headers: string[], ...rows: string[][]): SheetData => ({
  format: 'csv',
  headers,
  rows: rows.map((cells, index) => ({ row: index + 2, cells })),
});

const fileError = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ImportFileError);
    return error as ImportFileError;
  }
  throw new Error('expected an ImportFileError');
};

describe('mapping user rows', () => {
  it('maps columns by header case-insensitively and trims values; email is lower-cased', () => {
    const result = mapUserRows(
      sheet(
        [' E-Mail ', 'USERNAME', 'Locale', 'Blocked'],
        ['  Ada@Example.COM ', ' ada ', 'en_gb', 'YES']
      )
    );
    expect(result).toEqual({
      rows: [
        {
          row: 2,
          email: 'ada@example.com',
          username: 'ada',
          usernameDerived: false,
          locale: 'en-GB',
          blocked: true,
          attributes: {},
        },
      ],
      invalid: [],
      unknownHeaders: [],
    });
  });

  it('reads attr: columns and configured columns as attributes, and reports the other headers', () => {
    const result = mapUserRows(
      sheet(
        ['email', 'attr:employeeId', 'Employee Grade', 'Notes', ''],
        ['a@example.com', ' E-17 ', 'B2', 'ignored', 'x'],
        ['b@example.com', '', '', '', '']
      ),
      {
        columns: { 'employee grade': 'grade' },
      }
    );
    expect(result.rows.map((row) => row.attributes)).toEqual([
      { employeeId: 'E-17', grade: 'B2' },
      {},
    ]);
    expect(result.unknownHeaders).toEqual(['Notes']);
  });

  it('lets the column mapping name a standard field', () => {
    const result = mapUserRows(sheet(['Mail address'], ['a@example.com']), {
      columns: { 'Mail address': 'email' },
    });
    expect(result.rows[0].email).toBe('a@example.com');
  });

  it('refuses a sheet without an email column, listing the headers it found', () => {
    const error = fileError(() => mapUserRows(sheet(['Name', 'Mail'], ['Ann', 'a@example.com'])));
    expect(error.code).toBe('no-email-column');
    expect(error.message).toContain('The sheet has no "email" column');
    expect(error.message).toContain('Columns found: "Name", "Mail".');
  });

  it('refuses two columns for the same field, and attr: columns that would set protected attributes', () => {
    expect(
      fileError(() => mapUserRows(sheet(['email', 'Email'], ['a@example.com', 'b@example.com'])))
        .message
    ).toBe('The columns "email" (A) and "Email" (B) both give the email. Keep one of them.');
    for (const header of [
      'attr:password',
      'attr:role',
      'attr:confirmed',
      'attr:__proto__',
      'attr:bad name',
    ]) {
      expect(
        fileError(() => mapUserRows(sheet(['email', header], ['a@example.com', 'x']))).code
      ).toBe('bad-columns');
    }
    expect(
      fileError(() => mapUserRows(sheet(['email', 'attr:username'], ['a@example.com', 'x'])))
        .message
    ).toContain('name that column "username" instead');
  });

  it('lists every error of a row, and the later of two rows with the same e-mail is the invalid one', () => {
    const result = mapUserRows(
      sheet(
        ['email', 'username', 'locale', 'blocked'],
        ['foo@', '', '', ''],
        ['ann@example.com', 'ann', '', ''],
        ['', 'nobody', '', ''],
        ['ANN@example.com', 'ann2', 'english', 'maybe'],
        ['bob@example.com', 'Ann', '', '']
      )
    );
    expect(result.rows.map((row) => row.row)).toEqual([3]);
    expect(result.invalid).toEqual([
      { row: 2, errors: ['Invalid e-mail address "foo@"'] },
      { row: 4, errors: ['The e-mail address is missing'] },
      {
        row: 5,
        errors: [
          'Duplicate of row 3 (same e-mail)',
          'locale "english" is not a language code like "en" or "en-GB"',
          'blocked must be true/false, yes/no, 1/0 or empty, not "maybe"',
        ],
      },
      { row: 6, errors: ['Duplicate of row 3 (same username)'] },
    ]);
  });

  it('accepts the blocked spellings in any case, empty meaning not said (null)', () => {
    const values = ['true', 'FALSE', 'Yes', 'no', '1', '0', '', ' TRUE '];
    const result = mapUserRows(
      sheet(['email', 'blocked'], ...values.map((value, index) => [`u${index}@example.com`, value]))
    );
    expect(result.rows.map((row) => row.blocked)).toEqual([
      true,
      false,
      true,
      false,
      true,
      false,
      null,
      true,
    ]);
  });

  it('checks e-mail addresses the way a mail system would', () => {
    const good = [
      'a@example.com',
      'first.last+tag@sub.example.co.uk',
      "o'brien@example.ie",
      'jürgen@müller.de',
      'x@xn--80ak6aa92e.com',
    ];
    const bad = [
      'plain',
      '@example.com',
      'a@',
      'a@example',
      'a@@example.com',
      'a..b@example.com',
      '.a@example.com',
      'a b@example.com',
      'a@example.123',
      'a@-example.com',
      `${'l'.repeat(65)}@example.com`,
      'no\u00a0break@example.com',
      'zero\u200bwidth@example.com',
    ];
    const result = mapUserRows(sheet(['email'], ...[...good, ...bad].map((email) => [email])));
    expect(result.rows.map((row) => row.email)).toEqual(good);
    expect(result.invalid).toHaveLength(bad.length);
  });

  it('refuses values over the length limits, in characters', () => {
    const long = `${'a'.repeat(250)}@example.com`;
    const result = mapUserRows(
      sheet(
        ['email', 'username', 'attr:department'],
        [long, 'x', ''],
        ['b@example.com', 'u'.repeat(256), 'é'.repeat(255)],
        ['c@example.com', '', 'd'.repeat(256)]
      )
    );
    expect(result.invalid).toEqual([
      {
        row: 2,
        errors: [
          'e-mail is longer than 255 characters',
          'username "x" is shorter than 3 characters',
        ],
      },
      { row: 3, errors: ['username is longer than 255 characters'] },
      { row: 4, errors: ['attr:department is longer than 255 characters'] },
    ]);
    const custom = mapUserRows(sheet(['email', 'attr:code'], ['d@example.com', 'ABCDEF']), {
      attributes: { code: { type: 'string', maxLength: 5 } },
    });
    expect(custom.invalid).toEqual([{ row: 2, errors: ['attr:code is longer than 5 characters'] }]);
  });

  it('refuses control characters that a database would choke on', () => {
    const result = mapUserRows(
      sheet(
        ['email', 'attr:note'],
        ['a@example.com', 'bad\u0000value'],
        ['b@example.com', 'two\nlines']
      )
    );
    expect(result.invalid).toEqual([
      { row: 2, errors: ['attr:note contains a control character'] },
    ]);
    expect(result.rows[0].attributes.note).toBe('two\nlines');
  });

  it('derives missing usernames from the e-mail, unique within the file and never taking an explicit one', () => {
    const result = mapUserRows(
      sheet(
        ['email', 'username'],
        ['Søren.Ærø+news@example.dk', ''],
        ['info@a.example', ''],
        ['info@b.example', ''],
        ['info@c.example', 'info-3'],
        ['jo@example.com', ''],
        ['!!!@example.com', '']
      )
    );
    expect(result.rows.map((row) => [row.username, row.usernameDerived])).toEqual([
      ['soren.aero', true],
      ['info', true],
      ['info-2', true],
      ['info-3', false],
      ['user-jo', true],
      ['user', true],
    ]);
  });

  it('keeps data as typed: a formula-looking value is just a string here', () => {
    const result = mapUserRows(sheet(['email', 'attr:note'], ['a@example.com', '=1+1']));
    expect(result.rows[0].attributes.note).toBe('=1+1');
  });
});

describe('unique usernames', () => {
  it('suffixes -2, -3… until free, resuming per base when given a shared map', () => {
    const taken = new Set(['ann', 'ann-2']);
    expect(uniqueUsername('ann', (name) => taken.has(name))).toBe('ann-3');
    expect(uniqueUsername('bob', (name) => taken.has(name))).toBe('bob');

    const next = new Map<string, number>();
    const names = new Set<string>();
    let checks = 0;
    for (let index = 0; index < 10_000; index += 1) {
      names.add(
        uniqueUsername(
          'info',
          (name) => {
            checks += 1;
            return names.has(name);
          },
          next
        )
      );
    }
    expect(names.size).toBe(10_000);
    expect(checks).toBe(10_000);
  });

  it('cuts the base so the suffix still fits the maximum length', () => {
    const base = 'x'.repeat(255);
    expect(uniqueUsername(base, (name) => name === base)).toBe(`${'x'.repeat(253)}-2`);
  });

  it('cleans an e-mail local part to [a-z0-9._-], at least 3 characters', () => {
    expect(usernameBase("Zoë.O'Brien@example.com")).toBe('zoe.obrien');
    expect(usernameBase('__a__@example.com')).toBe('user-a');
  });
});
