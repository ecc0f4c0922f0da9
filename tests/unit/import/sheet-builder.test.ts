import { readUserSheet } from '@server/import/read-sheet';
import { SheetBuilder } from '@server/import/sheet-builder';
import { mapUserRows } from '@server/import/user-rows';
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

  it('drops cells right of the header and trailing blank cells, and reads missing cells as blank', () => {
    const builder = new SheetBuilder('csv', { maxRows: 10, maxColumns: 10 });
    builder.add(1, ['email', 'username', 'locale']);
    builder.add(2, ['a@example.com', '', '', '', '']);
    builder.add(3, ['b@example.com', 'bob', 'de', 'beyond the header']);
    builder.add(4, ['', '', '', 'only beyond the header']);
    const sheet = builder.finish();
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
