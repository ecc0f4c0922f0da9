import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { MESSAGE_UID, type MessageStatus, type MessageType } from '../constants';
import { hideToken, newSlot, seal } from '../utils/link-secrets';
import { linkKey, pluginConfig } from '../utils/plugin-config';
import { insertChunks } from '../utils/chunks';
import { insertJsonRows, readsJsonTable } from '../utils/json-rows-insert';
import { documentIds, orderedIds } from '../utils/ordered-ids';
import { getService } from '../utils/get-service';
import type { TemplateVariables } from '../utils/render-template';
import { columnOf, qualifiedTable } from '../utils/table-queries';

interface EnqueueCommon {
  type: MessageType;
  userId?: number | null;
  recipient: string;
  locale?: string | null;
  subject: string;
  /** Chosen by the caller, e.g. `activation:<token id>` (utils/ordered-ids.ts keyId); a second enqueue with it is a no-op. */
  dedupeKey: string;
  /** The link token in the bodies: stored sealed, in a slot, never readable (utils/link-secrets.ts). */
  secret?: string;
}

/**
 * A message rendered now, or (with `variables`) one whose bodies are rendered when it is sent:
 * a reminder run queues hundreds of thousands, and rendering and storing every body then was
 * most of its cost. The subject is rendered now either way, for the log.
 */
export type EnqueueInput = EnqueueCommon &
  ({ text: string; html: string } | { variables: TemplateVariables });

/** A delivery to record: the relay's answer and, for a message rendered at send time, what was sent. */
export interface Delivery {
  id: number;
  response: string | null;
  rendered?: { subject: string; text: string; html: string };
}

export interface MessageRow {
  id: number;
  type: MessageType;
  userId: number | null;
  recipient: string;
  locale: string | null;
  subject: string;
  /** Empty until sent for a message rendered at send time (`variables`). */
  text: string | null;
  html: string | null;
  /** The template variables of a message rendered at send time, as JSON. */
  variables: string | null;
  status: MessageStatus;
  attempts: number;
  nextAttemptAt: string | null;
  leaseUntil: string | null;
  claimToken: string | null;
  lastError: string | null;
  providerResponse: string | null;
  sentAt: string | null;
  deliveredAt: string | null;
  /** The Message-ID header it is sent with: bounce and complaint reports name it. */
  smtpMessageId: string | null;
  /** The sealed link token, until the message is sent. */
  sealedToken: string | null;
  /** Where the bodies hold the link token's place. */
  tokenSlot: string | null;
  createdAt: string;
  updatedAt: string;
}

/**
 * A row of the outbox as written. A class, not an object literal: V8 watches the objects each
 * literal makes and, when nearly all are still alive at a young collection (a page of a thousand
 * rows, while the page is built), allocates that literal's objects in the old generation from
 * then on, where only a full collection frees them and what they hold; it does not watch what a
 * constructor makes. 200,000 reminders on MariaDB: the instance grew by 89–94 MB with the
 * literal, 13–17 MB with this class (and the reminder run's rows as classes too).
 */
class OutboxRow {
  /**
   * A class has no index signature of its own, and the writers below take rows as records: this
   * one lets a row be passed as one.
   */
  readonly [attribute: string]: unknown;
  readonly documentId: string;
  readonly smtpMessageId: string;
  readonly type: MessageType;
  readonly userId: number | null;
  readonly recipient: string;
  readonly locale: string | null;
  readonly subject: string;
  readonly text: string | null;
  readonly html: string | null;
  readonly variables: string | null;
  readonly sealedToken: string | null;
  readonly tokenSlot: string | null;
  readonly status: MessageStatus = 'queued';
  readonly attempts = 0;
  readonly nextAttemptAt: Date;
  readonly dedupeKey: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly publishedAt: Date;

  constructor(
    input: EnqueueInput,
    bodies: StoredBodies,
    at: Date,
    documentId: string,
    smtpMessageId: string
  ) {
    this.documentId = documentId;
    this.smtpMessageId = smtpMessageId;
    this.type = input.type;
    this.userId = input.userId ?? null;
    this.recipient = input.recipient;
    this.locale = input.locale ?? null;
    this.subject = bodies.subject;
    this.text = bodies.text;
    this.html = bodies.html;
    this.variables = bodies.variables;
    this.sealedToken = bodies.sealedToken;
    this.tokenSlot = bodies.tokenSlot;
    this.nextAttemptAt = at;
    this.dedupeKey = input.dedupeKey;
    this.createdAt = at;
    this.updatedAt = at;
    this.publishedAt = at;
  }
}

interface StoredBodies {
  subject: string;
  text: string | null;
  html: string | null;
  variables: string | null;
  sealedToken: string | null;
  tokenSlot: string | null;
}

/**
 * A subject as the `subject` column (varchar 255) holds it: a longer one goes out whole and is
 * logged cut, rather than failing the write of its message, or of its whole batch.
 */
const storedSubject = (subject: string): string =>
  // Never half of a character made of two UTF-16 units (an emoji): cut, it is not text.
  subject.slice(0, 255).replace(/[\uD800-\uDBFF]$/, '');

/**
 * The outbox table and its state machine:
 * queued → sending → sent | failed (retry later) → … → dead.
 * Every transition that a worker makes is conditional on its claim token, so a worker
 * whose lease expired cannot overwrite the outcome of the one that took over.
 */
const outbox = ({ strapi }: { strapi: Core.Strapi }) => {
  // Under a rate cap, this instance's lanes claim one after another, so they cannot all
  // spend the same remaining budget. (Across instances the cap is approximate by as much
  // as one batch per instance.)
  let cappedClaims: Promise<unknown> = Promise.resolve();
  const now = () => getService(strapi, 'clock').now();
  const query = () => strapi.db.query(MESSAGE_UID);
  const config = () => pluginConfig(strapi).delivery;

  const dueWhere = (at: Date) => ({
    $or: [
      { status: { $in: ['queued', 'failed'] }, nextAttemptAt: { $lte: at } },
      // A crashed or killed instance leaves its claims behind; they are taken over once the lease runs out.
      { status: 'sending', leaseUntil: { $lt: at } },
    ],
  });

  /** The bodies as stored: a link token is replaced by a slot of its own and kept sealed. */
  const storedBodies = (input: EnqueueInput): StoredBodies => {
    const rendered = !('variables' in input);
    const text = rendered ? input.text : null;
    const html = rendered ? input.html : null;
    const variables = rendered ? null : JSON.stringify(input.variables);
    const { secret } = input;
    if (!secret) {
      return {
        subject: storedSubject(input.subject),
        text,
        html,
        variables,
        sealedToken: null,
        tokenSlot: null,
      };
    }
    const slot = newSlot();
    const hide = (value: string | null) => (value === null ? null : hideToken(value, secret, slot));
    return {
      subject: storedSubject(hideToken(input.subject, secret, slot)),
      text: hide(text),
      html: hide(html),
      // A token is base64url: JSON leaves it as it is, so it is found and hidden there too.
      variables: hide(variables),
      sealedToken: seal(linkKey(strapi), secret),
      tokenSlot: slot,
    };
  };

  // The Message-ID's right-hand side: this server's host, so the id is globally unique (RFC 5322 §3.6.4).
  const idDomain = () => new URL(pluginConfig(strapi).publicUrl).hostname;

  /** The Message-ID's local part: 32 hex digits, as before, of which 10 random bytes. */
  const MESSAGE_ID_RANDOM_BYTES = 10;

  /** Each row's ids: its documentId and its Message-ID, both beginning with the time. */
  const idsFor = (count: number, domain: string) => {
    const messageIds = orderedIds(count, MESSAGE_ID_RANDOM_BYTES);
    return documentIds(count).map((documentId, index) => ({
      documentId,
      smtpMessageId: `uc.${messageIds[index]}@${domain}`,
    }));
  };

  const toRow = (
    input: EnqueueInput,
    at: Date,
    { documentId, smtpMessageId }: { documentId: string; smtpMessageId: string }
  ) => new OutboxRow(input, storedBodies(input), at, documentId, smtpMessageId);

  /**
   * MariaDB before 10.6, which has no `JSON_TABLE`: inserts rows, skipping those whose dedupe key
   * is queued already; how many it wrote (the driver's answer counts the rows an INSERT IGNORE
   * wrote; knex's, only the first id). The rows go as one list that mysql2 writes into the
   * statement, as it writes every binding: compiled by the Query Engine and then knex, each of a
   * page's 18,000 values was handled three times over. toRow gives every row the same fields,
   * each a value the driver binds as it is: text, a number, a date or null.
   */
  const insertSkippingQueued = async (rows: Array<Record<string, unknown>>): Promise<number> => {
    const attributes = Object.keys(rows[0]);
    const [answer] = (await strapi.db.transaction(({ trx }) =>
      trx.raw(`insert ignore into ?? (${attributes.map(() => '??').join(', ')}) values ?`, [
        qualifiedTable(strapi, MESSAGE_UID),
        ...attributes.map((attribute) => columnOf(strapi, MESSAGE_UID, attribute)),
        rows.map((row) => attributes.map((attribute) => row[attribute] ?? null)),
      ])
    )) as [{ affectedRows: number }];
    return answer.affectedRows;
  };

  /** `CASE id WHEN … THEN … [ELSE column] END`: one value per row in one UPDATE. */
  const caseById = (pairs: Array<[number, string | null]>, otherwise?: string) =>
    strapi.db.connection.raw(
      `CASE ?? ${pairs.map(() => 'WHEN ? THEN ?').join(' ')}${otherwise ? ' ELSE ??' : ''} END`,
      ['id', ...pairs.flat(), ...(otherwise ? [otherwise] : [])]
    );

  const transition = async (message: MessageRow, data: Record<string, unknown>) => {
    await strapi.db
      .queryBuilder(MESSAGE_UID)
      .where({ id: message.id, claimToken: message.claimToken, status: 'sending' })
      .update({ ...data, updatedAt: now().toJSDate() })
      .execute();
  };

  /** How many more messages may be claimed now under the global per-minute cap. */
  const budget = async (limit: number): Promise<number> => {
    const cap = config().messagesPerMinute;
    if (!cap) return limit;
    const since = now().minus({ minutes: 1 }).toJSDate();
    const used = await query().count({ where: { claimedAt: { $gte: since } } });
    return Math.max(0, Math.min(limit, cap - used));
  };

  const claimNow = async (limit: number): Promise<MessageRow[]> => {
    const at = now();
    const size = await budget(limit);
    if (size === 0) return [];
    const candidates = (await query().findMany({
      where: dueWhere(at.toJSDate()),
      select: ['id'],
      orderBy: [{ nextAttemptAt: 'asc' }, { id: 'asc' }],
      limit: size,
    })) as Array<{ id: number }>;
    if (candidates.length === 0) return [];

    const claimToken = crypto.randomUUID();
    await strapi.db
      .queryBuilder(MESSAGE_UID)
      .where({
        $and: [{ id: { $in: candidates.map((row) => row.id) } }, dueWhere(at.toJSDate())],
      })
      .update({
        status: 'sending',
        claimToken,
        claimedAt: at.toJSDate(),
        leaseUntil: at.plus({ seconds: config().leaseSeconds }).toJSDate(),
        attempts: strapi.db.connection.raw('?? + 1', ['attempts']),
        updatedAt: at.toJSDate(),
      })
      .execute();
    return (await query().findMany({
      where: { claimToken, status: 'sending' },
      orderBy: { id: 'asc' },
    })) as MessageRow[];
  };

  return {
    /**
     * Writes a message to the outbox; joins the caller's `strapi.db.transaction` if any.
     * Insert-or-ignore on the unique dedupe key: no error, no second row, on every dialect.
     */
    async enqueue(input: EnqueueInput): Promise<{ id: number; status: MessageStatus }> {
      const at = now().toJSDate();
      await strapi.db
        .queryBuilder(MESSAGE_UID)
        .insert(toRow(input, at, idsFor(1, idDomain())[0]))
        .onConflict('dedupe_key')
        .ignore()
        .execute();
      const row = (await query().findOne({
        where: { dedupeKey: input.dedupeKey },
        select: ['id', 'status'],
      })) as {
        id: number;
        status: MessageStatus;
      };
      return row;
    },

    /**
     * `enqueue` for many messages in one statement; rows whose dedupe key exists are skipped.
     * Returns how many were queued.
     */
    async enqueueMany(inputs: EnqueueInput[]): Promise<number> {
      if (inputs.length === 0) return 0;
      const at = now().toJSDate();
      const rowIds = idsFor(inputs.length, idDomain());
      const rows = inputs.map((input, index) => toRow(input, at, rowIds[index]));
      if (strapi.db.dialect.client !== 'mysql' || readsJsonTable(strapi)) {
        const { inserted } = await insertJsonRows(strapi, MESSAGE_UID, {
          rows,
          shared: { createdAt: at, updatedAt: at, publishedAt: at, nextAttemptAt: at },
          conflict: 'dedupeKey',
        });
        return inserted;
      }
      const parts = insertChunks(
        strapi.db.dialect.client,
        rows,
        (row) =>
          (row.subject?.length ?? 0) +
          (row.text?.length ?? 0) +
          (row.html?.length ?? 0) +
          (row.variables?.length ?? 0)
      );
      let queued = 0;
      for (const part of parts) queued += await insertSkippingQueued(part);
      return queued;
    },

    /**
     * Claims up to `limit` due messages for this worker. Two steps that are safe with any
     * number of instances on any dialect: read candidates, then one conditional UPDATE that
     * re-checks due-ness (a row another worker took meanwhile no longer matches).
     */
    async claim(limit: number): Promise<MessageRow[]> {
      if (!config().messagesPerMinute) return claimNow(limit);
      const claimed = cappedClaims.then(() => claimNow(limit));
      cappedClaims = claimed.catch(() => undefined);
      return claimed;
    },

    /**
     * Records a batch's deliveries in one statement (each keeps its own relay response, e.g.
     * the queue id, through a CASE), so the database costs one round trip per batch.
     */
    async markSent(claimToken: string, deliveries: Delivery[]): Promise<void> {
      if (deliveries.length === 0) return;
      const at = now().toJSDate();
      await strapi.db
        .queryBuilder(MESSAGE_UID)
        .where({
          id: { $in: deliveries.map((delivery) => delivery.id) },
          claimToken,
          status: 'sending',
        })
        .update({
          status: 'sent',
          sentAt: at,
          // Delivered: the token has no reason to stay, even sealed.
          sealedToken: null,
          leaseUntil: null,
          lastError: null,
          providerResponse: caseById(
            deliveries.map((delivery) => [delivery.id, delivery.response?.slice(0, 255) ?? null])
          ),
          updatedAt: at,
        })
        .execute();
    },

    /**
     * Writes what messages rendered at send time were sent with, for the log. Called once their
     * delivery is recorded, and on its own: however large the bodies, a failure here must not
     * undo the record and have the batch sent again. Statements are kept under the insert cap.
     */
    async keepRendered(deliveries: Delivery[]): Promise<void> {
      const rendered = deliveries.flatMap((delivery) =>
        delivery.rendered ? [{ id: delivery.id, ...delivery.rendered }] : []
      );
      const parts = insertChunks(
        strapi.db.dialect.client,
        rendered,
        (row) => row.subject.length + row.text.length + row.html.length
      );
      for (const part of parts) {
        const column = (name: 'subject' | 'text' | 'html') =>
          caseById(
            part.map((row) => [
              row.id,
              name === 'subject' ? storedSubject(row.subject) : row[name],
            ]),
            name
          );
        await strapi.db
          .queryBuilder(MESSAGE_UID)
          .where({ id: { $in: part.map((row) => row.id) }, html: { $null: true } })
          .update({ subject: column('subject'), text: column('text'), html: column('html') })
          .execute();
      }
    },

    async markFailed(message: MessageRow, error: string, retryAt: Date | null): Promise<void> {
      await transition(message, {
        status: retryAt ? 'failed' : 'dead',
        nextAttemptAt: retryAt,
        leaseUntil: null,
        lastError: error,
      });
    },

    /**
     * Stops the user's messages (of the given types, or all) that have not gone out (queued, or
     * waiting for a retry); one being sent right now is past stopping. For a deactivated account
     * (SCIM): its links are revoked anyway, and nothing more should reach it; for a user who
     * refused reminders, or whose address bounced, the reminders still waiting. The sealed link
     * token goes too.
     */
    async cancelForUser(userId: number, reason: string, types?: MessageType[]): Promise<number> {
      const at = now().toJSDate();
      const changed = await strapi.db
        .queryBuilder(MESSAGE_UID)
        .where({
          userId,
          status: { $in: ['queued', 'failed'] },
          ...(types ? { type: { $in: types } } : {}),
        })
        .update({
          status: 'cancelled',
          nextAttemptAt: null,
          sealedToken: null,
          lastError: reason,
          updatedAt: at,
        })
        .execute();
      return Number(changed);
    },

    /** Puts a dead message back in the queue with fresh attempts (admin action). */
    async retry(id: number): Promise<boolean> {
      const at = now().toJSDate();
      const changed = await strapi.db
        .queryBuilder(MESSAGE_UID)
        .where({ id, status: 'dead' })
        .update({
          status: 'queued',
          attempts: 0,
          nextAttemptAt: at,
          lastError: null,
          claimToken: null,
          updatedAt: at,
        })
        .execute();
      return Number(changed) > 0;
    },
  };
};

export type OutboxService = ReturnType<typeof outbox>;
export default outbox;
