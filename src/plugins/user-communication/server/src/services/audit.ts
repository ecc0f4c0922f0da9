import type { Core } from '@strapi/strapi';
import type {
  AuditAction,
  AuditDetailsByAction,
  AuditEvent,
  AuditPage,
} from '../../../shared/contracts/audit';
import type { ImportResult } from '../../../shared/contracts/imports';
import { importCommitEntry } from '../audit/entries';
import { AUDIT_EVENT_UID } from '../constants';
import { getService } from '../utils/get-service';
import { documentIds } from '../utils/ordered-ids';
import type { AuditQuery } from '../validation/audit';

/** A row to write: everything but its id and time, which the service gives it. */
export interface AuditRecord {
  action: AuditAction;
  actorId: number | null;
  actorEmail: string | null;
  userId: number | null;
  details: AuditDetailsByAction[AuditAction];
  ip: string | null;
}

const FIELDS = ['id', 'action', 'actorId', 'actorEmail', 'userId', 'details', 'ip', 'createdAt'];

const whereOf = (params: AuditQuery) => {
  const conditions: Record<string, unknown>[] = [];
  if (params.action) conditions.push({ action: params.action });
  if (params.userId !== undefined) conditions.push({ userId: params.userId });
  if (params.actorId !== undefined) conditions.push({ actorId: params.actorId });
  if (params.from) conditions.push({ createdAt: { $gte: params.from } });
  if (params.to) conditions.push({ createdAt: { $lte: params.to } });
  return conditions.length > 0 ? { $and: conditions } : {};
};

/**
 * The audit trail, append-only: rows are written by `record` and read by `list`, and nothing
 * here (nor any route) changes or deletes one.
 */
const audit = ({ strapi }: { strapi: Core.Strapi }) => {
  const query = () => strapi.db.query(AUDIT_EVENT_UID);

  const record = async (records: AuditRecord[]): Promise<void> => {
    if (records.length === 0) return;
    const at = getService(strapi, 'clock').now().toJSDate();
    const ids = documentIds(records.length);
    await query().createMany({
      data: records.map((row, index) => ({
        ...row,
        documentId: ids[index],
        createdAt: at,
        updatedAt: at,
        publishedAt: at,
      })),
    });
  };

  return {
    record,

    /** `npm run users:import`: the admin panel's row, with the operating-system account for an admin. */
    async recordCommandLineImport(
      importId: number,
      result: ImportResult,
      operator: string
    ): Promise<void> {
      const entry = importCommitEntry(importId, result, { operator });
      await record([
        { action: 'imports.commit', actorId: null, actorEmail: null, ip: null, ...entry },
      ]);
    },

    /** Newest first; the id breaks ties between rows of one instant (a resend to many users). */
    async list(params: AuditQuery): Promise<AuditPage> {
      const where = whereOf(params);
      const [rows, total] = await Promise.all([
        query().findMany({
          where,
          select: FIELDS,
          orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
          limit: params.pageSize,
          offset: (params.page - 1) * params.pageSize,
        }) as Promise<AuditEvent[]>,
        query().count({ where }),
      ]);
      return {
        results: rows,
        pagination: {
          page: params.page,
          pageSize: params.pageSize,
          total,
          pageCount: Math.ceil(total / params.pageSize),
        },
      };
    },
  };
};

export type AuditService = ReturnType<typeof audit>;
export default audit;
