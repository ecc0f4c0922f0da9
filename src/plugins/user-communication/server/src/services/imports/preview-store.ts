import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { StoredImport } from '../../../../shared/contracts/imports';
import { IMPORT_ROW_UID, IMPORT_UID } from '../../constants';
import { getService } from '../../utils/get-service';
import { insertJsonRows, readsJsonTable } from '../../utils/json-rows-insert';
import type { InvalidUserRow, ParsedUserRow } from '../../import/user-rows';
import type { ReadUpload } from './read-upload';
import { PAGE, type ImportRecord, type RowRecord } from './stored';

/** Invalid rows listed in an answer; the report has them all. */
const LISTED_INVALID = 1000;

type Entry =
  { parsed: ParsedUserRow; invalid?: undefined } | { parsed?: undefined; invalid: InvalidUserRow };

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

  /**
   * The rows in pages, in sheet order, valid or not: the mapped rows and the invalid ones are
   * each in sheet order already, so a merge of the two.
   */
  function* pagesInSheetOrder({ mapped }: ReadUpload): Generator<Entry[]> {
    const { rows, invalid } = mapped;
    let page: Entry[] = [];
    for (let next = 0, nextInvalid = 0; next < rows.length || nextInvalid < invalid.length;) {
      if (
        nextInvalid >= invalid.length ||
        (next < rows.length && rows[next].row < invalid[nextInvalid].row)
      ) {
        page.push({ parsed: rows[next] });
        next += 1;
      } else {
        page.push({ invalid: invalid[nextInvalid] });
        nextInvalid += 1;
      }
      if (page.length === PAGE) {
        yield page;
        page = [];
      }
    }
    if (page.length > 0) yield page;
  }

  /** Writes the rows a page at a time, so the rows are never held a second time in memory. */
  const storeRows = async (record: ImportRecord, upload: ReadUpload) => {
    const writer = getService(strapi, 'user-writer');
    const at = getService(strapi, 'clock').now().toJSDate();
    // As JSON (insertJsonRows) a json column takes the value; the query builder writes raw
    // values, so there it gets the value's text (MariaDB before 10.6).
    const asJson = strapi.db.dialect.client !== 'mysql' || readsJsonTable(strapi);
    const json = (value: unknown) => (asJson ? value : JSON.stringify(value));
    let existing = 0;
    for (const page of pagesInSheetOrder(upload)) {
      const known = await writer.findByEmails(page.flatMap(({ parsed }) => parsed?.email ?? []));
      // Every record has every column: a page's rows are written alike, whatever a row's cells.
      const records = page.map(({ parsed, invalid }) => {
        if (!parsed) {
          return {
            importId: record.id,
            row: invalid.row,
            email: upload.invalidEmails.get(invalid.row) ?? '',
            username: null,
            usernameDerived: false,
            locale: null,
            blocked: null,
            attributes: null,
            valid: false,
            exists: false,
            errors: json(invalid.errors),
          };
        }
        if (known.has(parsed.email)) existing += 1;
        return {
          importId: record.id,
          row: parsed.row,
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
    const { mapped } = upload;
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
          rows: upload.sheet.rows,
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
