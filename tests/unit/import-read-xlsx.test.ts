import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import {
  ImportFileError,
  readUserSheet,
  type ReadSheetOptions,
} from '../../src/plugins/user-communication/server/src/import/read-sheet';
import {
  inlineRowXml,
  sheetXml,
  workbookParts,
  writeUsersXlsx,
  zipBuffer,
} from '../helpers/spreadsheets';

const limits = { maxBytes: 10 * 1024 * 1024, maxRows: 100_000 };
let dir: string;
let counter = 0;
const newPath = (name = 'users.xlsx') => path.join(dir, `${(counter += 1)}-${name}`);
const file = (content: Buffer | string, name?: string) => {
  const filePath = newPath(name);
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
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'uc-import-xlsx-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('reading .xlsx', () => {
  it('gives cached formula results, plain text for rich text, ISO dates, true/false and numbers as text', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Users');
    sheet.addRow(['email', 'username', 'joined', 'at', 'blocked', 'score', 'note']);
    sheet.addRow([
      { formula: 'LOWER("ADA@EXAMPLE.COM")', result: 'ada@example.com' },
      { richText: [{ text: 'ada' }, { text: '.l', font: { bold: true } }] },
      new Date(Date.UTC(2024, 1, 29)),
      new Date(Date.UTC(2024, 1, 29, 8, 30, 5)),
      true,
      { formula: '40+2.5', result: 42.5 },
      '=not a formula, just text',
    ]);
    const filePath = newPath();
    await workbook.xlsx.writeFile(filePath);
    const read = await readUserSheet(filePath, limits);
    expect(read.format).toBe('xlsx');
    expect(read.rows).toEqual([
      {
        row: 2,
        cells: [
          'ada@example.com',
          'ada.l',
          '2024-02-29',
          '2024-02-29T08:30:05',
          'true',
          '42.5',
          '=not a formula, just text',
        ],
      },
    ]);
  });

  it('reads the first visible worksheet only, keeping its row numbers across blank rows', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Hidden', { state: 'hidden' }).addRow(['not', 'this']);
    const users = workbook.addWorksheet('Users');
    users.getRow(3).values = ['email', 'name'];
    users.getRow(4).values = ['a@example.com', 'Ann'];
    users.getRow(7).values = ['b@example.com', 'Bob'];
    workbook.addWorksheet('Other').addRow(['other@example.com']);
    const filePath = newPath();
    await workbook.xlsx.writeFile(filePath);
    expect(await readUserSheet(filePath, limits)).toEqual({
      format: 'xlsx',
      headers: ['email', 'name'],
      rows: [
        { row: 4, cells: ['a@example.com', 'Ann'] },
        { row: 7, cells: ['b@example.com', 'Bob'] },
      ],
    });
  });

  it('keeps multi-byte characters whole where exceljs would split them between chunks (exceljs #2063)', async () => {
    const name = (index: number) => `Søren Ærø 日本語 ${index}`;
    const filePath = newPath();
    await writeUsersXlsx(filePath, 20_000, {
      headers: ['email', 'name'],
      row: (index) => [`u${index}@example.com`, name(index)],
      useSharedStrings: true,
    });
    const read = await readUserSheet(filePath, limits);
    expect(read.rows).toHaveLength(20_000);
    expect(read.rows.filter((row, index) => row.cells[1] !== name(index + 1))).toEqual([]);
  });

  it('never lets exceljs spool a sheet to a temp file, even when shared strings come after the sheet', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Users').addRows([['email'], ['a@example.com']]);
    const filePath = newPath();
    await workbook.xlsx.writeFile(filePath); // exceljs writes xl/sharedStrings.xml after the worksheets
    // exceljs spools through the `tmp` package into os.tmpdir(); pointed at a missing folder, any spooling fails the read.
    const previous = process.env.TMPDIR;
    process.env.TMPDIR = path.join(dir, 'no-such-folder');
    try {
      expect((await readUserSheet(filePath, limits)).rows).toEqual([
        { row: 2, cells: ['a@example.com'] },
      ]);
    } finally {
      if (previous === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = previous;
    }
  });

  it('reads a header-only workbook as 0 rows and refuses one with nothing in it', async () => {
    const headerOnly = new ExcelJS.Workbook();
    headerOnly.addWorksheet('Users').addRow(['email', 'username']);
    const filePath = newPath();
    await headerOnly.xlsx.writeFile(filePath);
    expect(await readUserSheet(filePath, limits)).toEqual({
      format: 'xlsx',
      headers: ['email', 'username'],
      rows: [],
    });

    const empty = new ExcelJS.Workbook();
    empty.addWorksheet('Users');
    const emptyPath = newPath();
    await empty.xlsx.writeFile(emptyPath);
    const error = await rejection(emptyPath);
    expect(error.code).toBe('empty');
    expect(error.message).toMatch(/^The sheet is empty/);
  });

  it('reads a minimal hand-written workbook with inline strings and no shared strings part', async () => {
    const xlsx = zipBuffer([
      ...workbookParts(),
      {
        name: 'xl/worksheets/sheet1.xml',
        data: sheetXml(inlineRowXml(1, ['email']) + inlineRowXml(2, ['a&b@example.com'])),
      },
    ]);
    expect((await readUserSheet(file(xlsx), limits)).rows).toEqual([
      { row: 2, cells: ['a&b@example.com'] },
    ]);
  });
});

describe('refusing what is not a readable spreadsheet', () => {
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

  it('refuses a PDF, an HTML page saved as .xls, a plain ZIP and an OpenDocument spreadsheet, saying which', async () => {
    expect((await rejection(file('%PDF-1.7\n%âãÏÓ\n1 0 obj\n'))).message).toMatch(/PDF document/);
    expect(
      (
        await rejection(
          file('<html><body><table><tr><td>email</td></tr></table></body></html>', 'users.xls')
        )
      ).message
    ).toMatch(/web page or XML/);
    expect(
      (await rejection(file(zipBuffer([{ name: 'readme.txt', data: 'hello' }])))).message
    ).toMatch(/ZIP archive, not an Excel workbook/);
    expect(
      (
        await rejection(
          file(
            zipBuffer([
              {
                name: 'mimetype',
                data: 'application/vnd.oasis.opendocument.spreadsheet',
                store: true,
              },
            ]),
            'users.ods'
          )
        )
      ).message
    ).toMatch(/OpenDocument/);
  });

  it('refuses a truncated workbook as damaged, without hanging', async () => {
    const filePath = newPath();
    await writeUsersXlsx(filePath, 2_000);
    const bytes = fs.readFileSync(filePath);
    for (const length of [bytes.length - 10, Math.floor(bytes.length / 2), 100]) {
      const error = await rejection(file(bytes.subarray(0, length)));
      expect(error.code).toBe('damaged');
      expect(error.message).toMatch(/^The workbook could not be read/);
    }
  });

  it('refuses a workbook whose sheet data is corrupted, without hanging', async () => {
    const filePath = newPath();
    await writeUsersXlsx(filePath, 2_000);
    const bytes = fs.readFileSync(filePath);
    // Scramble 2 KB in the middle of the largest part's compressed data: the directory stays intact.
    const corrupted = Buffer.from(bytes);
    crypto.randomBytes(2048).copy(corrupted, Math.floor(bytes.length / 2));
    const error = await rejection(file(corrupted));
    expect(error.code).toBe('damaged');
  });

  it('refuses a workbook whose XML is malformed', async () => {
    const xlsx = zipBuffer([
      ...workbookParts(),
      {
        name: 'xl/worksheets/sheet1.xml',
        data: sheetXml(inlineRowXml(1, ['email'])).replace('</sheetData>', '</sheetDta>'),
      },
    ]);
    expect((await rejection(file(xlsx))).code).toBe('damaged');
  });
});
