/**
 * Reads the first worksheet of an .xlsx with exceljs' streaming WorkbookReader, after vetting the
 * ZIP directory. exceljs is not given the file: it is given a rebuilt stream holding only the
 * parts it needs, in the order that lets it stream (shared strings before the sheet, so it never
 * spools the sheet to a temp file), each inflated as it goes and held to its declared size.
 */
import type { FileHandle } from 'node:fs/promises';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import { ImportFileError } from './errors';
import { cellText } from './cell-text';
import { SheetBuilder, type SheetData, type SheetLimits } from './sheet-builder';
import { Zip, type ZipEntry } from './zip';
import {
  SourceFailure,
  checkSharedStringCount,
  emptyEndRecord,
  storedLocalHeader,
  wholeCharacters,
} from './xlsx-stream';
import { findWorkbookParts } from './xlsx-parts';

export type XlsxLimits = SheetLimits & { maxUncompressedBytes: number };

/**
 * exceljs keeps the parsed styles in memory (measured: +100 MB for a 16 MB styles part). Styles only
 * tell dates from numbers, so a bloated styles part is left out and its dates come as serial numbers.
 */
const STYLES_LIMIT = 5 * 1024 * 1024;
/**
 * exceljs keeps every shared string in an array. Under the size and ratio limits a 2 MB file can
 * still hold 11 million one-letter strings (measured: +270 MB RSS, 10 s of CPU), so their number is
 * capped too, by a count taken before exceljs sees them: at least 2 million, 20 texts for each of 100,000 rows.
 */
const sharedStringsLimit = (maxRows: number) => Math.max(2_000_000, maxRows * 20);

type Part = { name: string; content: Buffer } | { name: string; entry: ZipEntry };

const textPart = (name: string, text: string): Part => ({
  name,
  content: Buffer.from(text, 'utf8'),
});

export const readXlsx = async (
  file: FileHandle,
  fileSize: number,
  limits: XlsxLimits
): Promise<SheetData> => {
  const zip = await Zip.open(file, fileSize, limits.maxUncompressedBytes);
  const parts = await findWorkbookParts(zip);
  if (parts.sharedStrings)
    await checkSharedStringCount(
      zip.inflate(parts.sharedStrings),
      sharedStringsLimit(limits.maxRows)
    );

  const stream: Part[] = [
    textPart('xl/_rels/workbook.xml.rels', parts.relationships),
    textPart('xl/workbook.xml', parts.workbook),
    ...(parts.styles && parts.styles.uncompressedSize <= STYLES_LIMIT
      ? [{ name: 'xl/styles.xml', entry: parts.styles }]
      : []),
    parts.sharedStrings
      ? { name: 'xl/sharedStrings.xml', entry: parts.sharedStrings }
      : textPart('xl/sharedStrings.xml', '<sst/>'),
    // Whatever its real name, exceljs only recognises worksheets called sheetN.xml.
    { name: 'xl/worksheets/sheet1.xml', entry: parts.worksheet },
  ];

  const failure = new SourceFailure();

  async function* produce() {
    try {
      for (const part of stream) {
        if ('content' in part) {
          const crc = typeof zlib.crc32 === 'function' ? zlib.crc32(part.content) : 0;
          yield storedLocalHeader(part.name, part.content.length, crc);
          yield part.content;
        } else {
          yield storedLocalHeader(part.name, part.entry.uncompressedSize, part.entry.crc32);
          yield* wholeCharacters(zip.inflate(part.entry));
        }
      }
      yield emptyEndRecord();
    } catch (error) {
      // Never end the source with an error: exceljs pipes it, and a piped error reaches nobody.
      failure.fail(error);
    }
  }

  const source = Readable.from(produce(), { objectMode: false });
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(source, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  const builder = new SheetBuilder('xlsx', limits);
  try {
    for await (const worksheet of failure.guard(reader)) {
      // exceljs needs each row's `r` (optional in SpreadsheetML, always written by Excel); without it it throws, and the file is refused as damaged.
      for await (const row of failure.guard(worksheet)) {
        const values = row.values as unknown[];
        const cells: string[] = [];
        for (let column = 1; column < values.length; column += 1)
          cells.push(cellText(values[column]));
        builder.add(row.number, cells);
      }
    }
  } catch (error) {
    const cause = failure.error ?? error;
    if (cause instanceof ImportFileError) throw cause;
    throw new ImportFileError(
      'damaged',
      `The workbook could not be read: it looks damaged (${String((cause as Error)?.message ?? cause).slice(0, 200)}). Open it in Excel, save it again as .xlsx and retry.`
    );
  } finally {
    source.destroy();
  }
  if (failure.error !== undefined) throw failure.error;
  return builder.finish();
};
