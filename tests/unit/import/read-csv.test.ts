import { readUserSheet } from '@server/import/read-sheet';
import { limits, rejection, tempFiles } from './sheet-files';

const { file } = tempFiles();

describe('reading CSV', () => {
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
  });

  // Behaviour that came with csv-parse (relax_quotes): text after a closing quote used to be joined to the value without its quotes.
  it('keeps a quoted value followed by more text as written, quotes included', async () => {
    const sheet = await readUserSheet(file('email,note\na@example.com,"quoted"after\n'), limits);
    expect(sheet.rows[0].cells).toEqual(['a@example.com', '"quoted"after']);
  });
});
