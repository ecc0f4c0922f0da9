/** The .xlsx an admin downloads to fill in: the columns the import reads and one example row. */
import ExcelJS from 'exceljs';

export const TEMPLATE_HEADERS = ['email', 'username', 'locale', 'blocked'] as const;

const EXAMPLE: Record<(typeof TEMPLATE_HEADERS)[number], string> = {
  email: 'ada.lovelace@example.com',
  username: 'ada.lovelace',
  locale: 'en',
  blocked: 'no',
};

/**
 * Writes the template to a buffer. `extraColumns` adds headers after the standard ones (for
 * example `attr:employeeId`, or a header the import's column mapping knows), left empty.
 */
export const writeImportTemplate = async (
  options: { extraColumns?: string[] } = {}
): Promise<Buffer> => {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'user-communication';
  const sheet = workbook.addWorksheet('Users', { views: [{ state: 'frozen', ySplit: 1 }] });
  const headers = [...TEMPLATE_HEADERS, ...(options.extraColumns ?? [])];
  sheet.columns = headers.map((header) => ({
    header,
    key: header,
    width: header === 'email' ? 32 : Math.max(14, header.length + 2),
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.addRow(EXAMPLE);
  // Text format, so Excel keeps what is typed (no dates out of "1-2", no numbers out of "0012").
  for (let column = 1; column <= headers.length; column += 1) sheet.getColumn(column).numFmt = '@';
  const locale = TEMPLATE_HEADERS.indexOf('locale') + 1;
  const blocked = TEMPLATE_HEADERS.indexOf('blocked') + 1;
  sheet.getCell(1, locale).note = 'Optional. A language code such as en or en-GB.';
  sheet.getCell(1, blocked).note = 'Optional. yes/no, true/false or 1/0; empty means no.';
  sheet.getCell(1, TEMPLATE_HEADERS.indexOf('username') + 1).note =
    'Optional. Made from the e-mail address when empty.';
  return Buffer.from(await workbook.xlsx.writeBuffer());
};
