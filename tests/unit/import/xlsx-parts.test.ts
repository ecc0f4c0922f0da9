import { zipBuffer } from '../../helpers/spreadsheets';
import { rejection, tempFiles } from './sheet-files';

const { file } = tempFiles();

describe('finding the workbook in a ZIP archive', () => {
  it('refuses a plain ZIP and an OpenDocument spreadsheet, saying which', async () => {
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
});
