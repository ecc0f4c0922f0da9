import crypto from 'node:crypto';
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { readUserSheet } from '@server/import/read-sheet';
import {
  inlineRowXml,
  sheetXml,
  workbookParts,
  writeUsersXlsx,
  zipBuffer,
} from '../../helpers/spreadsheets';
import { limits, rejection, tempFiles } from './sheet-files';

const { newPath, file } = tempFiles();

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
  }, 30_000);

  it('never lets exceljs spool a sheet to a temp file, even when shared strings come after the sheet', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Users').addRows([['email'], ['a@example.com']]);
    const filePath = newPath();
    await workbook.xlsx.writeFile(filePath); // exceljs writes xl/sharedStrings.xml after the worksheets
    // exceljs spools through the `tmp` package into os.tmpdir(); pointed at a missing folder, any spooling fails the read.
    const previous = process.env.TMPDIR;
    process.env.TMPDIR = newPath('no-such-folder');
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

describe('refusing a damaged workbook', () => {
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

describe('limits', () => {
  it('refuses a 200,000-row workbook (exceljs streaming writer) at maxRows 100,000', async () => {
    const filePath = newPath();
    await writeUsersXlsx(filePath, 200_000);
    const error = await rejection(filePath);
    expect(error.code).toBe('too-many-rows');
    expect(error.message).toBe(
      'The file has more than 100,000 rows. Split it into files of at most 100,000 rows each.'
    );
  }, 60_000);

  it('stops at the first row past the limit and does not read on (the sheet is broken further down)', async () => {
    // 20,000 good rows, then XML that any parser reading on would choke on.
    const rows = Array.from({ length: 20_000 }, (_, index) =>
      inlineRowXml(index + 2, [`u${index}@example.com`])
    ).join('');
    const xml = sheetXml(
      `${inlineRowXml(1, ['email'])}${rows}<row r="30000"><c r="A30000"></row></oops>`
    );
    const filePath = newPath();
    fs.writeFileSync(
      filePath,
      zipBuffer([...workbookParts(), { name: 'xl/worksheets/sheet1.xml', data: xml }])
    );
    expect((await rejection(filePath, { ...limits, maxRows: 10_000 })).code).toBe('too-many-rows');
    // Read to the end, the same file is damaged: so the refusal above came before the broken part.
    expect((await rejection(filePath, { ...limits, maxRows: 100_000 })).code).toBe('damaged');
  }, 30_000);

  it('refuses a header row wider than maxColumns', async () => {
    const headers = ['email', ...Array.from({ length: 30 }, (_, index) => `extra${index}`)];
    const filePath = newPath();
    fs.writeFileSync(
      filePath,
      zipBuffer([
        ...workbookParts(),
        { name: 'xl/worksheets/sheet1.xml', data: sheetXml(inlineRowXml(1, headers.slice(0, 26))) },
      ])
    );
    expect((await rejection(filePath, { ...limits, maxColumns: 20 })).code).toBe(
      'too-many-columns'
    );
  });
});
