import type { CommitResult, ImportStatus } from '../../../../shared/contracts/imports';
import type { UserInput } from '../../user-fields/rules';

/** Rows of a preview stored per statement. */
export const PAGE = 200;

/**
 * Rows a commit writes per transaction: the statements of a page cost about the same for 200
 * rows as for 1,000 (100,000 rows on PostgreSQL: 32 s in pages of 200, measured against pages of
 * 1,000 in the README), and a page that fails is retried a row at a time.
 */
export const COMMIT_PAGE = 1000;

export const EXISTING = 'An account with this e-mail address already exists';

export type Outcome = 'created' | 'updated' | 'skipped' | 'failed';

/** A row of uc_imports: one uploaded sheet. */
export interface ImportRecord {
  id: number;
  fileName: string | null;
  format: string | null;
  status: ImportStatus;
  rows: number;
  valid: number;
  invalid: number;
  existing: number;
  updateExisting: boolean;
  unknownHeaders: string[] | null;
  result: CommitResult | null;
  committedAt: string | null;
  committedThrough: number | null;
}

/**
 * A row of uc_import_rows: one row of the sheet, as checked, and its outcome once committed (null
 * for a created row, see content-types/import/schema.ts).
 */
export interface RowRecord {
  id: number;
  row: number;
  email: string | null;
  username: string | null;
  usernameDerived: boolean;
  locale: string | null;
  blocked: boolean | null;
  attributes: Record<string, unknown> | null;
  valid: boolean;
  errors: string[] | null;
  exists: boolean;
  outcome: Outcome | null;
  detail: string | null;
}

/** A stored valid row as the user writer takes it. */
export const toUserInput = (
  row: Pick<
    RowRecord,
    'email' | 'username' | 'usernameDerived' | 'locale' | 'blocked' | 'attributes'
  >
): UserInput => ({
  email: row.email as string,
  username: row.usernameDerived ? null : row.username,
  locale: row.locale,
  blocked: row.blocked,
  attributes: row.attributes ?? {},
});
