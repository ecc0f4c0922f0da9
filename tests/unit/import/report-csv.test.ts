import fs from 'node:fs';
import { readUserSheet } from '@server/import/read-sheet';
import { reportCsv, toCsvLine } from '@server/import/report-csv';
import { tempFiles } from './sheet-files';

const { newPath } = tempFiles();

describe('CSV report', () => {
  it('quotes cells as RFC 4180 asks', () => {
    expect(toCsvLine(['plain', 'a,b', 'say "hi"', 'two\nlines', '', ' padded '])).toBe(
      'plain,"a,b","say ""hi""","two\nlines",," padded "'
    );
  });

  it('defuses cells a spreadsheet would run as formulas (OWASP CSV injection)', () => {
    const hostile = [
      '=HYPERLINK("http://evil.example","x")',
      "+cmd|' /C calc'!A0",
      '-2+3',
      '@SUM(A1:A2)',
      '\t=1',
      '\r=1',
    ];
    expect(toCsvLine(hostile)).toBe(
      `"'=HYPERLINK(""http://evil.example"",""x"")",'+cmd|' /C calc'!A0,'-2+3,'@SUM(A1:A2),'\t=1,"'\r=1"`
    );
    expect(toCsvLine(['a=1', 'user@example.com'])).toBe('a=1,user@example.com');
  });

  it('writes UTF-8 with a byte-order mark, a header line and CRLF line ends', () => {
    const report = reportCsv([
      { row: 2, email: 'ann@example.com', outcome: 'created', detail: '' },
      { row: 5, email: '=evil()', outcome: 'invalid', detail: 'Invalid e-mail address "=evil()"' },
    ]);
    expect([...report.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(report.subarray(3).toString('utf8')).toBe(
      'row,email,outcome,detail\r\n2,ann@example.com,created,\r\n5,\'=evil(),invalid,"Invalid e-mail address ""=evil()"""\r\n'
    );
  });

  it('reads back through the importer as the defused text', async () => {
    const filePath = newPath('report.csv');
    fs.writeFileSync(
      filePath,
      reportCsv([{ row: 3, email: '@x', outcome: 'invalid', detail: 'Søren; "quoted"' }])
    );
    const sheet = await readUserSheet(filePath, { maxBytes: 1024 * 1024, maxRows: 10 });
    expect(sheet.rows).toEqual([{ row: 2, cells: ['3', "'@x", 'invalid', 'Søren; "quoted"'] }]);
  });
});
