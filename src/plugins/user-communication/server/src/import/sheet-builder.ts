import { ImportFileError, formatCount } from './errors';

/**
 * A non-blank row after the header. `cells[i]` is the cell under `headers[i]`; a row keeps only
 * the cells it has, up to its last non-blank one under a header, so a missing cell reads as blank.
 */
export type SheetRow = { row: number; cells: string[] };

export type SheetData = {
  format: 'xlsx' | 'csv';
  /** The first non-blank row, as written (not trimmed), without trailing blank cells. */
  headers: string[];
  rows: SheetRow[];
};

/** A sheet as read: its format, header and how many rows were handed on. */
export type SheetSummary = Omit<SheetData, 'rows'> & { rows: number };

/**
 * Where a reader hands a sheet on as it reads it: the header first, then each row. Its rows
 * need not be kept: a 100,000-row sheet held whole was 59 MB of heap through the whole preview.
 * Either may throw to stop the reading (an ImportFileError reaches the uploader as it is).
 */
export interface SheetVisitor {
  headers(headers: string[]): void;
  row(row: SheetRow): void;
}

export type SheetLimits = { maxRows: number; maxColumns: number };

const isBlank = (cells: string[]) => cells.every((cell) => cell.trim() === '');

/**
 * Hands rows on as a reader finds them: the first non-blank row is the header, blank rows are
 * skipped (their numbers are kept, as the spreadsheet shows them), and `add` throws as soon as
 * the data passes `maxRows`, so a reader stops there instead of reading on.
 */
export class SheetBuilder {
  private headers: string[] | null = null;
  private rows = 0;

  constructor(
    private readonly format: SheetData['format'],
    private readonly limits: SheetLimits,
    private readonly visitor: SheetVisitor
  ) {}

  add(row: number, raw: string[]): void {
    // NUL cannot be stored by PostgreSQL (text or JSON) and has no meaning in a user list.
    const cells = raw.map((cell) =>
      // eslint-disable-next-line no-control-regex -- removing NUL is the point
      cell.includes('\u0000') ? cell.replace(/\u0000/g, '') : cell
    );
    if (isBlank(cells)) return;
    if (this.headers === null) {
      let width = cells.length;
      while (width > 0 && cells[width - 1].trim() === '') width -= 1;
      if (width > this.limits.maxColumns) {
        throw new ImportFileError(
          'too-many-columns',
          `The sheet has more than ${formatCount(this.limits.maxColumns)} columns in its header row (row ${row}). Remove the columns you do not need to import.`
        );
      }
      this.headers = cells.slice(0, width);
      this.visitor.headers(this.headers);
      return;
    }
    if (this.rows >= this.limits.maxRows) {
      throw new ImportFileError(
        'too-many-rows',
        `The file has more than ${formatCount(this.limits.maxRows)} rows. Split it into files of at most ${formatCount(this.limits.maxRows)} rows each.`
      );
    }
    // Cells right of the last header have no column to go to, and trailing blank cells say
    // nothing. Never padded to the header's width: short rows under a 500-column header made a
    // 200 KB file cost hundreds of MB (security review F8); a row now costs what its text does.
    let width = Math.min(cells.length, this.headers.length);
    while (width > 0 && cells[width - 1].trim() === '') width -= 1;
    if (width === 0) return;
    this.rows += 1;
    this.visitor.row({ row, cells: width === cells.length ? cells : cells.slice(0, width) });
  }

  finish(): SheetSummary {
    if (this.headers === null) {
      const where =
        this.format === 'xlsx'
          ? ' Only the first sheet is read: if the users are on another sheet, move that sheet to the front.'
          : '';
      throw new ImportFileError(
        'empty',
        `The sheet is empty: it needs a header row (email, username, …) and one row per user.${where}`
      );
    }
    return { format: this.format, headers: this.headers, rows: this.rows };
  }
}
