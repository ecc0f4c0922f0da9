import { readUserSheet, visitUserSheet } from '@server/import/read-sheet';
import { SheetBuilder, type SheetRow } from '@server/import/sheet-builder';
import { mapUserRows } from '@server/import/user-rows';
import { inlineRowXml, sheetXml, workbookParts, zipBuffer } from '../../helpers/spreadsheets';
import { limits, tempFiles } from './sheet-files';

const { file } = tempFiles('wide.csv');

const cellCount = (rows: Array<{ cells: string[] }>) =>
  rows.reduce((total, { cells }) => total + cells.length, 0);

describe('the rows a sheet keeps', () => {
  it('a 200 KB CSV under a 500-column header keeps only the cells its rows have', async () => {
    // The security review's F8: every short row padded to the header's width made a 200 KB file
    // cost hundreds of MB for as long as the preview lived.
    const header = ['email', ...Array.from({ length: 499 }, (_, index) => `column ${index + 1}`)];
    const rows = Array.from(
      { length: 9000 },
      (_, index) => `user-${String(index).padStart(5, '0')}@example.com`
    );
    const csv = `${header.join(',')}\n${rows.join('\n')}\n`;
    expect(csv.length).toBeGreaterThan(200 * 1024);

    const sheet = await readUserSheet(file(csv), limits);

    expect(sheet.headers).toHaveLength(500);
    expect(sheet.rows).toHaveLength(9000);
    expect(cellCount(sheet.rows)).toBe(9000);
    // What the preview holds is about the size of the file, not rows × header width.
    expect(JSON.stringify(sheet.rows).length).toBeLessThan(3 * csv.length);
    expect(mapUserRows(sheet).rows).toHaveLength(9000);
    // Parsing 200 KB on a loaded 2-core CI machine took over the default 5 s once.
  }, 30_000);

  it('hands each row on as it is read, the header first, and keeps none itself', async () => {
    const seen: string[] = [];
    const summary = await visitUserSheet(
      file('email,locale\na@example.com,da\n\nb@example.com\n'),
      limits,
      {
        headers: (headers) => seen.push(`headers ${headers.join('|')}`),
        row: ({ row, cells }) => seen.push(`row ${row} ${cells.join('|')}`),
      }
    );
    expect(seen).toEqual(['headers email|locale', 'row 2 a@example.com|da', 'row 4 b@example.com']);
    expect(summary).toEqual({ format: 'csv', headers: ['email', 'locale'], rows: 2 });
  });

  it.each([
    [
      'CSV',
      // The break lies chunks beyond the first row: a reader that read on would reach it.
      () =>
        file(
          `email\n${Array.from({ length: 20_000 }, (_, index) => `u${index}@example.com`).join('\n')}\n"never closed\n`
        ),
    ],
    [
      '.xlsx',
      () =>
        file(
          zipBuffer([
            ...workbookParts(),
            {
              name: 'xl/worksheets/sheet1.xml',
              data: sheetXml(
                `${inlineRowXml(1, ['email'])}${inlineRowXml(2, ['a@example.com'])}<row r="3"><c r="A3"></row></oops>`
              ),
            },
          ])
        ),
    ],
  ])(
    'stops reading a %s at the row its visitor refuses: the sheet is broken further down',
    async (_format, sheet) => {
      const refused = new Error('refused by the visitor');
      const rows: number[] = [];
      await expect(
        visitUserSheet(sheet(), limits, {
          headers: () => undefined,
          row: ({ row }) => {
            rows.push(row);
            throw refused;
          },
        })
      ).rejects.toBe(refused);
      expect(rows).toEqual([2]);
    }
  );

  it('drops cells right of the header and trailing blank cells, and reads missing cells as blank', () => {
    const rows: SheetRow[] = [];
    const builder = new SheetBuilder(
      'csv',
      { maxRows: 10, maxColumns: 10 },
      { headers: () => undefined, row: (row) => rows.push(row) }
    );
    builder.add(1, ['email', 'username', 'locale']);
    builder.add(2, ['a@example.com', '', '', '', '']);
    builder.add(3, ['b@example.com', 'bob', 'de', 'beyond the header']);
    builder.add(4, ['', '', '', 'only beyond the header']);
    const sheet = { ...builder.finish(), rows };
    expect(builder.finish().rows).toBe(2);
    expect(sheet.rows).toEqual([
      { row: 2, cells: ['a@example.com'] },
      { row: 3, cells: ['b@example.com', 'bob', 'de'] },
    ]);
    expect(mapUserRows(sheet).rows.map(({ email, locale }) => ({ email, locale }))).toEqual([
      { email: 'a@example.com', locale: null },
      { email: 'b@example.com', locale: 'de' },
    ]);
  });
});
