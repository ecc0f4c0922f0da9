/**
 * The per-row import report as CSV. Cells come from the uploaded sheet, so they are treated as
 * hostile: a cell that a spreadsheet would run as a formula is defused (OWASP "CSV Injection";
 * ASVS 5.0 requirement 1.2.10).
 */

/** Leading characters that make Excel, LibreOffice or Google Sheets read a cell as a formula (or DDE). */
const FORMULA_START = /^[=+\-@\t\r\n\0]/;

/** One CSV line (no line break): RFC 4180 quoting, and a `'` before any cell that would start a formula. */
export const toCsvLine = (cells: string[]): string =>
  cells
    .map((cell) => {
      const safe = FORMULA_START.test(cell) ? `'${cell}` : cell;
      return /[",\r\n;]/.test(safe) || safe !== safe.trim()
        ? `"${safe.replace(/"/g, '""')}"`
        : safe;
    })
    .join(',');

export type ReportLine = { row: number; email: string; outcome: string; detail: string };

/** UTF-8 with a byte-order mark, which is how Excel knows it is not reading Windows-1252; CRLF line ends as RFC 4180 asks. */
export const reportCsv = (lines: ReportLine[]): Buffer => {
  const text = [
    toCsvLine(['row', 'email', 'outcome', 'detail']),
    ...lines.map((line) => toCsvLine([String(line.row), line.email, line.outcome, line.detail])),
  ]
    .map((line) => `${line}\r\n`)
    .join('');
  return Buffer.from(`\uFEFF${text}`, 'utf8');
};
