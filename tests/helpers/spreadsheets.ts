/**
 * Spreadsheets made on the fly for the import tests and the import benchmark: realistic ones
 * written by exceljs, and hostile ones assembled byte by byte (a ZIP writer small enough to lie
 * about sizes on purpose).
 */
import { once } from 'node:events';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';

export type UserSheetRow = Array<string | number | boolean | Date | ExcelJS.CellValue>;

export const USER_HEADERS = ['email', 'username', 'locale', 'blocked'];

export const defaultUserRow = (index: number): UserSheetRow => [
  `user${index}@example.com`,
  `user${index}`,
  index % 3 === 0 ? 'en' : 'de-AT',
  index % 10 === 0 ? 'yes' : 'no',
];

/**
 * An .xlsx with a header and `count` rows, written with exceljs' streaming WorkbookWriter (so
 * memory stays flat however many rows). Rows are committed one by one; inline strings by default,
 * shared strings on request.
 */
export const writeUsersXlsx = async (
  filePath: string,
  count: number,
  options: {
    headers?: string[];
    row?: (index: number) => UserSheetRow;
    useSharedStrings?: boolean;
  } = {}
): Promise<void> => {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: filePath,
    useSharedStrings: options.useSharedStrings ?? false,
    useStyles: true,
  });
  const sheet = workbook.addWorksheet('Users');
  sheet.addRow(options.headers ?? USER_HEADERS).commit();
  const row = options.row ?? defaultUserRow;
  for (let index = 1; index <= count; index += 1) sheet.addRow(row(index)).commit();
  sheet.commit();
  await workbook.commit();
};

export type ZipPart = {
  name: string;
  /** Content, deflated unless `store` is set. */
  data?: Buffer | string;
  store?: boolean;
  /** Already-deflated content (see deflateRepeated). */
  deflated?: { compressed: Buffer; size: number; crc: number };
  /** Declares this uncompressed size in the headers instead of the real one (a lying archive). */
  declaredSize?: number;
};

/** Writes a ZIP archive (no data descriptors, no ZIP64) from parts. */
export const zipBuffer = (parts: ZipPart[]): Buffer => {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name, 'utf8');
    const raw = part.data === undefined ? undefined : Buffer.from(part.data);
    const content = part.deflated?.compressed ?? (part.store ? raw! : zlib.deflateRawSync(raw!));
    const size = part.declaredSize ?? part.deflated?.size ?? raw!.length;
    const crc = part.deflated?.crc ?? zlib.crc32(raw!);
    const method = part.store ? 0 : 8;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(0x0021, 12);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(content.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    local.copy(central, 6, 4, 30); // version needed … extra length share one layout
    central.writeUInt16LE(0, 30);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, content);
    centrals.push(central, name);
    offset += 30 + name.length + content.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
};

/** `unit` repeated `times` times, deflated as one stream without ever holding the whole in memory. */
export const deflateRepeated = async (
  unit: Buffer,
  times: number,
  prefix = '',
  suffix = '',
  level = 9
) => {
  const deflate = zlib.createDeflateRaw({ level });
  const compressed: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => compressed.push(chunk));
  let crc = zlib.crc32(prefix);
  deflate.write(prefix);
  for (let index = 0; index < times; index += 1) {
    crc = zlib.crc32(unit, crc);
    if (!deflate.write(unit)) await once(deflate, 'drain');
  }
  crc = zlib.crc32(suffix, crc);
  deflate.end(suffix);
  await once(deflate, 'end');
  return {
    compressed: Buffer.concat(compressed),
    size: Buffer.byteLength(prefix) + unit.length * times + Buffer.byteLength(suffix),
    crc,
  };
};

const xmlEscape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** One row of cells as inline strings, for hand-built sheet XML. */
export const inlineRowXml = (row: number, cells: string[]) =>
  `<row r="${row}">${cells.map((cell, index) => `<c r="${String.fromCharCode(65 + index)}${row}" t="inlineStr"><is><t>${xmlEscape(cell)}</t></is></c>`).join('')}</row>`;

export const sheetXml = (rowsXml: string) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rowsXml}</sheetData></worksheet>`;

/** The parts every workbook needs around its first sheet; `sheet` (and `sharedStrings`) are added by the caller. */
export const workbookParts = (options: { sharedStrings?: boolean } = {}): ZipPart[] => [
  {
    name: '[Content_Types].xml',
    data: '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>',
  },
  {
    name: '_rels/.rels',
    data: '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
  },
  {
    name: 'xl/workbook.xml',
    data: '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Users" sheetId="1" r:id="rId1"/></sheets></workbook>',
  },
  {
    name: 'xl/_rels/workbook.xml.rels',
    data:
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
      (options.sharedStrings
        ? '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
        : '') +
      '</Relationships>',
  },
];
