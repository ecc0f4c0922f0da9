/**
 * Reads the first worksheet of an .xlsx, after vetting the ZIP directory: the shared strings and
 * the styles first, then the sheet, each part inflated as it goes and held to its declared size,
 * and parsed event by event (xml-events.ts), so a row is handed on as soon as it is read and
 * nothing of the XML outlives it.
 */
import type { FileHandle } from 'node:fs/promises';
import { ImportFileError, damagedWorkbook, formatCount } from './errors';
import {
  SheetBuilder,
  type SheetLimits,
  type SheetSummary,
  type SheetVisitor,
} from './sheet-builder';
import { findWorkbookParts } from './xlsx-parts';
import { isoDateText, readDateStyles, serialDateText, usesDate1904 } from './xlsx-values';
import { MalformedXml, streamXml } from './xml-events';
import { Zip } from './zip';

export type XlsxLimits = SheetLimits & { maxUncompressedBytes: number };

/**
 * Styles only tell dates from numbers, and what is kept of them is a number per cell format; a
 * styles part beyond this (real ones are well under 1 MB, though years of pasting between
 * workbooks can swell one to tens of MB) is left out, and its dates come as serial numbers.
 */
const STYLES_LIMIT = 50 * 1024 * 1024;
/** Columns of a worksheet: A to XFD (ECMA-376 Part 1, §18.3.1.4; Excel's own limit). */
const MAX_COLUMN = 16_384;
/**
 * Every shared string is kept while the sheet is read. Under the size and ratio limits a 2 MB
 * file can still hold 11 million one-letter strings, so their number is capped too: at least 2
 * million, 20 texts for each of 100,000 rows. The table is refused at the first string past it
 * (those before it, at most some 60 MB of short strings, are dropped with it).
 */
const sharedStringsLimit = (maxRows: number) => Math.max(2_000_000, maxRows * 20);

/** The texts of `<t>` elements, leaving out phonetic runs (`<rPh>`, the reading of Japanese text). */
const textCollector = () => {
  let inText = false;
  let phonetic = 0;
  return {
    text: '',
    open(name: string) {
      if (name === 't') inText = phonetic === 0;
      else if (name === 'rPh') phonetic += 1;
    },
    close(name: string) {
      if (name === 't') inText = false;
      else if (name === 'rPh') phonetic -= 1;
    },
    add(text: string) {
      if (inText) this.text += text;
    },
  };
};

/** The shared strings table (`<si>` items: plain `<t>`, or rich-text runs whose texts join). */
const readSharedStrings = async (chunks: AsyncIterable<Buffer>, limit: number) => {
  const strings: string[] = [];
  const item = textCollector();
  await streamXml(chunks, {
    open(name) {
      if (name === 'si') item.text = '';
      else item.open(name);
    },
    close(name) {
      if (name !== 'si') return item.close(name);
      strings.push(item.text);
      if (strings.length > limit) {
        throw new ImportFileError(
          'too-large',
          `The workbook holds more than ${formatCount(limit)} texts, more than this import reads. Remove the other sheets, or save the users as .csv.`
        );
      }
    },
    text: (text) => item.add(text),
  });
  return strings;
};

/** Column number (1-based) of a cell reference such as `AB12`; null when there is none. */
const columnOf = (reference: string | undefined): number | null => {
  if (!reference) return null;
  let column = 0;
  for (const char of reference) {
    const code = char.charCodeAt(0);
    if (code < 65 || code > 90) break;
    column = column * 26 + code - 64;
  }
  return column > 0 ? column : null;
};

interface CellContext {
  strings: string[];
  dateStyles: boolean[];
  date1904: boolean;
}

/** A number as the sheet shows it: a date in a date style, otherwise the number itself. */
const numberText = (value: string, style: number, context: CellContext) => {
  const number = Number.parseFloat(value);
  if (!Number.isFinite(number)) return '';
  return context.dateStyles[style] ? serialDateText(number, context.date1904) : String(number);
};

/**
 * A cell's text from its type (`t`), style and value (ECMA-376 Part 1, §18.3.1.4): a formula
 * gives its cached result, never the formula; a shared string its text; a boolean true/false;
 * an error its code (#N/A), except as a formula's result, where it is left blank.
 */
const cellText = (
  cell: { type: string; style: number; formula: boolean; value: string | null },
  context: CellContext
): string => {
  const { type, value } = cell;
  if (value === null) return '';
  switch (type) {
    case 's':
      return context.strings[Number.parseInt(value, 10)] ?? '';
    case 'str':
    case 'inlineStr':
      return value;
    case 'b':
      return Number.parseInt(value, 10) !== 0 ? 'true' : 'false';
    case 'e':
      return cell.formula ? '' : value;
    case 'd':
      return isoDateText(value);
    default:
      return numberText(value, cell.style, context);
  }
};

/** Reads `<sheetData>`, handing each row's cells to `onRow` as its `</row>` is read. */
const readRows = (
  chunks: AsyncIterable<Buffer>,
  context: CellContext,
  onRow: (row: number, cells: string[]) => void
) => {
  let inSheetData = false;
  let row: { number: number; cells: string[]; lastColumn: number } | null = null;
  let lastRow = 0;
  let cell: {
    column: number;
    type: string;
    style: number;
    formula: boolean;
    value: string | null;
  } | null = null;
  let inValue = false;
  let inline: ReturnType<typeof textCollector> | null = null;
  return streamXml(chunks, {
    open(name, attributes) {
      if (name === 'sheetData') inSheetData = true;
      if (!inSheetData) return;
      if (name === 'row') {
        // `r` is optional: a row without it follows the one before.
        const number = Number.parseInt(attributes.r ?? '', 10);
        row = { number: number > 0 ? number : lastRow + 1, cells: [], lastColumn: 0 };
      } else if (name === 'c' && row) {
        const column = columnOf(attributes.r) ?? row.lastColumn + 1;
        // A row is built up to its last cell: a reference far past the last column must not size it.
        if (column > MAX_COLUMN)
          throw damagedWorkbook(`a cell beyond column XFD (${attributes.r ?? ''})`);
        cell = {
          column,
          type: attributes.t ?? 'n',
          style: Number.parseInt(attributes.s ?? '0', 10) || 0,
          formula: false,
          value: null,
        };
      } else if (cell) {
        if (name === 'f') cell.formula = true;
        else if (name === 'v') {
          inValue = true;
          cell.value = '';
        } else if (name === 'is') {
          inline = textCollector();
        } else inline?.open(name);
      }
    },
    close(name) {
      if (name === 'sheetData') inSheetData = false;
      else if (name === 'v') inValue = false;
      else if (name === 'is' && cell && inline) {
        cell.value = inline.text;
        inline = null;
      } else if (name === 'c' && row && cell) {
        const text = cellText(cell, context);
        for (let column = row.cells.length + 1; column < cell.column; column += 1)
          row.cells.push('');
        if (cell.column > row.cells.length) row.cells.push(text);
        else row.cells[cell.column - 1] = text;
        row.lastColumn = cell.column;
        cell = null;
      } else if (name === 'row' && row) {
        lastRow = row.number;
        const { number, cells } = row;
        row = null;
        onRow(number, cells);
      } else inline?.close(name);
    },
    text(text) {
      if (inValue && cell) cell.value += text;
      else inline?.add(text);
    },
  });
};

export const readXlsx = async (
  file: FileHandle,
  fileSize: number,
  limits: XlsxLimits,
  visitor: SheetVisitor
): Promise<SheetSummary> => {
  const zip = await Zip.open(file, fileSize, limits.maxUncompressedBytes);
  const parts = await findWorkbookParts(zip);
  const builder = new SheetBuilder('xlsx', limits, visitor);
  try {
    const context: CellContext = {
      strings: parts.sharedStrings
        ? await readSharedStrings(
            zip.inflate(parts.sharedStrings),
            sharedStringsLimit(limits.maxRows)
          )
        : [],
      dateStyles:
        parts.styles && parts.styles.uncompressedSize <= STYLES_LIMIT
          ? await readDateStyles(zip.inflate(parts.styles))
          : [],
      date1904: usesDate1904(parts.workbook),
    };
    await readRows(zip.inflate(parts.worksheet), context, (row, cells) => builder.add(row, cells));
  } catch (error) {
    if (error instanceof MalformedXml) throw damagedWorkbook(error.message);
    throw error;
  }
  return builder.finish();
};
