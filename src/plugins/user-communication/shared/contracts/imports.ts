/** The Excel/CSV import (POST /user-communication/imports, /imports/:id, /imports/:id/commit). */

export type ImportStatus = 'previewed' | 'committing' | 'committed';

/** A data row that cannot be imported, with every reason. */
export interface InvalidRow {
  /** The row number as the spreadsheet shows it (the header is row 1). */
  row: number;
  errors: string[];
}

export interface FailedRow {
  row: number;
  error: string;
}

/** What a commit did; committing again answers the same with `alreadyCommitted`. */
export interface CommitResult {
  created: number;
  updated: number;
  skipped: number;
  failed: FailedRow[];
  /** When the commit started: the imported users were created at or after it. */
  committedAt: string;
}

export interface ImportResult extends CommitResult {
  alreadyCommitted: boolean;
}

/** What an upload answers: the file is read and checked, nothing is written to users yet. */
export interface ImportPreview {
  id: number;
  fileName: string | null;
  format: string | null;
  /** Data rows read. */
  rows: number;
  /** Rows without errors. */
  valid: number;
  /** At most 1,000; `invalidTruncated` says when the report holds more. */
  invalid: InvalidRow[];
  invalidTruncated: boolean;
  /** What a commit would do with the `updateExisting` choice sent with the file. */
  create: number;
  update: number;
  skip: number;
  /** Valid rows whose e-mail already has an account. */
  existing: number;
  unknownHeaders: string[];
}

/** GET /imports/:id: the preview as it was answered, with where the import stands. */
export interface StoredImport extends ImportPreview {
  status: ImportStatus;
  /** The commit's result once committed, else null. */
  result: CommitResult | null;
}

export interface CommitBody {
  updateExisting?: boolean;
}
