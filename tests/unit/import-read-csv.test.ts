import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  ImportFileError,
  readUserSheet,
  type ReadSheetOptions,
} from '../../src/plugins/user-communication/server/src/import/read-sheet';
import { mapUserRows } from '../../src/plugins/user-communication/server/src/import/user-rows';

const limits = { maxBytes: 10 * 1024 * 1024, maxRows: 100_000 };
let dir: string;
let counter = 0;

const file = (content: Buffer | string, name = `file-${(counter += 1)}.csv`) => {
  const filePath = path.join(dir, name);
  fs.writeFileSync(filePath, content);
  return filePath;
};

const rejection = async (filePath: string, options: ReadSheetOptions = limits) => {
  const error = await readUserSheet(filePath, options).then(
    () => null,
    (thrown: unknown) => thrown
  );
  expect(error).toBeInstanceOf(ImportFileError);
  return error as ImportFileError;
};

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'uc-import-csv-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('reading CSV', () => {
  it('reads comma-separated rows with RFC 4180 quotes, numbering rows as a spreadsheet shows them', async () => {
    const csv =
      'email,username,note\r\na@example.com,ann,"one, two"\r\n\r\n"b@example.com","bob","say ""hi""\nsecond line"\r\nc@example.com,cid,last';
    const sheet = await readUserSheet(file(csv), limits);
    expect(sheet).toEqual({
      format: 'csv',
      headers: ['email', 'username', 'note'],
      rows: [
        { row: 2, cells: ['a@example.com', 'ann', 'one, two'] },
        { row: 4, cells: ['b@example.com', 'bob', 'say "hi"\nsecond line'] },
        { row: 5, cells: ['c@example.com', 'cid', 'last'] },
      ],
    });
  });

  it('detects a semicolon or tab delimiter from the header line, and honours a sep= line', async () => {
    const semicolon = await readUserSheet(
      file('email;username;note\nx@example.com;xavier;"a,b"\n'),
      limits
    );
    expect(semicolon.headers).toEqual(['email', 'username', 'note']);
    expect(semicolon.rows[0].cells).toEqual(['x@example.com', 'xavier', 'a,b']);
    const tab = await readUserSheet(file('email\tusername\ny@example.com\tyann\n'), limits);
    expect(tab.rows[0].cells).toEqual(['y@example.com', 'yann']);
    const sep = await readUserSheet(
      file('sep=;\nemail;name, with comma\nz@example.com;Zoé\n'),
      limits
    );
    expect(sep.headers).toEqual(['email', 'name, with comma']);
    expect(sep.rows).toEqual([{ row: 2, cells: ['z@example.com', 'Zoé'] }]);
  });

  it('reads UTF-8 with a byte-order mark without putting the mark in the first header', async () => {
    const sheet = await readUserSheet(
      file(
        Buffer.concat([
          Buffer.from([0xef, 0xbb, 0xbf]),
          Buffer.from('email,name\na@example.com,Søren Ærø 日本\n'),
        ])
      ),
      limits
    );
    expect(sheet.headers).toEqual(['email', 'name']);
    expect(sheet.rows[0].cells).toEqual(['a@example.com', 'Søren Ærø 日本']);
  });

  it('reads bytes that are not UTF-8 as Windows-1252 (Latin-1 plus € and curly quotes)', async () => {
    const sheet = await readUserSheet(
      file(
        Buffer.from(
          'email;name;price\nsoren@example.dk;S\xf8ren \xc6r\xf8;\x80 5 \x93ok\x94\n',
          'latin1'
        )
      ),
      limits
    );
    expect(sheet.rows[0].cells).toEqual(['soren@example.dk', 'Søren Ærø', '€ 5 “ok”']);
  });

  it('reads UTF-16 with a byte-order mark (Excel "Unicode text")', async () => {
    const body = Buffer.from('email\tname\r\nu@example.com\tŁukasz\r\n', 'utf16le');
    const sheet = await readUserSheet(
      file(Buffer.concat([Buffer.from([0xff, 0xfe]), body]), 'unicode.txt'),
      limits
    );
    expect(sheet.rows[0].cells).toEqual(['u@example.com', 'Łukasz']);
  });

  it('keeps formula-looking cells as plain data (the report neutralises them, not the reader)', async () => {
    const sheet = await readUserSheet(
      file(
        'email,note\nf@example.com,"=HYPERLINK(""http://evil.example"",""x"")"\ng@example.com,+cmd|\' /C calc\'!A0\n'
      ),
      limits
    );
    expect(sheet.rows.map((row) => row.cells[1])).toEqual([
      '=HYPERLINK("http://evil.example","x")',
      "+cmd|' /C calc'!A0",
    ]);
  });

  it('pads short rows, drops cells right of the last header, and trims trailing empty headers', async () => {
    const sheet = await readUserSheet(
      file('email,name,,\na@example.com\nb@example.com,Bea,extra,more\n,,,stray\n'),
      limits
    );
    expect(sheet.headers).toEqual(['email', 'name']);
    expect(sheet.rows).toEqual([
      { row: 2, cells: ['a@example.com', ''] },
      { row: 3, cells: ['b@example.com', 'Bea'] },
    ]);
  });

  it('returns no rows for a header-only file', async () => {
    expect(await readUserSheet(file('email,username\r\n'), limits)).toEqual({
      format: 'csv',
      headers: ['email', 'username'],
      rows: [],
    });
  });

  it('refuses an empty file, or one with only blank lines, as an empty sheet', async () => {
    expect((await rejection(file(''))).code).toBe('empty');
    const blank = await rejection(file('\r\n ; \r\n\r\n'));
    expect(blank.code).toBe('empty');
    expect(blank.message).toMatch(/^The sheet is empty/);
  });

  it('names the row where a quoted value is never closed', async () => {
    const error = await rejection(
      file('email,name\na@example.com,ok\nb@example.com,"broken\nc@example.com,fine\n')
    );
    expect(error.code).toBe('damaged');
    expect(error.message).toContain('starts on row 3');
  });

  it('stops at the first row past maxRows', async () => {
    const rows = Array.from({ length: 12 }, (_, index) => `u${index}@example.com`).join('\n');
    const error = await rejection(file(`email\n${rows}\n`), { ...limits, maxRows: 10 });
    expect(error.code).toBe('too-many-rows');
    expect(error.message).toBe(
      'The file has more than 10 rows. Split it into files of at most 10 rows each.'
    );
    expect(
      (await readUserSheet(file(`email\n${rows}\n\n\n`), { ...limits, maxRows: 12 })).rows
    ).toHaveLength(12);
  });

  it('refuses a file over maxBytes before reading it', async () => {
    const big = file('', 'big.csv');
    fs.truncateSync(big, 10 * 1024 * 1024 + 1);
    const error = await rejection(big);
    expect(error.code).toBe('too-large');
    expect(error.message).toBe('The file is larger than 10 MB. Split it into smaller files.');
  });

  it('reads a renamed .txt of prose as text; it then fails for having no "email" column, naming what it found', async () => {
    // Decision: anything that is text is read as CSV (Excel's "Text (tab delimited)" exports are .txt files),
    // so prose is refused one step later, by the column check, with the first line quoted back.
    const prose =
      'It was a bright cold day in April and the clocks were striking thirteen\nWinston Smith slipped quickly through the glass doors\n';
    const sheet = await readUserSheet(file(prose, 'users.txt'), limits);
    expect(sheet.format).toBe('csv');
    let error: unknown;
    try {
      mapUserRows(sheet);
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(ImportFileError);
    expect((error as ImportFileError).code).toBe('no-email-column');
    expect((error as ImportFileError).message).toContain('The sheet has no "email" column');
    expect((error as ImportFileError).message).toContain(
      '"It was a bright cold day in April and th…"'
    );
  });
});
