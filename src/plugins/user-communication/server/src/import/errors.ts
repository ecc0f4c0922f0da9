/** Why a whole file was refused; the admin UI may pick its own wording by `code`. */
export type ImportFileErrorCode =
  | 'too-large'
  | 'not-a-spreadsheet'
  | 'encrypted-or-xls'
  | 'damaged'
  | 'zip-bomb'
  | 'empty'
  | 'too-many-rows'
  | 'too-many-columns'
  | 'no-email-column'
  | 'bad-columns';

/**
 * A file the import cannot use at all (as opposed to a row with errors). The message is meant
 * for the person who uploaded the file and says what to do about it.
 */
export class ImportFileError extends Error {
  readonly code: ImportFileErrorCode;

  constructor(code: ImportFileErrorCode, message: string) {
    super(message);
    this.name = 'ImportFileError';
    this.code = code;
  }
}

/** A workbook whose container or XML cannot be read, with what was wrong (cut to 200 characters). */
export const damagedWorkbook = (why: string) =>
  new ImportFileError(
    'damaged',
    `The workbook could not be read: it looks damaged or incomplete (${why.slice(0, 200)}). Open it in Excel, save it again as .xlsx and retry.`
  );

/** "10 MB", "200 MB", "512 KB": sizes as a person reads them in a message. */
export const formatBytes = (bytes: number): string => {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
};

export const formatCount = (count: number): string => count.toLocaleString('en-US');
