import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import type { CommitResult, ImportResult } from '../../../../shared/contracts/imports';
import { IMPORT_ROW_UID, IMPORT_UID, USER_UID } from '../../constants';
import { ImportInProgress } from '../../errors';
import { getService } from '../../utils/get-service';
import { errors } from '@strapi/utils';
import { NOT_OWNED, type ExistingUser, type NewUser, type UpdateRights } from '../user-writer';
import {
  takenUsername,
  usernameLedger,
  type LedgerAllocation,
  type UsernameLedger,
} from '../user-writer/usernames';
import {
  EXISTING,
  COMMIT_PAGE,
  toUserInput,
  type ImportRecord,
  type Outcome,
  type RowRecord,
} from './stored';
import { errorSummary } from '../../utils/error-summary';
import { tableStatistics } from '../../utils/table-statistics';

/** A commit holds its import this long past its last finished page; a killed one is resumed after it. */
const LEASE_MINUTES = 10;

/**
 * How long a page's transaction on PostgreSQL waits for a lock before it gives up (the page is
 * then written row by row, and a row that still cannot have its lock fails). Pages are written
 * beside each other there, and one waits for another in JavaScript (see commitPage): a statement
 * that must lock the users table, such as a schema change, queues behind the waiting page's
 * table lock, and the page it waits for, or a row of it, could queue behind that statement, a
 * cycle no deadlock detector sees. A page's own waits are otherwise short: another page or a
 * reminder run holding an existing user it updates.
 */
const LOCK_TIMEOUT = '10s';

/** A page rolled back because the page before it was not written whole. */
class PageBehind extends Error {}

/** A page being written: `whole` once it is written in one transaction, `written` once it is written at all. */
interface PageInFlight {
  whole: Promise<void>;
  written: Promise<void>;
}

export type Progress = (done: number, total: number) => void;

export interface CommitOptions extends UpdateRights {
  /** Overrides the choice stored with the preview. */
  updateExisting?: boolean;
  onProgress?: Progress;
}

type Outcomes = Map<number, { outcome: Outcome; detail: string | null }>;

/** What one commit writes with: fixed for its whole run. */
interface CommitRun extends UpdateRights {
  importId: number;
  /** This commit's hold on the import (schema: `claimToken`). */
  claimToken: string;
  updateExisting: boolean;
  roleId: number;
  /** The usernames of the pages in flight. */
  usernames: UsernameLedger;
}

/**
 * What a commit reads of a stored row: not its timestamps, whose parsing was 0.4 s of a profiled
 * 100,000-row commit, nor what the preview alone shows.
 */
const PAGE_FIELDS = [
  'id',
  'row',
  'email',
  'username',
  'usernameDerived',
  'locale',
  'blocked',
  'attributes',
] as const;
type PageRow = Pick<RowRecord, (typeof PAGE_FIELDS)[number]>;

/** What a row that failed for an unforeseen reason says; the reason itself goes to the log. */
const ROW_FAILED =
  'The row could not be saved. Try again; if it persists, ask the administrator to check the server log.';

const IN_PROGRESS = 'This import is being committed right now. Wait for it to finish.';

/**
 * Writes an import's checked rows to users in pages of one transaction each. A conditional
 * update claims the import (of two commits at once, one works and the other gets a 409), a
 * lease lets another commit resume one that died, and each page moves the import's
 * `committedThrough` in its transaction, so a resumed commit starts after the last finished page.
 */
export const importCommit = (strapi: Core.Strapi) => {
  const writer = () => getService(strapi, 'user-writer');
  const now = () => getService(strapi, 'clock').now();
  const imports = () => strapi.db.query(IMPORT_UID);
  const importRows = () => strapi.db.query(IMPORT_ROW_UID);
  const lease = () => now().plus({ minutes: LEASE_MINUTES }).toJSDate();

  /** Whether the page updates this existing user (its row names an address already taken). */
  const updates = (run: CommitRun, known: ExistingUser) =>
    run.updateExisting && writer().mayUpdate(known, run);

  /** The page's addresses already taken, and what it asks of the username ledger. */
  const lookUp = async (rows: PageRow[], run: CommitRun) => {
    const existing = await writer().findByEmails(rows.map((row) => row.email as string));
    const fresh = rows.filter((row) => !existing.has(row.email as string));
    return {
      existing,
      fresh,
      users: fresh.map(toUserInput),
      // The usernames this page gives existing users, which the page beside it cannot see yet.
      renames: rows.flatMap((row) => {
        const known = existing.get(row.email as string);
        const { username } = toUserInput(row);
        return known && username !== null && updates(run, known) && username !== known.username
          ? [username.toLowerCase()]
          : [];
      }),
    };
  };
  type PageLookup = Awaited<ReturnType<typeof lookUp>>;

  /**
   * The first half of a page, inside its transaction: creates its new users. It only reads and
   * inserts rows no other transaction can see, so no row of it can be waited for (see
   * commitPage).
   */
  const createUsers = async ({ fresh }: PageLookup, { usernames }: LedgerAllocation) => {
    const outcomes: Outcomes = new Map();
    const creatable: NewUser[] = [];
    for (const [index, row] of fresh.entries()) {
      const username = usernames[index];
      if ('error' in username) {
        outcomes.set(row.id, { outcome: 'failed', detail: username.error });
        continue;
      }
      creatable.push({ ...toUserInput(row), username: username.username });
      outcomes.set(row.id, { outcome: 'created', detail: null });
    }
    return { outcomes, ids: await writer().insertMany(creatable, { origin: 'excel' }) };
  };

  /** The second half: the new users' role, then the existing users. Returns each row's outcome. */
  const completePage = async (
    rows: PageRow[],
    run: CommitRun,
    { existing }: PageLookup,
    { refusedRenames }: LedgerAllocation,
    { outcomes, ids }: Awaited<ReturnType<typeof createUsers>>
  ): Promise<Outcomes> => {
    await writer().giveRole(ids, run.roleId);
    for (const row of rows) {
      const known = existing.get(row.email as string);
      if (!known) continue;
      if (!updates(run, known)) {
        const detail = run.updateExisting ? NOT_OWNED : EXISTING;
        outcomes.set(row.id, { outcome: 'skipped', detail });
        continue;
      }
      const input = toUserInput(row);
      // A new user of the page beside this one holds it, not yet committed.
      if (input.username !== null && refusedRenames.has(input.username.toLowerCase())) {
        outcomes.set(row.id, { outcome: 'failed', detail: takenUsername(input.username) });
        continue;
      }
      await writer().update(known, input, run);
      outcomes.set(row.id, { outcome: 'updated', detail: null });
    }
    return outcomes;
  };

  /**
   * Records a finished page in its transaction: the outcome of each row not created (a created
   * row records none, see content-types/import/schema.ts), and the row the commit is through.
   */
  const finishRows = async (run: CommitRun, outcomes: Outcomes, through: number) => {
    const groups = new Map<string, number[]>();
    for (const [id, { outcome, detail }] of outcomes) {
      if (outcome === 'created') continue;
      const key = JSON.stringify([outcome, detail]);
      const ids = groups.get(key);
      if (ids) ids.push(id);
      else groups.set(key, [id]);
    }
    for (const [key, ids] of groups) {
      const [outcome, detail] = JSON.parse(key) as [Outcome, string | null];
      await importRows().updateMany({ where: { id: { $in: ids } }, data: { outcome, detail } });
    }
    const held = await strapi.db
      .queryBuilder(IMPORT_UID)
      .where({ id: run.importId, claimToken: run.claimToken })
      .update({ committedThrough: through, leaseUntil: lease() })
      .execute();
    // Taken over after this commit's lease ran out: the page is rolled back, the other writes it.
    if (Number(held) !== 1) throw new ImportInProgress(IN_PROGRESS);
  };

  /**
   * Writes a page in one transaction. With `after` (the page before it, written whole), the page
   * creates its users beside that page and waits for it before it writes anything another
   * transaction could wait for, so pages commit in sheet order and `committedThrough` never
   * passes a page not written. The wait is in JavaScript, where the database cannot see it: a
   * page that held a row someone waits for then could close a cycle of waits no deadlock
   * detector would break. Until then it has only read, and inserted users no other transaction
   * can see (its table locks are LOCK_TIMEOUT's business). When `after` rejects (the page before
   * it goes row by row, or failed for good) it rolls back at once with PageBehind.
   */
  const commitPage = async (rows: PageRow[], run: CommitRun, after?: Promise<void>) => {
    let release = () => Promise.resolve();
    try {
      await strapi.db.transaction(async ({ trx }) => {
        if (strapi.db.dialect.client === 'postgres') {
          await trx.raw(`set local lock_timeout = '${LOCK_TIMEOUT}'`);
        }
        const page = lookUp(rows, run);
        const ledger = run.usernames.allocate(page);
        release = ledger.release;
        const allocation = await ledger.allocation;
        const created = await createUsers(await page, allocation);
        await after?.catch(() => {
          throw new PageBehind();
        });
        const outcomes = await completePage(rows, run, await page, allocation, created);
        await finishRows(run, outcomes, rows[rows.length - 1].row);
      });
    } finally {
      // Once the transaction has ended: committed, the names are in the database; rolled back, free.
      await release();
    }
  };

  /** A page whose transaction failed is retried a row at a time, so one bad row fails alone. */
  const commitRowByRow = async (rows: PageRow[], run: CommitRun) => {
    for (const row of rows) {
      try {
        await commitPage([row], run);
      } catch (error) {
        if (error instanceof ImportInProgress) throw error;
        // Our own refusals speak to the admin; a database error names tables, columns and values.
        const own = error instanceof errors.ApplicationError;
        if (!own) {
          strapi.log.error(
            `[user-communication] import ${run.importId}, row ${row.row}: ${errorSummary(error)}`
          );
        }
        const detail = own ? (error as Error).message : ROW_FAILED;
        const failed: Outcomes = new Map([[row.id, { outcome: 'failed', detail }]]);
        await strapi.db.transaction(() => finishRows(run, failed, row.row));
      }
    }
  };

  const result = async (importId: number, startedAt: string): Promise<CommitResult> => {
    const count = (outcome: Outcome) => importRows().count({ where: { importId, outcome } });
    const failed = (await importRows().findMany({
      where: { importId, outcome: 'failed' },
      select: ['row', 'detail'],
      orderBy: { row: 'asc' },
    })) as Array<Pick<RowRecord, 'row' | 'detail'>>;
    return {
      // A created row records no outcome; one that says 'created' was written before that was so.
      created: await importRows().count({
        where: { importId, valid: true, $or: [{ outcome: null }, { outcome: 'created' }] },
      }),
      updated: await count('updated'),
      skipped: await count('skipped'),
      failed: failed.map((row) => ({ row: row.row, error: row.detail ?? 'failed' })),
      committedAt: new Date(startedAt).toISOString(),
    };
  };

  /** The next page of rows to write: after `after`, without an outcome (an earlier commit's). */
  const readPage = (importId: number, after: number) => {
    const page = importRows().findMany({
      where: { importId, valid: true, outcome: null, row: { $gt: after } },
      select: [...PAGE_FIELDS],
      orderBy: { row: 'asc' },
      limit: COMMIT_PAGE,
    }) as Promise<PageRow[]>;
    // Awaited by the loop, or left behind by a page that failed: never an unhandled rejection.
    page.catch(() => undefined);
    return page;
  };

  /**
   * Writes the rows after `from` (where an interrupted commit stopped), page by page. On
   * PostgreSQL two pages are in flight, each on its own connection: while one finishes, the next
   * creates its users (the import's time was mostly the two waiting on each other, measured).
   * MySQL's next-key locks and SQLite's single connection keep one page at a time there.
   */
  const writeRows = async (run: CommitRun, from: number, total: number, onProgress?: Progress) => {
    const { importId } = run;
    // Until a page fails: from then on one page at a time, so a page written again never races
    // the page after it for its usernames.
    let overlapping = strapi.db.dialect.client === 'postgres';
    const users = tableStatistics(strapi, USER_UID);
    let statistics = Promise.resolve();
    let done = await importRows().count({
      where: {
        importId,
        valid: true,
        $or: [{ row: { $lte: from } }, { outcome: { $notNull: true } }],
      },
    });
    /** Counts a written page and tells the caller. */
    const written = (rows: PageRow[]) => {
      done += rows.length;
      // Outside the page's transaction, so ANALYZE sees the committed rows; the next page does
      // not wait for it.
      statistics = statistics.then(() => users.grew(rows.length));
      onProgress?.(done, total);
    };
    /**
     * A page, written after the page before it: whole, or row by row once a whole write failed.
     * `whole` settles first: when it rejects, the page after it, waiting in an open transaction,
     * rolls back (and is written whole once this one is written) before this one goes row by
     * row. An error of the caller's progress callback stops the commit there, as a failure for
     * good does.
     */
    const writePage = (rows: PageRow[], before: PageInFlight): PageInFlight => {
      let wroteWhole = false;
      const whole = commitPage(rows, run, overlapping ? before.whole : undefined)
        .catch(async (error: unknown) => {
          overlapping = false;
          if (!(error instanceof PageBehind)) throw error;
          await before.written;
          await commitPage(rows, run);
        })
        .then(() => {
          wroteWhole = true;
          written(rows);
        });
      const all = whole.catch(async (error: unknown) => {
        overlapping = false;
        if (wroteWhole || error instanceof ImportInProgress) throw error;
        // After the page before it, whose failure for good is this page's too, and once the
        // page after it has rolled back and given its usernames back.
        await before.written;
        await run.usernames.idle();
        await commitRowByRow(rows, run);
        written(rows);
      });
      // Awaited as the next page's `before`, or below: never an unhandled rejection.
      all.catch(() => undefined);
      return { whole, written: all };
    };
    let page: PageInFlight = { whole: Promise.resolve(), written: Promise.resolve() };
    let next = readPage(importId, from);
    try {
      for (;;) {
        const rows = await next;
        if (rows.length === 0) break;
        // Read while this page is written (on another connection where the pool has one; SQLite's
        // single connection takes it between pages): its rows come after this page's.
        next = readPage(importId, rows[rows.length - 1].row);
        const before = page;
        if (!overlapping) await before.written;
        page = writePage(rows, before);
        // Two pages in flight at most: this one, and the one before it until it is written.
        await before.written;
      }
      await page.written;
    } finally {
      // A page still in flight when one failed ends (rolls back) before the import is released.
      await page.written.catch(() => undefined);
      await statistics;
    }
  };

  /** Claims the import for `claimToken`; false when another commit holds it. */
  const claim = async (importId: number, updateExisting: boolean, claimToken: string) => {
    const claimed = await strapi.db
      .queryBuilder(IMPORT_UID)
      .where({
        id: importId,
        $or: [
          { status: 'previewed' },
          { status: 'committing', leaseUntil: { $lt: now().toJSDate() } },
        ],
      })
      .update({ status: 'committing', leaseUntil: lease(), updateExisting, claimToken })
      .execute();
    return Number(claimed) === 1;
  };

  return async (
    record: ImportRecord,
    options: CommitOptions = { updateAny: false }
  ): Promise<ImportResult> => {
    if (record.status === 'committed' && record.result) {
      return { ...record.result, alreadyCommitted: true };
    }
    const updateExisting = options.updateExisting ?? record.updateExisting;
    const claimToken = crypto.randomUUID();
    if (!(await claim(record.id, updateExisting, claimToken))) {
      throw new ImportInProgress(IN_PROGRESS);
    }
    // Only while this commit holds the import: one that was taken over leaves the other's hold alone.
    const whileHeld = (data: Record<string, unknown>) =>
      strapi.db
        .queryBuilder(IMPORT_UID)
        .where({ id: record.id, claimToken })
        .update({ ...data, leaseUntil: null, claimToken: null })
        .execute();
    // When the first attempt started: every user of this import was created at or after it,
    // so `createdAt >= committedAt` (with origin excel) lists them, also after a resumed commit.
    const startedAt = record.committedAt ?? (now().toISO() as string);
    if (!record.committedAt) {
      await imports().update({
        where: { id: record.id },
        data: { committedAt: new Date(startedAt) },
      });
    }
    try {
      const run = {
        importId: record.id,
        claimToken,
        updateExisting,
        updateAny: options.updateAny,
        roleId: await writer().defaultRoleId(),
        usernames: usernameLedger(strapi),
      };
      // Read once claimed: a commit whose lease ran out may have finished pages since `record` was read.
      const { committedThrough } = (await imports().findOne({
        where: { id: record.id },
        select: ['committedThrough'],
      })) as Pick<ImportRecord, 'committedThrough'>;
      await writeRows(run, committedThrough ?? 0, record.valid, options.onProgress);
      const committed = await result(record.id, startedAt);
      // The query builder writes raw values: a JSON column gets its text, but PostgreSQL the value.
      const stored =
        strapi.db.dialect.client === 'postgres' ? committed : JSON.stringify(committed);
      const finished = await whileHeld({ status: 'committed', result: stored });
      if (Number(finished) !== 1) throw new ImportInProgress(IN_PROGRESS);
      return { ...committed, alreadyCommitted: false };
    } catch (error) {
      // Released at once: a retry after a failure should not wait for the lease to run out.
      await whileHeld({ status: 'previewed' });
      throw error;
    }
  };
};
