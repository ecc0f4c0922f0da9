import type { Core } from '@strapi/strapi';
import { IMPORT_ROW_UID } from '../../constants';
import { reportCsv, type ReportLine } from '../../import/report-csv';
import { EXISTING, type ImportRecord, type RowRecord } from './stored';

/** Rows read per query while the report is written. */
const REPORT_PAGE = 1000;

/** What the report says of one stored row: its outcome, or (before the commit) what the commit would do. */
const lineOf = (row: RowRecord, record: ImportRecord): ReportLine => {
  const email = row.email ?? '';
  if (!row.valid) {
    return { row: row.row, email, outcome: 'invalid', detail: (row.errors ?? []).join('; ') };
  }
  if (row.outcome) return { row: row.row, email, outcome: row.outcome, detail: row.detail ?? '' };
  // A created row records no outcome; the commit finished it (content-types/import/schema.ts).
  if (row.row <= (record.committedThrough ?? 0)) {
    return { row: row.row, email, outcome: 'created', detail: '' };
  }
  if (!row.exists) return { row: row.row, email, outcome: 'to create', detail: '' };
  const outcome = record.updateExisting ? 'to update' : 'to skip';
  return { row: row.row, email, outcome, detail: EXISTING };
};

/** One line per row of the sheet, in row order. */
export const importReport = async (strapi: Core.Strapi, record: ImportRecord): Promise<Buffer> => {
  const lines: ReportLine[] = [];
  let cursor = 0;
  for (;;) {
    const rows = (await strapi.db.query(IMPORT_ROW_UID).findMany({
      where: { importId: record.id, row: { $gt: cursor } },
      select: ['row', 'email', 'valid', 'errors', 'exists', 'outcome', 'detail'],
      orderBy: { row: 'asc' },
      limit: REPORT_PAGE,
    })) as RowRecord[];
    if (rows.length === 0) break;
    for (const row of rows) lines.push(lineOf(row, record));
    cursor = rows[rows.length - 1].row;
  }
  return reportCsv(lines);
};
