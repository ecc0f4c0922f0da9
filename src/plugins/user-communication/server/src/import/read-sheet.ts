/**
 * Reads an uploaded user list, .xlsx or CSV, into header + rows of plain strings. The format is
 * told from the content, never from the file name: people rename files, and a name is whatever
 * the uploader typed.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { ImportFileError, formatBytes } from './errors';
import { byteOrderMark } from './decode-text';
import { readCsv } from './read-csv';
import { readXlsx } from './read-xlsx';
import type { SheetData, SheetRow, SheetSummary, SheetVisitor } from './sheet-builder';

export { ImportFileError, type ImportFileErrorCode } from './errors';
export type { SheetData, SheetRow, SheetSummary, SheetVisitor } from './sheet-builder';

export type ReadSheetOptions = {
  /** Largest accepted file, in bytes. */
  maxBytes: number;
  /** Most data rows (the header and blank rows not counted); reading stops at the first one past it. */
  maxRows: number;
  /** Largest total size of an .xlsx once unpacked (default 200 MB). */
  maxUncompressedBytes?: number;
  /** Most columns in the header row (default 500). */
  maxColumns?: number;
};

export const DEFAULT_MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024;
export const DEFAULT_MAX_COLUMNS = 500;

const SNIFF_BYTES = 8192;
const ZIP = [0x50, 0x4b]; // "PK", then 03 04 (a part), 05 06 (an empty archive) or 07 08 (a spanned one)
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

const startsWith = (bytes: Uint8Array, signature: number[]) =>
  signature.every((byte, index) => bytes[index] === byte);

type Kind = 'xlsx' | 'ole' | 'pdf' | 'markup' | 'binary' | 'text';

export const sniff = (head: Uint8Array): Kind => {
  if (startsWith(head, ZIP) && [0x03, 0x05, 0x07].includes(head[2]) && head[3] === head[2] + 1)
    return 'xlsx';
  if (startsWith(head, OLE)) return 'ole';
  if (byteOrderMark(head)) return 'text';
  const ascii = Buffer.from(head.buffer, head.byteOffset, head.byteLength).toString('latin1');
  if (ascii.startsWith('%PDF-')) return 'pdf';
  if (/^\s*<(\?xml|!doctype|html|table)\b/i.test(ascii)) return 'markup';
  let controls = 0;
  for (const byte of head) {
    if (byte === 0) return 'binary';
    // Tab, line feed, vertical tab, form feed, carriage return and DOS end-of-file (0x1A) occur in real text.
    if (byte < 0x20 && !(byte >= 0x09 && byte <= 0x0d) && byte !== 0x1a) controls += 1;
  }
  return controls > head.length / 100 ? 'binary' : 'text';
};

const refuse = (kind: Exclude<Kind, 'xlsx' | 'text'>): ImportFileError => {
  switch (kind) {
    case 'ole':
      // Both an encrypted .xlsx and an Excel 97–2003 .xls are OLE compound files (MS-OFFCRYPTO §2.3.4, MS-CFB).
      return new ImportFileError(
        'encrypted-or-xls',
        'This file is encrypted (password-protected) or an old .xls workbook. Save it as an unprotected .xlsx or .csv.'
      );
    case 'pdf':
      return new ImportFileError(
        'not-a-spreadsheet',
        'This is a PDF document, not a spreadsheet. Upload the user list as .xlsx or .csv.'
      );
    case 'markup':
      return new ImportFileError(
        'not-a-spreadsheet',
        'This is a web page or XML document (some programs give those an .xls name), not a spreadsheet. Open it in Excel and save it as .xlsx or .csv.'
      );
    case 'binary':
      return new ImportFileError(
        'not-a-spreadsheet',
        'This file is not a spreadsheet. Upload the user list as an .xlsx workbook or a .csv file.'
      );
  }
};

const readAll = async (file: FileHandle, size: number): Promise<Buffer> => {
  const buffer = Buffer.alloc(size);
  let offset = 0;
  while (offset < size) {
    const { bytesRead } = await file.read(buffer, offset, size - offset, offset);
    if (bytesRead === 0) break;
    offset += bytesRead;
  }
  return buffer.subarray(0, offset);
};

/** Reads the sheet, handing its header and each row to `visitor` as they are read. */
export const visitUserSheet = async (
  filePath: string,
  options: ReadSheetOptions,
  visitor: SheetVisitor
): Promise<SheetSummary> => {
  const limits = {
    maxRows: options.maxRows,
    maxColumns: options.maxColumns ?? DEFAULT_MAX_COLUMNS,
    maxUncompressedBytes: options.maxUncompressedBytes ?? DEFAULT_MAX_UNCOMPRESSED_BYTES,
  };
  const file = await open(filePath, 'r');
  try {
    // The size of the open file, not of the path: it cannot change between the check and the read.
    const { size } = await file.stat();
    if (size > options.maxBytes) {
      throw new ImportFileError(
        'too-large',
        `The file is larger than ${formatBytes(options.maxBytes)}. Split it into smaller files.`
      );
    }
    const kind = sniff(await readAll(file, Math.min(size, SNIFF_BYTES)));
    if (kind === 'xlsx') return await readXlsx(file, size, limits, visitor);
    if (kind === 'text') return await readCsv(file, size, limits, visitor);
    throw refuse(kind);
  } finally {
    await file.close();
  }
};

/** The whole sheet in memory: for small sheets and tests (the import visits its rows instead). */
export const readUserSheet = async (
  filePath: string,
  options: ReadSheetOptions
): Promise<SheetData> => {
  const rows: SheetRow[] = [];
  const summary = await visitUserSheet(filePath, options, {
    headers: () => undefined,
    row: (row) => rows.push(row),
  });
  return { ...summary, rows };
};
