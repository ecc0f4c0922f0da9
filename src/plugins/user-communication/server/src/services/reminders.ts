import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import type { DateTime } from 'luxon';
import type {
  ReminderPreview,
  ReminderRun,
  ReminderRunList,
  RunOutcome,
} from '../../../shared/contracts/reminders';
import { MESSAGE_UID, REMINDER_RUN_UID, USER_UID, type Origin } from '../constants';
import { greetingName } from '../utils/display-name';
import { getService } from '../utils/get-service';
import { errorSummary } from '../utils/error-summary';
import { documentIds, keyId } from '../utils/ordered-ids';
import { pluginConfig } from '../utils/plugin-config';
import type { TemplateVariables } from '../utils/render-template';
import { columnOf, correlatedToRoot, isSqlTrue, qualifiedTable } from '../utils/table-queries';
import { withRetries } from '../utils/transient-conflict';
import { sendTimeVariables } from './mailer';
import type { EnqueueInput } from './outbox';
import type { Settings } from './settings-model';
import type { TemplatesService } from './templates';

const LEASE_MINUTES = 5;
/** Upper bound of the random wait before a page that lost a race in the database is written again. */
const RETRY_JITTER_MS = 50;
const SAMPLE_SIZE = 10;

/** A due user as the preview shows them. */
interface DueUser {
  id: number;
  email: string;
  username: string | null;
  createdAt: string;
  lastLoginAt: string | null;
  activatedAt: string | null;
  provider: string | null;
  origin: Origin | null;
}

const DUE_FIELDS = [
  'id',
  'email',
  'username',
  'provider',
  'origin',
  'createdAt',
  'lastLoginAt',
  'activatedAt',
];

const LOCKED_FIELDS = ['id', 'email', 'username', 'locale', 'provider', 'origin'] as const;

/**
 * A due user as the run reads them, locked, to remind them. Of their dates only the one their
 * cycle counts from is read; of the others, and of their password hash, only whether there is one.
 * A class, as the outbox's rows are (OutboxRow in services/outbox.ts): a page holds a thousand
 * while it is built, and V8 may then allocate a literal's objects in the old generation.
 */
class LockedUser {
  readonly id: number;
  readonly email: string;
  readonly username: string | null;
  readonly locale: string | null;
  readonly provider: string | null;
  readonly origin: Origin | null;
  /** Whether they ever logged in, were activated, have a password. */
  readonly lastLoginAt: boolean;
  readonly activatedAt: boolean;
  readonly hasPassword: boolean;

  constructor(
    row: Record<string, unknown>,
    columns: Record<(typeof LOCKED_FIELDS)[number], string>,
    /** Their last login, or their creation if they never logged in. */
    readonly anchor: Date
  ) {
    this.id = Number(row[columns.id]);
    this.email = row[columns.email] as string;
    this.username = row[columns.username] as string | null;
    this.locale = row[columns.locale] as string | null;
    this.provider = row[columns.provider] as string | null;
    this.origin = row[columns.origin] as Origin | null;
    this.lastLoginAt = isSqlTrue(row.logged_in);
    this.activatedAt = isSqlTrue(row.activated);
    this.hasPassword = isSqlTrue(row.has_password);
  }
}

/**
 * A locked user's reminder of this cycle: how many days since they were last seen, its key. A
 * class for the reason LockedUser is one.
 */
class CycleReminder {
  constructor(
    readonly user: LockedUser,
    readonly days: number,
    readonly dedupeKey: string
  ) {}
}

/**
 * A date as the driver returns it (a Date; milliseconds or text on SQLite), read as the Query
 * Engine reads one: an invalid date is none.
 */
const dateOf = (value: unknown): Date | null => {
  if (value === null || value === undefined) return null;
  const date = value instanceof Date ? value : new Date(value as string | number);
  return Number.isNaN(date.getTime()) ? null : date;
};

/** A reminder not yet sent and not given up on. */
const WAITING = ['queued', 'sending', 'failed'];

/**
 * The users with a reminder still waiting to be sent, or queued in the last `intervalDays` and
 * never sent (given up on, or cancelled when the address bounced), correlated to the user of the
 * query it is used in (one lookup on uc_messages_user_idx per user). `lastRemindedAt` is written
 * when a reminder is sent; until then this keeps the user out of the count and of the next run,
 * and a reminder that died waits its interval, as one that was sent does.
 */
const remindedOf = (strapi: Core.Strapi, cutoff: Date) =>
  correlatedToRoot(strapi, MESSAGE_UID, 'reminder', 'user_id')
    .where('reminder.type', 'no-login-reminder')
    .where((recent) =>
      recent.whereIn('reminder.status', WAITING).orWhere('reminder.created_at', '>', cutoff)
    );

/**
 * Whether a user's own fields make them due: reminders are on, the user is not blocked, has an
 * e-mail that has not bounced or complained and has not unsubscribed, at least `intervalDays` have
 * passed since their last login (or their creation, if they never logged in) and since the last
 * reminder they were sent.
 */
const eligibleWhere = (now: DateTime, intervalDays: number) => {
  const cutoff = now.minus({ days: intervalDays }).toJSDate();
  return {
    $and: [
      { email: { $notNull: true } },
      { $or: [{ blocked: false }, { blocked: null }] },
      // Bounced or complained addresses, and users who unsubscribed, get no more reminders.
      { $or: [{ emailStatus: 'ok' }, { emailStatus: null }] },
      { $or: [{ reminderOptOut: false }, { reminderOptOut: null }] },
      {
        $or: [
          { lastLoginAt: { $lte: cutoff } },
          { $and: [{ lastLoginAt: null }, { createdAt: { $lte: cutoff } }] },
        ],
      },
      { $or: [{ lastRemindedAt: null }, { lastRemindedAt: { $lte: cutoff } }] },
    ],
  };
};

/**
 * The no-login reminder, in one place: a user is due when eligible and no reminder of theirs is
 * waiting to be sent or was queued within the interval. Being computed from data, it is retroactive and catches up after downtime,
 * and a missed day never turns into a backlog of reminders.
 */
const dueWhere = (strapi: Core.Strapi, now: DateTime, intervalDays: number) => ({
  $and: [
    eligibleWhere(now, intervalDays),
    { id: { $notIn: remindedOf(strapi, now.minus({ days: intervalDays }).toJSDate()) } },
  ],
});

const reminders = ({ strapi }: { strapi: Core.Strapi }) => {
  const clock = () => getService(strapi, 'clock');
  const runs = () => strapi.db.query(REMINDER_RUN_UID);
  const dedupeColumn = () => columnOf(strapi, MESSAGE_UID, 'dedupeKey');
  const instanceId = crypto.randomUUID();

  const isActivated = (user: Pick<DueUser | LockedUser, 'activatedAt' | 'origin' | 'provider'>) =>
    Boolean(user.activatedAt) || user.origin === 'sso' || (user.provider ?? 'local') !== 'local';

  /**
   * An activation link sets a first password (activation.complete), so only a user who never
   * had one and never logged in gets one; everyone else is reminded with the platform's link.
   */
  const getsActivationLink = (user: LockedUser) =>
    !isActivated(user) && !user.lastLoginAt && !user.hasPassword;

  /**
   * Whether two pages may be written side by side. Not on MariaDB with `innodb_snapshot_isolation`
   * (on by default from 11.6.2): there a page whose snapshot predates the page before it could
   * not then add to the day's run, which that page updated meanwhile (ER_CHECKREAD), so pages are
   * written one after another. Elsewhere a page reads its users with their rows locked and adds
   * to the run with a write, which waits for the page before it rather than failing.
   */
  const pagesOverlap = async (): Promise<boolean> => {
    if (strapi.db.dialect.client !== 'mysql') return true;
    try {
      const [rows] = (await strapi.db.connection.raw(
        'select @@innodb_snapshot_isolation as checked'
      )) as [Array<{ checked: unknown }>];
      return !isSqlTrue(rows[0]?.checked);
    } catch {
      // MySQL, and MariaDB releases before the variable (10.6.18, 10.11.8, 11.4.2), have no such check.
      return true;
    }
  };

  /** Takes (or resumes) the day's lease; false if another instance holds it or the day is done. */
  const acquire = async (runDate: string, trigger: 'schedule' | 'manual'): Promise<boolean> => {
    const now = clock().now().toJSDate();
    await strapi.db
      .queryBuilder(REMINDER_RUN_UID)
      .insert({
        documentId: documentIds(1)[0],
        runDate,
        status: 'pending',
        trigger,
        cursor: 0,
        reminded: 0,
        createdAt: now,
        updatedAt: now,
        publishedAt: now,
      })
      .onConflict('run_date')
      .ignore()
      .execute();
    if (trigger === 'manual') {
      // "Run now" after the day's run: a new pass over everyone (the cycle keys keep it from doubling anyone).
      await strapi.db
        .queryBuilder(REMINDER_RUN_UID)
        .where({ runDate, status: 'done' })
        .update({ status: 'pending', cursor: 0, trigger, updatedAt: now })
        .execute();
    }
    const taken = await strapi.db
      .queryBuilder(REMINDER_RUN_UID)
      .where({
        runDate,
        status: { $ne: 'done' },
        $or: [{ owner: null }, { owner: instanceId }, { leaseUntil: { $lt: now } }],
      })
      .update({
        status: 'running',
        owner: instanceId,
        leaseUntil: clock().now().plus({ minutes: LEASE_MINUTES }).toJSDate(),
        startedAt: now,
        updatedAt: now,
      })
      .execute();
    return Number(taken) === 1;
  };

  interface Page {
    now: DateTime;
    ids: number[];
    lastId: number;
  }

  interface RunContext {
    runDate: string;
    settings: Settings;
    renderSubject: ReturnType<TemplatesService['batchSubjectRenderer']>;
  }

  /** Where the user stands in their reminder cycles; the key lets each cycle be reminded once. */
  const cycleOf = (user: LockedUser, now: DateTime, intervalDays: number) => {
    const anchor = user.anchor.getTime();
    const days = Math.floor((now.toMillis() - anchor) / 86_400_000);
    const cycle = Math.floor(days / intervalDays);
    // Once per user per cycle, whatever instance or run gets here: the unique key decides.
    return { days, dedupeKey: `no-login-reminder:${keyId(user.id)}:${anchor}:${cycle}` };
  };

  /**
   * A page's ids for `$in`: on PostgreSQL one array parameter instead of a list of 1,000, which
   * PostgreSQL parses and plans anew for every page (queuedKeys sends its keys so too).
   */
  const pageIds = (ids: number[]) =>
    strapi.db.dialect.client === 'postgres'
      ? strapi.db.connection.raw('select unnest(?::int[])', [ids])
      : ids;

  /**
   * The page's users that are still due, read again with their rows locked: the reminder and
   * its link go to the address the user has now, not to one changed since the page was read,
   * and a user who has logged in or been blocked meanwhile is left out. Locked in id order, as
   * everywhere (tokens.lockUsers). Read as the driver returns the rows, not through the Query
   * Engine's conversions, which turned each date into text for the run to parse back (a tenth
   * of the Node process's time in a profiled run).
   */
  const lockDue = async (ids: number[], now: DateTime, intervalDays: number) => {
    const column = (attribute: string) => columnOf(strapi, USER_UID, attribute);
    const raw = (sql: string, bindings: string[]) => strapi.db.connection.raw(sql, bindings);
    const rows = (await strapi.db
      .queryBuilder(USER_UID)
      .select([
        ...LOCKED_FIELDS,
        // One date instead of three: turning them into Dates was a sixth of what the run
        // allocated on PostgreSQL (node-postgres parses each with a regular expression).
        raw('coalesce(??, ??) as anchor', [column('lastLoginAt'), column('createdAt')]),
        raw('(?? is not null) as logged_in', [column('lastLoginAt')]),
        raw('(?? is not null) as activated', [column('activatedAt')]),
        raw('(?? is not null) as has_password', [column('password')]),
      ])
      // Not the reminder subquery: PostgreSQL re-checks a locked row's subqueries against the
      // statement's snapshot, so it would not see a reminder queued meanwhile anyway. The cycle's
      // dedupe key is what keeps a user from two reminders; two runs overlap only across midnight
      // UTC (a long run, or "Run now" just after), where a cycle boundary between them could let
      // a user through twice.
      .where({ $and: [eligibleWhere(now, intervalDays), { id: { $in: pageIds(ids) } }] })
      .orderBy({ id: 'asc' })
      .forUpdate()
      .execute({ mapResults: false })) as Array<Record<string, unknown>>;
    const columns = Object.fromEntries(
      LOCKED_FIELDS.map((field) => [field, column(field)])
    ) as Record<(typeof LOCKED_FIELDS)[number], string>;
    const users: LockedUser[] = [];
    for (const row of rows) {
      const anchor = dateOf(row.anchor);
      // A date the database holds but no one can read (PostgreSQL's -infinity, MySQL's zero
      // date) starts no cycle; said, since the preview counts such a user as due.
      if (!anchor) {
        strapi.log.warn(
          `[user-communication] user ${String(row[columns.id])} not reminded: unreadable login or creation date`
        );
        continue;
      }
      users.push(new LockedUser(row, columns, anchor));
    }
    return users;
  };

  /**
   * The keys of these cycles that were queued before. A cycle number comes round again when
   * `intervalDays` grows (day 4 of 2 and day 7 of 3 are both cycle 2): its reminder must then be
   * skipped before a link is issued, since issuing revokes the link the earlier one mailed.
   */
  const queuedKeys = async (keys: string[]): Promise<Set<string>> => {
    if (keys.length === 0) return new Set();
    if (strapi.db.dialect.client === 'postgres') {
      // One array parameter instead of a list of 1,000: a third of the time (measured, 1,000 keys).
      const found = await strapi.db.transaction(({ trx }) =>
        trx.raw('select ?? as "key" from ?? where ?? = any(?::text[])', [
          dedupeColumn(),
          qualifiedTable(strapi, MESSAGE_UID),
          dedupeColumn(),
          keys,
        ])
      );
      return new Set((found as { rows: Array<{ key: string }> }).rows.map((row) => row.key));
    }
    const rows = (await strapi.db.query(MESSAGE_UID).findMany({
      where: { dedupeKey: { $in: keys } },
      select: ['dedupeKey'],
    })) as Array<{ dedupeKey: string }>;
    return new Set(rows.map((row) => row.dedupeKey));
  };

  /** The ids of the next page of due users after `cursor`, in id order; null when none is left. */
  const readPage = async ({ settings }: RunContext, cursor: number): Promise<Page | null> => {
    const now = clock().now();
    const page = (await strapi.db.query(USER_UID).findMany({
      where: {
        $and: [
          dueWhere(strapi, now, settings.noLoginReminder.intervalDays),
          { id: { $gt: cursor } },
        ],
      },
      select: ['id'],
      orderBy: { id: 'asc' },
      limit: pluginConfig(strapi).reminders.pageSize,
    })) as Array<{ id: number }>;
    if (page.length === 0) return null;
    return { now, ids: page.map((user) => user.id), lastId: page[page.length - 1].id };
  };

  /**
   * Queues one page's reminders in one transaction and counts them on the day's run, which it
   * must still hold. How many it queued.
   */
  const queuePage = async (
    { runDate, settings, renderSubject }: RunContext,
    { now, ids }: Page
  ): Promise<number> => {
    return await strapi.db.transaction(async () => {
      // SQLite: a transaction that has read cannot take the write lock while another process
      // writes (SQLITE_BUSY at once, not after the busy timeout), so the page writes first.
      if (strapi.db.dialect.client === 'sqlite') await countOnRun(runDate, 0);
      const config = pluginConfig(strapi);
      const { intervalDays } = settings.noLoginReminder;
      const due = (await lockDue(ids, now, intervalDays)).map((user) => {
        const { days, dedupeKey } = cycleOf(user, now, intervalDays);
        return new CycleReminder(user, days, dedupeKey);
      });
      // With activation switched off no path hands out activation links, the reminder included.
      const getsLink = (user: LockedUser) =>
        settings.activation.enabled && getsActivationLink(user);
      // Only a reminder with a link is looked up first: issuing its link would revoke the one an
      // earlier reminder of its cycle mailed. Any other whose key is queued already is skipped by
      // the insert (the key is unique) and not counted: a lookup for every key was a seventh of
      // a page's time on PostgreSQL.
      const queued = await queuedKeys(
        due.filter(({ user }) => getsLink(user)).map(({ dedupeKey }) => dedupeKey)
      );
      const toRemind = due.filter(({ dedupeKey }) => !queued.has(dedupeKey));

      const linked = toRemind.map(({ user }) => user).filter(getsLink);
      const links = await getService(strapi, 'tokens').issueMany(
        linked.map((user) => user.id),
        'activation',
        { days: settings.activation.linkLifetimeDays }
      );
      const subjectOf = await renderSubject(toRemind.map(({ user }) => user.locale));
      const messages: EnqueueInput[] = [];
      for (const { user, days, dedupeKey } of toRemind) {
        const link = links.get(user.id);
        // Rendered when sent (message-bodies.ts), with the unsubscribe link made then; stored
        // are only the variables that are the user's own.
        const variables: TemplateVariables = {
          username: greetingName(user),
          daysSinceLastLogin: days,
        };
        if (link) variables.link = getService(strapi, 'activation').linkFor(link.token);
        const { subject, locale } = subjectOf(
          user.locale,
          sendTimeVariables(config, user.email, variables)
        );
        messages.push({
          type: 'no-login-reminder',
          userId: user.id,
          recipient: user.email,
          locale,
          subject,
          variables,
          dedupeKey,
          secret: link?.token,
        });
      }
      const queuedNow = await getService(strapi, 'outbox').enqueueMany(messages);
      await countOnRun(runDate, queuedNow);
      return queuedNow;
    });
  };

  /** Updates the day's run, which this instance must still hold. */
  const updateHeldRun = async (runDate: string, data: Record<string, unknown>) => {
    const held = await strapi.db
      .queryBuilder(REMINDER_RUN_UID)
      .where({ runDate, owner: instanceId })
      // Changing nothing still proves the lease: MySQL answers the rows found, not only those
      // changed (mysql2's FOUND_ROWS flag, on by default, which acquire relies on too).
      .update({ ...data, updatedAt: clock().now().toJSDate() })
      .execute();
    if (Number(held) !== 1) throw new LeaseLost();
  };

  /** Adds a page's reminders to the day's run's count. */
  const countOnRun = (runDate: string, queued: number) =>
    updateHeldRun(runDate, { reminded: strapi.db.connection.raw('?? + ?', ['reminded', queued]) });

  /** Moves the day's cursor past a page written, with every page before it, and renews the lease. */
  const moveCursor = (runDate: string, lastId: number) =>
    updateHeldRun(runDate, {
      cursor: lastId,
      leaseUntil: clock().now().plus({ minutes: LEASE_MINUTES }).toJSDate(),
    });

  return {
    /**
     * Reminders the relay accepted: their users' `lastRemindedAt`. Written as they are sent, paced
     * by delivery, not by the morning run: updating half a million user rows there cost as much as
     * queuing their reminders (on PostgreSQL every updated row is a new row version in each of
     * the users table's indexes).
     */
    async recordSent(userIds: number[]): Promise<void> {
      if (userIds.length === 0) return;
      const ids = [...new Set(userIds)];
      // Locked in id order first, as everywhere: an UPDATE locks its rows in whatever order it reads them.
      await getService(strapi, 'tokens').lockUsers(ids);
      await strapi.db
        .queryBuilder(USER_UID)
        .where({ id: { $in: ids } })
        .update({ lastRemindedAt: clock().now().toJSDate() })
        .execute();
    },

    /** Evaluates and queues the day's reminders, under the day's lease. */
    async run(trigger: 'schedule' | 'manual' = 'schedule'): Promise<RunOutcome> {
      const now = clock().now();
      const runDate = now.toISODate() as string;
      const settings = await getService(strapi, 'settings').get();
      if (!settings.noLoginReminder.enabled) return { runDate, status: 'disabled', reminded: 0 };
      if (!(await acquire(runDate, trigger))) return { runDate, status: 'busy', reminded: 0 };

      // Read once per run: each locale's template is then resolved once, not once per page.
      const context: RunContext = {
        runDate,
        settings,
        renderSubject: getService(strapi, 'templates').batchSubjectRenderer('no-login-reminder'),
      };
      const overlap = await pagesOverlap();
      let total = 0;
      // Two pages in flight, each in its own transaction: while one's reminders are written, the
      // next one's users are read, locked and its reminders built (the run waited on each in
      // turn). SQLite's one connection takes them in turn anyway, and MariaDB's snapshot isolation
      // keeps them apart (pagesOverlap); there only the reading of the next page overlaps. A page
      // that loses a race in the database (a deadlock with a request for one of its users) is
      // rolled back whole and written again. No page waits in JavaScript for another page's commit while holding rows: the
      // database cannot see such a wait, so a transaction locking users of both pages could close
      // a cycle that never ends. The cursor moves past a page only once it and every page before
      // it are written; a page written after one that failed is read again by the next run, which
      // leaves its users out (their reminders wait to be sent, or were queued within the
      // interval).
      const inFlight: Array<{ queued: Promise<number>; lastId: number }> = [];
      const settleOldest = async () => {
        const { queued, lastId } = inFlight[0];
        total += await queued;
        inFlight.shift();
        await moveCursor(runDate, lastId);
        getService(strapi, 'delivery-worker').kick();
      };
      try {
        let cursor =
          ((await runs().findOne({ where: { runDate }, select: ['cursor'] })) as { cursor: number })
            .cursor ?? 0;
        for (;;) {
          const page = await readPage(context, cursor);
          if (!page) break;
          if (!overlap && inFlight.length > 0) await settleOldest();
          const queued = withRetries(() => queuePage(context, page), {
            jitterMs: RETRY_JITTER_MS,
            onRetry: (error) =>
              strapi.log.warn(
                `[user-communication] reminder page from user ${page.ids[0]} written again: ${errorSummary(error)}`
              ),
          });
          // Handled here, awaited below: a page that fails while the loop waits on another is
          // not an unhandled rejection.
          queued.catch(() => undefined);
          inFlight.push({ queued, lastId: page.lastId });
          if (inFlight.length > 1) await settleOldest();
          cursor = page.lastId;
        }
        while (inFlight.length > 0) await settleOldest();
      } catch (error) {
        // The page still in flight ends before the lease is given up or the error reported.
        for (const settled of await Promise.allSettled(inFlight.map(({ queued }) => queued))) {
          if (settled.status === 'fulfilled') total += settled.value;
        }
        if (error instanceof LeaseLost) return { runDate, status: 'busy', reminded: total };
        throw error;
      }
      await strapi.db
        .queryBuilder(REMINDER_RUN_UID)
        .where({ runDate, owner: instanceId })
        .update({
          status: 'done',
          owner: null,
          leaseUntil: null,
          finishedAt: clock().now().toJSDate(),
        })
        .execute();
      return { runDate, status: 'done', reminded: total };
    },

    /** Who the next run would remind: how many, and the first few only `withUsers`. */
    async preview({ withUsers }: { withUsers: boolean }): Promise<ReminderPreview> {
      const { noLoginReminder } = await getService(strapi, 'settings').get();
      const where = dueWhere(strapi, clock().now(), noLoginReminder.intervalDays);
      const [count, sample] = await Promise.all([
        strapi.db.query(USER_UID).count({ where }),
        withUsers
          ? (strapi.db.query(USER_UID).findMany({
              where,
              select: DUE_FIELDS,
              orderBy: { id: 'asc' },
              limit: SAMPLE_SIZE,
            }) as Promise<DueUser[]>)
          : null,
      ]);
      return {
        enabled: noLoginReminder.enabled,
        intervalDays: noLoginReminder.intervalDays,
        count,
        sample:
          sample === null
            ? null
            : sample.map((user) => ({
                id: user.id,
                email: user.email,
                username: user.username,
                lastLoginAt: user.lastLoginAt,
                createdAt: user.createdAt,
                activated: isActivated(user),
              })),
      };
    },

    async listRuns(limit = 30): Promise<ReminderRunList> {
      const rows = (await runs().findMany({
        select: ['runDate', 'status', 'trigger', 'reminded', 'startedAt', 'finishedAt'],
        orderBy: { runDate: 'desc' },
        limit,
      })) as ReminderRun[];
      return { results: rows };
    },
  };
};

class LeaseLost extends Error {}

export type RemindersService = ReturnType<typeof reminders>;
export default reminders;
