import fs from 'node:fs';
import { readUserSheet } from '@server/import/read-sheet';
import { writeImportTemplate } from '@server/import/template-sheet';
import { mapUserRows } from '@server/import/user-rows';
import { tempFiles } from './sheet-files';

const { newPath } = tempFiles();

describe('template', () => {
  it('is an .xlsx with the standard columns and one example row that imports cleanly', async () => {
    const filePath = newPath('template.xlsx');
    fs.writeFileSync(filePath, await writeImportTemplate({ extraColumns: ['attr:employeeId'] }));
    const sheet = await readUserSheet(filePath, { maxBytes: 1024 * 1024, maxRows: 10 });
    expect(sheet.format).toBe('xlsx');
    expect(sheet.headers).toEqual(['email', 'username', 'locale', 'blocked', 'attr:employeeId']);
    const mapped = mapUserRows(sheet);
    expect(mapped.invalid).toEqual([]);
    expect(mapped.rows).toEqual([
      {
        row: 2,
        email: 'ada.lovelace@example.com',
        username: 'ada.lovelace',
        usernameDerived: false,
        locale: 'en',
        blocked: false,
        attributes: {},
      },
    ]);
  });
});
