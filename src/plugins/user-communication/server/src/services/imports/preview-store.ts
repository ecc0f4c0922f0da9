import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { StoredImport } from '../../../../shared/contracts/imports';
import { IMPORT_ROW_UID, IMPORT_UID } from '../../constants';
import { chunks } from '../../utils/chunks';
import { getService } from '../../utils/get-service';
import { insertJsonRows, readsJsonTable } from '../../utils/json-rows-insert';
import type { ReadUpload } from './read-upload';
import { PAGE, type ImportRecord, type RowRecord } from './stored';

/** Invalid rows listed in an answer; the report has them all. */
const LISTED_INVALID = 1000;

export interface PreviewToStore {
  fileName: string;
  adminId: number | null;
  updateExisting: boolean;
  upload: ReadUpload;
}

/** The checked rows of an upload in the database, and the summary an admin sees of them. */
export const previewStore = (strapi: Core.Strapi) => {
  const imports = () => strapi.db.query(IMPORT_UID);
  const importRows = () => strapi.db.query(IMPORT_ROW_UID);

  const summary = async (record: ImportRecord): Promise<StoredImport> => {
    const invalidRows = (await importRows().findMany({
      where: { importId: record.id, valid: false },
      select: ['row', 'errors'],
      orderBy: { row: 'asc' },
      limit: LISTED_INVALID,
    })) as Array<Pick<RowRecord, 'row' | 'errors'>>;
    const { existing } = record;
    const update = record.updateExisting ? existing : 0;
    return {
      id: record.id,
      fileName: record.fileName,
      format: record.format,
      status: record.status,
      rows: record.rows,
      valid: record.valid,
      invalid: invalidRows.map((row) => ({ row: row.row, errors: row.errors ?? [] })),
      invalidTruncated: record.invalid > invalidRows.length,
      create: record.valid - existing,
      update,
      skip: existing - update,
      existing,
      unknownHeaders: record.unknownHeaders ?? [],
      result: record.result,
    };
  };

  /** Writes the rows a page at a time, so a 100,000-row sheet never has a second full copy in memory. */
  const storeRows = async (record: ImportRecord, { sheet, mapped, emailIndex }: ReadUpload) => {
    const parsedByRow = new Map(mapped.rows.map((row) => [row.row, row]));
    const errorsByRow = new Map(mapped.invalid.map((row) => [row.row, row.errors]));
    const writer = getService(strapi, 'user-writer');
    const at = getService(strapi, 'clock').now().toJSDate();
    // As JSON (insertJsonRows) a json column takes the value; the query builder writes raw
    // values, so there it gets the value's text (MariaDB before 10.6).
    const asJson = strapi.db.dialect.client !== 'mysql' || readsJsonTable(strapi);
    const json = (value: unknown) => (asJson ? value : JSON.stringify(value));
    let existing = 0;
    for (const page of chunks(sheet.rows, PAGE)) {
      const parsedEmails = page.flatMap(({ row }) => parsedByRow.get(row)?.email ?? []);
      const known = await writer.findByEmails(parsedEmails);
      // Every record has every column: a page's rows are written alike, whatever a row's cells.
      const records = page.map(({ row, cells }) => {
        const parsed = parsedByRow.get(row);
        if (!parsed) {
          return {
            importId: record.id,
            row,
            email: (cells[emailIndex] ?? '').trim().slice(0, 255),
            username: null,
            usernameDerived: false,
            locale: null,
            blocked: null,
            attributes: null,
            valid: false,
            exists: false,
            errors: json(errorsByRow.get(row) ?? ['Row could not be read']),
          };
        }
        if (known.has(parsed.email)) existing += 1;
        return {
          importId: record.id,
          row,
          email: parsed.email,
          username: parsed.username,
          usernameDerived: parsed.usernameDerived,
          locale: parsed.locale,
          blocked: parsed.blocked,
          attributes: json(parsed.attributes),
          valid: true,
          exists: known.has(parsed.email),
          errors: null,
        };
      });
      const shared = { createdAt: at, updatedAt: at, publishedAt: at };
      if (asJson) await insertJsonRows(strapi, IMPORT_ROW_UID, { rows: records, shared });
      else {
        await strapi.db
          .queryBuilder(IMPORT_ROW_UID)
          .insert(records.map((one) => ({ ...one, ...shared })))
          .execute();
      }
    }
    const data = { valid: mapped.rows.length, invalid: mapped.invalid.length, existing };
    return (await imports().update({ where: { id: record.id }, data })) as ImportRecord;
  };

  return {
    summary,

    async load(id: number): Promise<ImportRecord> {
      const record = (await imports().findOne({ where: { id } })) as ImportRecord | null;
      if (!record) throw new errors.NotFoundError('No import with this id.');
      return record;
    },

    /** Stores a checked upload; on failure nothing is left that could be committed by id. */
    async store({ fileName, adminId, updateExisting, upload }: PreviewToStore) {
      const record = (await imports().create({
        data: {
          fileName: fileName.slice(0, 255),
          format: upload.sheet.format,
          status: 'previewed',
          rows: upload.sheet.rows.length,
          updateExisting,
          unknownHeaders: upload.mapped.unknownHeaders,
          createdByAdminId: adminId,
        },
      })) as ImportRecord;
      try {
        return await summary(await storeRows(record, upload));
      } catch (error) {
        await importRows().deleteMany({ where: { importId: record.id } });
        await imports().delete({ where: { id: record.id } });
        throw error;
      }
    },
  };
};
