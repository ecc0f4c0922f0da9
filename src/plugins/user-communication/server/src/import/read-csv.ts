/**
 * CSV as Excel writes it, parsed by csv-parse as RFC 4180 describes it (quotes doubled inside
 * quoted values; CRLF, LF or CR line ends): the delimiter is the locale's list separator
 * (`,` `;` or tab), and an optional first line `sep=;` names it. The file is streamed (a first
 * pass only tells its encoding), and parsed no further than the first row past the limit.
 */
import type { FileHandle } from 'node:fs/promises';
import { Readable, pipeline } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { ImportFileError } from './errors';
import { decodeText, detectEncoding } from './decode-text';
import { fileChunks } from './file-chunks';
import {
  SheetBuilder,
  type SheetLimits,
  type SheetSummary,
  type SheetVisitor,
} from './sheet-builder';

const DELIMITERS = [',', ';', '\t'] as const;

/** The delimiter used most often, outside quotes, in the first non-blank line (ties go to the comma). */
const detectDelimiter = (text: string): string => {
  const counts = new Map<string, number>(DELIMITERS.map((delimiter) => [delimiter, 0]));
  let quoted = false;
  let seen = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) {
      if (seen) break;
    } else if (!quoted && counts.has(char)) counts.set(char, (counts.get(char) ?? 0) + 1);
    if (char.trim() !== '') seen = true;
  }
  let best: string = ',';
  for (const delimiter of DELIMITERS)
    if ((counts.get(delimiter) ?? 0) > (counts.get(best) ?? 0)) best = delimiter;
  return best;
};

const SEP_LINE = /^sep=(.)\r?\n/i;

export const readCsv = async (
  file: FileHandle,
  size: number,
  limits: SheetLimits,
  visitor: SheetVisitor
): Promise<SheetSummary> => {
  const { encoding, start } = await detectEncoding(fileChunks(file, 0, size));
  const text = decodeText(fileChunks(file, start, size), encoding);
  // The sep= line and the delimiter are told from the first chunk read (64 KB, or the whole file).
  const first = await text.next();
  const opening = first.done ? '' : first.value;
  const sep = SEP_LINE.exec(opening);
  const parser = parse({
    delimiter: sep ? sep[1] : detectDelimiter(opening),
    // Excel's `sep=;` line is not shown as a row, so it does not count in the numbering either.
    fromLine: sep ? 2 : 1,
    // A quote inside an unquoted value is kept, as Excel does.
    relaxQuotes: true,
    // Rows are as wide as they are written; SheetBuilder fits them to the header.
    relaxColumnCount: true,
    // csv-parse would keep to the first line end it meets; hand-edited files mix them.
    recordDelimiter: ['\r\n', '\n', '\r'],
  });
  async function* all() {
    if (opening) yield opening;
    yield* text;
  }
  const records: AsyncIterable<string[]> = pipeline(Readable.from(all()), parser, () => undefined);
  const builder = new SheetBuilder('csv', limits, visitor);
  // Every record is a row as the spreadsheet numbers them: a blank line is one, and so is a quoted value over several lines.
  let row = 0;
  try {
    for await (const cells of records) builder.add((row += 1), cells);
  } catch (error) {
    if (error instanceof CsvError && error.code === 'CSV_QUOTE_NOT_CLOSED') {
      // csv-parse counts the records it finished; the quote opened in the one after them.
      throw new ImportFileError(
        'damaged',
        `A quoted value that starts on row ${Number(error.records) + 1} is never closed, so the rest of the file would be one cell. Check that row for a stray " character.`
      );
    }
    throw error;
  }
  return builder.finish();
};
