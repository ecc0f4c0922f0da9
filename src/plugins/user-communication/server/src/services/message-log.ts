import type { Core } from '@strapi/strapi';
import type {
  DeliveryReport,
  MessageDetail,
  MessagePage,
  MessageSummary,
} from '../../../shared/contracts/messages';
import { DELIVERY_EVENT_UID, MESSAGE_UID } from '../constants';
import { getService } from '../utils/get-service';
import { maskSecrets } from '../utils/mask-secrets';
import type { MessageLogQuery } from '../validation/messages';
import type { MessageRow } from './outbox';
import { retryingTransaction } from '../utils/transient-conflict';

const SUMMARY_FIELDS = [
  'id',
  'type',
  'userId',
  'recipient',
  'locale',
  'subject',
  'status',
  'attempts',
  'nextAttemptAt',
  'lastError',
  'providerResponse',
  'sentAt',
  'deliveredAt',
  'createdAt',
] as const;

type Summary = Pick<MessageRow, (typeof SUMMARY_FIELDS)[number]>;

// The reference app's capture transport answers "captured <file>" instead of an SMTP reply.
const toSummary = (row: Summary): MessageSummary => ({
  id: row.id,
  type: row.type,
  userId: row.userId,
  recipient: row.recipient,
  locale: row.locale,
  subject: maskSecrets(row.subject),
  status: row.status,
  captured: row.status === 'sent' && (row.providerResponse ?? '').startsWith('captured'),
  attempts: row.attempts,
  nextAttemptAt: row.status === 'queued' || row.status === 'failed' ? row.nextAttemptAt : null,
  lastError: row.lastError,
  sentAt: row.sentAt,
  deliveredAt: row.deliveredAt,
  createdAt: row.createdAt,
});

/** The admin's read model of the outbox: explicit shapes, bodies with link tokens masked. */
const messageLog = ({ strapi }: { strapi: Core.Strapi }) => {
  const findOne = async (id: number): Promise<MessageDetail | null> => {
    const row = (await strapi.db
      .query(MESSAGE_UID)
      .findOne({ where: { id } })) as MessageRow | null;
    if (!row) return null;
    const reports = (await strapi.db.query(DELIVERY_EVENT_UID).findMany({
      where: { messageId: id },
      select: ['source', 'kind', 'detail', 'occurredAt'],
      orderBy: [{ occurredAt: 'asc' }, { id: 'asc' }],
    })) as DeliveryReport[];
    // Not sent yet and rendered only when it is: shown as it would be sent now (or as stored,
    // should its template or variables no longer render).
    const preview = await getService(strapi, 'message-bodies')
      .preview(row)
      .catch(() => null);
    const bodies = preview ?? row;
    return {
      ...toSummary({ ...row, subject: bodies.subject }),
      text: maskSecrets(bodies.text),
      html: maskSecrets(bodies.html),
      reports,
    };
  };

  return {
    async list(params: MessageLogQuery): Promise<MessagePage> {
      const conditions: Record<string, unknown>[] = [];
      if (params.user !== undefined) conditions.push({ userId: params.user });
      if (params.type) conditions.push({ type: params.type });
      if (params.status) conditions.push({ status: params.status });
      if (params.from) conditions.push({ createdAt: { $gte: params.from } });
      if (params.to) conditions.push({ createdAt: { $lte: params.to } });
      const where = conditions.length > 0 ? { $and: conditions } : {};
      const query = strapi.db.query(MESSAGE_UID);
      const [rows, total] = await Promise.all([
        query.findMany({
          where,
          select: [...SUMMARY_FIELDS],
          orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
          limit: params.pageSize,
          offset: (params.page - 1) * params.pageSize,
        }) as Promise<Summary[]>,
        query.count({ where }),
      ]);
      return {
        results: rows.map(toSummary),
        pagination: {
          page: params.page,
          pageSize: params.pageSize,
          total,
          pageCount: Math.ceil(total / params.pageSize),
        },
      };
    },

    /**
     * Puts a dead message back in the queue and answers it as retried. Read in the same
     * transaction: a worker, here or on another instance, cannot claim it between the two.
     */
    async retry(id: number): Promise<MessageDetail | null> {
      return retryingTransaction(strapi, async () =>
        (await getService(strapi, 'outbox').retry(id)) ? findOne(id) : null
      );
    },

    findOne,
  };
};

export type MessageLogService = ReturnType<typeof messageLog>;
export default messageLog;
