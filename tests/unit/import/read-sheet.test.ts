import crypto from 'node:crypto';
import fs from 'node:fs';
import { ImportFileError, readUserSheet } from '@server/import/read-sheet';
import { mapUserRows } from '@server/import/user-rows';
import { limits, rejection, tempFiles } from './sheet-files';

const { file } = tempFiles();

describe('telling a spreadsheet by its content', () => {
  it('refuses random binary named .xlsx as not a spreadsheet', async () => {
    const error = await rejection(file(crypto.randomBytes(64 * 1024)));
    expect(error.code).toBe('not-a-spreadsheet');
    expect(error.message).toBe(
      'This file is not a spreadsheet. Upload the user list as an .xlsx workbook or a .csv file.'
    );
  });

  it('refuses an OLE compound file (encrypted workbook or .xls) with the save-as advice', async () => {
    const ole = Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), crypto.randomBytes(4096)]);
    const error = await rejection(file(ole));
    expect(error.code).toBe('encrypted-or-xls');
    expect(error.message).toBe(
      'This file is encrypted (password-protected) or an old .xls workbook. Save it as an unprotected .xlsx or .csv.'
    );
  });

  it('refuses a PDF and an HTML page saved as .xls, saying which', async () => {
    expect((await rejection(file('%PDF-1.7\n%âãÏÓ\n1 0 obj\n'))).message).toMatch(/PDF document/);
    expect(
      (
        await rejection(
          file('<html><body><table><tr><td>email</td></tr></table></body></html>', 'users.xls')
        )
      ).message
    ).toMatch(/web page or XML/);
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
