import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { IMPORT_ROW_UID, IMPORT_UID } from '../constants';
import { ImportInProgress } from '../errors';
import { readUserSheet, ImportFileError } from '../import/read-sheet';
import { reportCsv, type ReportLine } from '../import/report-csv';
import { writeImportTemplate } from '../import/template-sheet';
import { planColumns } from '../import/user-columns';
import { mapUserRows } from '../import/user-rows';
import { chunks } from '../utils/chunks';
import { getService } from '../utils/get-service';
import { pluginConfig } from '../utils/plugin-config';
import type { UserInput, UserWriterService } from './user-writer';

/** Rows written and committed per statement / transaction. */
const PAGE = 200;
/** Invalid rows listed in an answer; the report has them all. */
const LISTED_INVALID = 1000;
const LEASE_MINUTES = 10;
const EXISTING = 'An account with this e-mail address already exists';

type Outcome = 'created' | 'updated' | 'skipped' | 'failed';

export interface ImportRecord {
  id: number;
  fileName: string | null;
  format: string | null;
  status: 'previewed' | 'committing' | 'committed';
  rows: number;
  valid: number;
  invalid: number;
  existing: number;
  updateExisting: boolean;
  unknownHeaders: string[] | null;
  result: CommitResult | null;
  committedAt: string | null;
}

interface RowRecord {
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

export interface CommitResult {
  created: number;
  updated: number;
  skipped: number;
  failed: Array<{ row: number; error: string }>;
  committedAt: string;
}

export type Progress = (done: number, total: number) => void;

/**
 * The Excel/CSV import, in two steps: `preview` reads and checks the file and stores its rows
 * (no user is written), `commit` writes them in pages. Imported users have origin `excel`
 * and get no activation e-mail (the admin resends it). The admin page and the CLI both call this.
 */
const imports = ({ strapi }: { strapi: Core.Strapi }) => {
  const writer = () => getService(strapi, 'user-writer');
  const now = () => getService(strapi, 'clock').now();

  const readSheet = async (filePath: string) => {
    const config = pluginConfig(strapi).import;
    try {
      const sheet = await readUserSheet(filePath, {
        maxBytes: config.maxFileBytes,
        maxRows: config.maxRows,
      });
      const plan = planColumns(sheet.headers, config.columns);
      const custom = writer().customAttributes();
      const unknown = plan.columns.flatMap((column) =>
        'attribute' in column.target && !(column.target.attribute in custom) ? [column.header] : []
      );
      if (unknown.length > 0) {
        const known = Object.keys(custom);
        throw new ImportFileError(
          'bad-columns',
          `The column(s) ${unknown.map((header) => `"${header}"`).join(', ')} name no user attribute that can be imported. ` +
            (known.length > 0
              ? `Attributes that can: ${known.join(', ')}.`
              : 'Add the field to the User content type first.')
        );
      }
      const emailColumn = plan.columns.find(
        (column) => 'field' in column.target && column.target.field === 'email'
      );
      return {
        sheet,
        mapped: mapUserRows(sheet, { columns: config.columns }),
        emailIndex: emailColumn?.index ?? 0,
        custom,
      };
    } catch (error) {
      if (error instanceof ImportFileError)
        throw new errors.ValidationError(error.message, { code: error.code });
      throw error;
    }
  };

  const toInput = (
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

  const summary = async (record: ImportRecord) => {
    const invalidRows = (await strapi.db.query(IMPORT_ROW_UID).findMany({
      where: { importId: record.id, valid: false },
      select: ['row', 'errors'],
      orderBy: { row: 'asc' },
      limit: LISTED_INVALID,
    })) as Array<Pick<RowRecord, 'row' | 'errors'>>;
    const existing = record.existing;
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

  const load = async (id: number): Promise<ImportRecord> => {
    const record = (await strapi.db
      .query(IMPORT_UID)
      .findOne({ where: { id } })) as ImportRecord | null;
    if (!record) throw new errors.NotFoundError('No import with this id.');
    return record;
  };

  /** Writes one page of valid rows; returns each row's outcome. Runs inside the page's transaction. */
  const commitPage = async (rows: RowRecord[], updateExisting: boolean, roleId: number) => {
    const outcomes = new Map<number, { outcome: Outcome; detail: string | null }>();
    const existing = await writer().findByEmails(rows.map((row) => row.email as string));
    const fresh = rows.filter((row) => !existing.has(row.email as string));
    const usernames = await writer().usernamesFor(
      fresh.map((row) => ({ email: row.email as string, username: toInput(row).username }))
    );
    const creatable: Array<UserInput & { username: string }> = [];
    for (const [index, row] of fresh.entries()) {
      const username = usernames[index];
      if ('error' in username) {
        outcomes.set(row.id, { outcome: 'failed', detail: username.error });
        continue;
      }
      creatable.push({ ...toInput(row), username: username.username });
      outcomes.set(row.id, { outcome: 'created', detail: null });
    }
    await writer().createMany(creatable, 'excel', roleId);
    for (const row of rows) {
      const known = existing.get(row.email as string);
      if (!known) continue;
      if (!updateExisting) {
        outcomes.set(row.id, { outcome: 'skipped', detail: EXISTING });
        continue;
      }
      await writer().update(known, toInput(row));
      outcomes.set(row.id, { outcome: 'updated', detail: null });
    }
    return outcomes;
  };

  const recordOutcomes = async (
    outcomes: Map<number, { outcome: Outcome; detail: string | null }>
  ) => {
    const groups = new Map<string, number[]>();
    for (const [id, { outcome, detail }] of outcomes) {
      const key = JSON.stringify([outcome, detail]);
      groups.set(key, [...(groups.get(key) ?? []), id]);
    }
    for (const [key, ids] of groups) {
      const [outcome, detail] = JSON.parse(key) as [Outcome, string | null];
      await strapi.db
        .query(IMPORT_ROW_UID)
        .updateMany({ where: { id: { $in: ids } }, data: { outcome, detail } });
    }
  };

  /** A page whose transaction failed is retried a row at a time, so one bad row fails alone. */
  const commitRowByRow = async (rows: RowRecord[], updateExisting: boolean, roleId: number) => {
    for (const row of rows) {
      try {
        await strapi.db.transaction(async () =>
          recordOutcomes(await commitPage([row], updateExisting, roleId))
        );
      } catch (error) {
        await recordOutcomes(
          new Map([[row.id, { outcome: 'failed' as Outcome, detail: (error as Error).message }]])
        );
      }
    }
  };

  /** Stores the checked rows of a preview, a page at a time. */
  const storeRows = async (
    record: ImportRecord,
    sheet: Awaited<ReturnType<typeof readSheet>>['sheet'],
    mapped: Awaited<ReturnType<typeof readSheet>>['mapped'],
    emailIndex: number,
    custom: ReturnType<UserWriterService['customAttributes']>,
    invalid: Map<number, string[]>
  ) => {
    const parsedByRow = new Map(mapped.rows.map((row) => [row.row, row]));
    const at = now().toJSDate();
    // A page at a time, so a 100,000-row sheet never has a second full copy in memory.
    let valid = 0;
    let existing = 0;
    for (const page of chunks(sheet.rows, PAGE)) {
      const checked = page.map(({ row, cells }) => {
        const parsed = parsedByRow.get(row);
        if (!parsed) return { row, cells, parsed: null, attributes: null };
        const attributes = writer().checkAttributes(parsed.attributes, custom);
        if ('errors' in attributes) {
          invalid.set(row, attributes.errors);
          return { row, cells, parsed: null, attributes: null };
        }
        return { row, cells, parsed, attributes: attributes.attributes };
      });
      const known = await writer().findByEmails(
        checked.flatMap((item) => (item.parsed ? [item.parsed.email] : []))
      );
      const records = checked.map(({ row, cells, parsed, attributes }) => {
        const base = { importId: record.id, row, createdAt: at, updatedAt: at, publishedAt: at };
        // The query builder writes raw values: JSON columns get their text.
        if (!parsed) {
          const email = (cells[emailIndex] ?? '').trim().slice(0, 255);
          return {
            ...base,
            email,
            valid: false,
            errors: JSON.stringify(invalid.get(row) ?? ['Row could not be read']),
          };
        }
        valid += 1;
        if (known.has(parsed.email)) existing += 1;
        return {
          ...base,
          email: parsed.email,
          username: parsed.username,
          usernameDerived: parsed.usernameDerived,
          locale: parsed.locale,
          blocked: parsed.blocked,
          attributes: JSON.stringify(attributes),
          valid: true,
          exists: known.has(parsed.email),
        };
      });
      await strapi.db.queryBuilder(IMPORT_ROW_UID).insert(records).execute();
    }
    const counted = (await strapi.db.query(IMPORT_UID).update({
      where: { id: record.id },
      data: { valid, invalid: invalid.size, existing },
    })) as ImportRecord;
    return summary(counted);
  };

  const writeRows = async (
    id: number,
    record: ImportRecord,
    updateExisting: boolean,
    startedAt: string,
    lease: () => Date,
    onProgress?: Progress
  ) => {
    const roleId = await writer().defaultRoleId();
    const rowQuery = strapi.db.query(IMPORT_ROW_UID);
    const total = record.valid;
    let cursor = 0;
    for (;;) {
      // Rows with an outcome were written by an earlier, interrupted commit: it resumes after them.
      const rows = (await rowQuery.findMany({
        where: { importId: id, valid: true, outcome: null, row: { $gt: cursor } },
        orderBy: { row: 'asc' },
        limit: PAGE,
      })) as RowRecord[];
      if (rows.length === 0) break;
      try {
        await strapi.db.transaction(async () =>
          recordOutcomes(await commitPage(rows, updateExisting, roleId))
        );
      } catch {
        await commitRowByRow(rows, updateExisting, roleId);
      }
      cursor = rows[rows.length - 1].row;
      await strapi.db.query(IMPORT_UID).update({ where: { id }, data: { leaseUntil: lease() } });
      onProgress?.(
        await rowQuery.count({ where: { importId: id, valid: true, outcome: { $notNull: true } } }),
        total
      );
    }

    const count = (outcome: Outcome) => rowQuery.count({ where: { importId: id, outcome } });
    const failed = (await rowQuery.findMany({
      where: { importId: id, outcome: 'failed' },
      select: ['row', 'detail'],
      orderBy: { row: 'asc' },
    })) as Array<Pick<RowRecord, 'row' | 'detail'>>;
    const result: CommitResult = {
      created: await count('created'),
      updated: await count('updated'),
      skipped: await count('skipped'),
      failed: failed.map((row) => ({ row: row.row, error: row.detail ?? 'failed' })),
      committedAt: new Date(startedAt).toISOString(),
    };
    await strapi.db.query(IMPORT_UID).update({
      where: { id },
      data: { status: 'committed', result, leaseUntil: null },
    });
    return { ...result, alreadyCommitted: false };
  };

  return {
    async preview(input: {
      filePath: string;
      fileName: string;
      adminId?: number | null;
      updateExisting?: boolean;
    }) {
      const { sheet, mapped, emailIndex, custom } = await readSheet(input.filePath);
      const invalid = new Map(mapped.invalid.map((row) => [row.row, row.errors]));
      const record = (await strapi.db.query(IMPORT_UID).create({
        data: {
          fileName: input.fileName.slice(0, 255),
          format: sheet.format,
          status: 'previewed',
          rows: sheet.rows.length,
          updateExisting: input.updateExisting ?? false,
          unknownHeaders: mapped.unknownHeaders,
          createdByAdminId: input.adminId ?? null,
        },
      })) as ImportRecord;

      try {
        return await storeRows(record, sheet, mapped, emailIndex, custom, invalid);
      } catch (error) {
        // No half-stored import: it could otherwise be committed by id.
        await strapi.db.query(IMPORT_ROW_UID).deleteMany({ where: { importId: record.id } });
        await strapi.db.query(IMPORT_UID).delete({ where: { id: record.id } });
        throw error;
      }
    },

    async find(id: number) {
      return summary(await load(id));
    },

    /** Writes the checked rows. Once: a committed import answers with its stored result. */
    async commit(id: number, options: { updateExisting?: boolean } = {}, onProgress?: Progress) {
      const record = await load(id);
      if (record.status === 'committed' && record.result)
        return { ...record.result, alreadyCommitted: true };
      const updateExisting = options.updateExisting ?? record.updateExisting;
      const lease = () => now().plus({ minutes: LEASE_MINUTES }).toJSDate();
      // A conditional update claims the import: of two commits at once, one works and the other gets a 409.
      const claimed = await strapi.db
        .queryBuilder(IMPORT_UID)
        .where({
          id,
          $or: [
            { status: 'previewed' },
            { status: 'committing', leaseUntil: { $lt: now().toJSDate() } },
          ],
        })
        .update({ status: 'committing', leaseUntil: lease(), updateExisting })
        .execute();
      if (Number(claimed) !== 1)
        throw new ImportInProgress(
          'This import is being committed right now. Wait for it to finish.'
        );
      // When the first attempt started: every user of this import was created at or after it,
      // so `createdAt >= committedAt` (with origin excel) lists them, also after a resumed commit.
      const startedAt = record.committedAt ?? now().toISO();
      if (!record.committedAt)
        await strapi.db
          .query(IMPORT_UID)
          .update({ where: { id }, data: { committedAt: new Date(startedAt as string) } });

      try {
        return await writeRows(id, record, updateExisting, startedAt as string, lease, onProgress);
      } catch (error) {
        // Released at once: a retry after a failure should not wait for the lease to run out.
        await strapi.db
          .query(IMPORT_UID)
          .update({ where: { id }, data: { status: 'previewed', leaseUntil: null } });
        throw error;
      }
    },

    /** One line per row with its outcome (or, before the commit, what the commit would do). */
    async report(id: number): Promise<Buffer> {
      const record = await load(id);
      const lines: ReportLine[] = [];
      let cursor = 0;
      for (;;) {
        const rows = (await strapi.db.query(IMPORT_ROW_UID).findMany({
          where: { importId: id, row: { $gt: cursor } },
          select: ['row', 'email', 'valid', 'errors', 'exists', 'outcome', 'detail'],
          orderBy: { row: 'asc' },
          limit: 1000,
        })) as RowRecord[];
        if (rows.length === 0) break;
        for (const row of rows) {
          const email = row.email ?? '';
          if (!row.valid)
            lines.push({
              row: row.row,
              email,
              outcome: 'invalid',
              detail: (row.errors ?? []).join('; '),
            });
          else if (row.outcome)
            lines.push({ row: row.row, email, outcome: row.outcome, detail: row.detail ?? '' });
          else if (!row.exists)
            lines.push({ row: row.row, email, outcome: 'to create', detail: '' });
          else
            lines.push({
              row: row.row,
              email,
              outcome: record.updateExisting ? 'to update' : 'to skip',
              detail: EXISTING,
            });
        }
        cursor = rows[rows.length - 1].row;
      }
      return reportCsv(lines);
    },

    /** The sheet to fill in, with a column for each custom user attribute. */
    template(): Promise<Buffer> {
      return writeImportTemplate({
        extraColumns: Object.keys(writer().customAttributes()).map((name) => `attr:${name}`),
      });
    },
  };
};

export type ImportsService = ReturnType<typeof imports>;
export default imports;
