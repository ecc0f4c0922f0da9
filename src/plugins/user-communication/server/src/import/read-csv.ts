/**
 * CSV as RFC 4180 describes it (quotes doubled inside quoted values, CRLF/LF/CR line ends) and
 * as Excel writes it: the delimiter is the locale's list separator (`,` `;` or tab), and an
 * optional first line `sep=;` names it.
 */
import { ImportFileError } from './errors';
import { decodeText } from './decode-text';
import { SheetBuilder, type SheetData, type SheetLimits } from './sheet-builder';

const DELIMITERS = [',', ';', '\t'] as const;
const QUOTE = 34;
const CR = 13;
const LF = 10;

/** The delimiter used most often, outside quotes, in the first non-blank line (ties go to the comma). */
export const detectDelimiter = (text: string, from = 0): string => {
  const counts = new Map<string, number>(DELIMITERS.map((delimiter) => [delimiter, 0]));
  let quoted = false;
  let seen = false;
  for (let index = from; index < text.length; index += 1) {
    const char = text[index];
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

export const readCsv = (bytes: Uint8Array, limits: SheetLimits): SheetData => {
  const text = decodeText(bytes);
  const builder = new SheetBuilder('csv', limits);
  // Excel's `sep=;` line is not shown as a row, so it does not count in the numbering either.
  const sep = SEP_LINE.exec(text);
  const start = sep ? sep[0].length : 0;
  const delimiter = sep ? sep[1] : detectDelimiter(text, start);
  const separator = delimiter.charCodeAt(0);

  let row = 1;
  let cells: string[] = [];
  let value = '';
  let index = start;
  const endRecord = () => {
    cells.push(value);
    builder.add(row, cells);
    row += 1;
    cells = [];
    value = '';
  };
  while (index < text.length) {
    const code = text.charCodeAt(index);
    if (code === QUOTE && value === '') {
      // A quoted value: runs to the next lone quote, across delimiters and line breaks.
      const opened = row;
      index += 1;
      for (;;) {
        const close = text.indexOf('"', index);
        if (close < 0) {
          throw new ImportFileError(
            'damaged',
            `A quoted value that starts on row ${opened} is never closed, so the rest of the file would be one cell. Check that row for a stray " character.`
          );
        }
        value += text.slice(index, close);
        if (text.charCodeAt(close + 1) === QUOTE) {
          value += '"';
          index = close + 2;
        } else {
          index = close + 1;
          break;
        }
      }
      continue;
    }
    if (code === separator) {
      cells.push(value);
      value = '';
      index += 1;
    } else if (code === LF || code === CR) {
      endRecord();
      index += code === CR && text.charCodeAt(index + 1) === LF ? 2 : 1;
    } else {
      // Text up to the next special character in one slice; a quote inside an unquoted value is kept, as Excel does.
      let end = index + 1;
      while (end < text.length) {
        const next = text.charCodeAt(end);
        if (next === separator || next === LF || next === CR) break;
        end += 1;
      }
      value += text.slice(index, end);
      index = end;
    }
  }
  if (value !== '' || cells.length > 0) endRecord();
  return builder.finish();
};
