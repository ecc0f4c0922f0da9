import { readUserSheet } from '@server/import/read-sheet';
import { limits, rejection, tempFiles } from './sheet-files';

const { file } = tempFiles('users.csv');

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

  it('keeps short rows short, drops cells right of the last header, and trims trailing empty headers', async () => {
    const sheet = await readUserSheet(
      file('email,name,,\na@example.com\nb@example.com,Bea,extra,more\n,,,stray\n'),
      limits
    );
    expect(sheet.headers).toEqual(['email', 'name']);
    expect(sheet.rows).toEqual([
      { row: 2, cells: ['a@example.com'] },
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

  it('reads CR, LF and CRLF line ends, mixed in one file', async () => {
    const sheet = await readUserSheet(
      file('email\ra@example.com\nb@example.com\r\nc@example.com'),
      limits
    );
    expect(sheet.rows.map((row) => [row.row, row.cells[0]])).toEqual([
      [2, 'a@example.com'],
      [3, 'b@example.com'],
      [4, 'c@example.com'],
    ]);
  });

  it('names the row where a quote is left open, counting blank lines and multi-line values but not the sep= line', async () => {
    const error = await rejection(
      file(
        'sep=;\nemail;note\n\na@example.com;"two\nlines"\nb@example.com;"broken\nc@example.com;d\n'
      )
    );
    expect(error.code).toBe('damaged');
    expect(error.message).toBe(
      'A quoted value that starts on row 4 is never closed, so the rest of the file would be one cell. Check that row for a stray " character.'
    );
  });

  it('tells the encoding from the whole file, not from its first chunk: one byte past 64 KB makes it all Windows-1252', async () => {
    // C3 B8 is "ø" in UTF-8 and "Ã¸" in Windows-1252; F8 alone is "ø" in Windows-1252 and invalid UTF-8.
    const filler = Array.from({ length: 4000 }, (_, index) => `u${index}@example.com;x\n`).join('');
    const bytes = Buffer.concat([
      Buffer.from('email;name\nfirst@example.com;S\xc3\xb8ren\n', 'latin1'),
      Buffer.from(filler),
      Buffer.from('last@example.com;S\xf8ren\n', 'latin1'),
    ]);
    expect(bytes.length).toBeGreaterThan(64 * 1024);
    const sheet = await readUserSheet(file(bytes), limits);
    expect(sheet.rows[0].cells).toEqual(['first@example.com', 'SÃ¸ren']);
    expect(sheet.rows.at(-1)?.cells).toEqual(['last@example.com', 'Søren']);
  });

  it('keeps characters whole across the chunks the file is read in, in UTF-8 and in UTF-16', async () => {
    const name = (index: number) => `Søren 日本語 😀 ${index}`;
    const text = `email\tname\n${Array.from({ length: 5000 }, (_, index) => `u${index}@example.com\t${name(index)}\n`).join('')}`;
    for (const bytes of [
      Buffer.from(text),
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
    ]) {
      const sheet = await readUserSheet(file(bytes, 'users.txt'), limits);
      expect(sheet.rows).toHaveLength(5000);
      expect(sheet.rows.filter((row, index) => row.cells[1] !== name(index))).toEqual([]);
    }
  }, 30_000);

  // Behaviour that came with csv-parse (relax_quotes): text after a closing quote used to be joined to the value without its quotes.
  it('keeps a quoted value followed by more text as written, quotes included', async () => {
    const sheet = await readUserSheet(file('email,note\na@example.com,"quoted"after\n'), limits);
    expect(sheet.rows[0].cells).toEqual(['a@example.com', '"quoted"after']);
  });
});
