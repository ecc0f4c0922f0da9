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

  it('keeps multi-byte characters whole across the chunks a part is inflated in', async () => {
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

  it('reads a sheet whose shared strings come after it in the archive, without spooling it to a temp file', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Users').addRows([['email'], ['a@example.com']]);
    const filePath = newPath();
    await workbook.xlsx.writeFile(filePath); // exceljs writes xl/sharedStrings.xml after the worksheets
    // Pointed at a missing folder, any spooling (exceljs' reader spooled such a sheet) fails the read.
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

describe('reading the cells of a hand-written workbook', () => {
  const withStyles = (styles: string, workbookPr = '') => {
    const parts = workbookParts({ sharedStrings: true });
    return parts.map((part) => {
      if (part.name === 'xl/_rels/workbook.xml.rels')
        return {
          ...part,
          data: String(part.data).replace(
            '</Relationships>',
            '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>'
          ),
        };
      if (part.name === 'xl/workbook.xml')
        return { ...part, data: String(part.data).replace('<sheets>', `${workbookPr}<sheets>`) };
      return part;
    });
  };
  const STYLES =
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
    '<numFmts count="2"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/><numFmt numFmtId="165" formatCode="&quot;day&quot; 0"/></numFmts>' +
    '<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>' +
    '<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="22"/></cellXfs>' +
    '</styleSheet>';
  const SHARED =
    '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="3" uniqueCount="3">' +
    '<si><t>email</t></si>' +
    '<si><r><t>Ta</t></r><r><rPr><b/></rPr><t>ro</t></r></si>' +
    '<si><t>山田</t><rPh sb="0" eb="2"><t>やまだ</t></rPh></si>' +
    '</sst>';

  it('gives dates in date styles (custom and built-in), numbers elsewhere, rich and phonetic text as shown', async () => {
    const sheet = sheetXml(
      '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>a</t></is></c><c r="C1" t="inlineStr"><is><t>b</t></is></c><c r="D1" t="inlineStr"><is><t>c</t></is></c><c r="E1" t="inlineStr"><is><t>d</t></is></c><c r="F1" t="inlineStr"><is><t>e</t></is></c></row>' +
        // No `r` on the row nor on its cells: each follows the one before.
        '<row><c t="inlineStr"><is><r><t>x@</t></r><r><t><![CDATA[example.com]]></t></r></is></c><c t="s"><v>1</v></c><c t="s"><v>2</v></c>' +
        '<c s="1"><v>45351</v></c><c s="2"><v>7</v></c><c s="3"><v>45351.3541666667</v></c></row>' +
        '<row r="5"><c r="A5" t="inlineStr"><is><t>y@example.com</t></is></c><c r="C5" t="b"><f>TRUE()</f><v>1</v></c><c r="D5" t="e"><f>NA()</f><v>#N/A</v></c><c r="E5" t="e"><v>#REF!</v></c><c r="F5" s="1"><f>TODAY()</f><v>45352</v></c></row>'
    );
    const xlsx = zipBuffer([
      ...withStyles(STYLES),
      { name: 'xl/sharedStrings.xml', data: SHARED },
      { name: 'xl/styles.xml', data: STYLES },
      { name: 'xl/worksheets/sheet1.xml', data: sheet },
    ]);
    expect((await readUserSheet(file(xlsx), limits)).rows).toEqual([
      {
        row: 2,
        cells: ['x@example.com', 'Taro', '山田', '2024-02-29', '7', '2024-02-29T08:30:00'],
      },
      { row: 5, cells: ['y@example.com', '', 'true', '', '#REF!', '2024-03-01'] },
    ]);
  });

  it('reads prefixed elements, entities, ISO date cells, and a cell without `r` after one with it', async () => {
    const prefixed =
      '<?xml version="1.0" encoding="UTF-8"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>' +
      '<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" t="inlineStr"><x:is><x:t>joined</x:t></x:is></x:c><x:c r="C1" t="inlineStr"><x:is><x:t>note</x:t></x:is></x:c></x:row>' +
      '<x:row r="2"><x:c r="A2" t="s"><x:v>1</x:v></x:c><x:c t="d"><x:v>2024-02-29T08:30:00Z</x:v></x:c><x:c t="d"><x:v>2024-03-01</x:v></x:c></x:row>' +
      '</x:sheetData></x:worksheet>';
    const shared =
      '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>email</t></si>' +
      '<si>\n  <r><t>o&amp;brien</t></r>\n  <r><t xml:space="preserve">@example.com</t></r>\n</si></sst>';
    const xlsx = zipBuffer([
      ...workbookParts({ sharedStrings: true }),
      { name: 'xl/sharedStrings.xml', data: shared },
      { name: 'xl/worksheets/sheet1.xml', data: prefixed },
    ]);
    expect((await readUserSheet(file(xlsx), limits)).rows).toEqual([
      { row: 2, cells: ['o&brien@example.com', '2024-02-29T08:30:00', '2024-03-01'] },
    ]);
  });

  it('refuses a cell beyond column XFD as damaged, before a row is sized by it', async () => {
    const xlsx = zipBuffer([
      ...workbookParts(),
      {
        name: 'xl/worksheets/sheet1.xml',
        data: sheetXml(
          `${inlineRowXml(1, ['email'])}<row r="2"><c r="AAAAAAAAAA2" t="inlineStr"><is><t>x</t></is></c></row>`
        ),
      },
    ]);
    const error = await rejection(file(xlsx));
    expect(error.code).toBe('damaged');
    expect(error.message).toMatch(/a cell beyond column XFD \(AAAAAAAAAA2\)/);
  });

  it('counts dates from 1904 where the workbook says so', async () => {
    const xlsx = zipBuffer([
      ...withStyles(STYLES, '<workbookPr date1904="1"/>'),
      { name: 'xl/sharedStrings.xml', data: SHARED },
      { name: 'xl/styles.xml', data: STYLES },
      {
        name: 'xl/worksheets/sheet1.xml',
        data: sheetXml(
          '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>joined</t></is></c></row>' +
            '<row r="2"><c r="A2" t="inlineStr"><is><t>a@example.com</t></is></c><c r="B2" s="1"><v>43889</v></c></row>'
        ),
      },
    ]);
    expect((await readUserSheet(file(xlsx), limits)).rows).toEqual([
      { row: 2, cells: ['a@example.com', '2024-02-29'] },
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
