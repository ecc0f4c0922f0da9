import type { Core } from '@strapi/strapi';
import type { AuditAction, AuditDetailsByAction } from '../../../shared/contracts/audit';
import type { ClearEmailStatusAnswer } from '../../../shared/contracts/delivery';
import type { ImportResult } from '../../../shared/contracts/imports';
import type { MessageDetail } from '../../../shared/contracts/messages';
import type { SetPasswordResult } from '../../../shared/contracts/passwords';
import type { RunOutcome } from '../../../shared/contracts/reminders';
import type { Settings } from '../../../shared/contracts/settings';
import type { TemplateType } from '../../../shared/contracts/templates';
import type { ResendAnswer } from '../../../shared/contracts/users';
import type { Ctx } from '../controllers/context';
import { getService } from '../utils/get-service';
import { settingChanges } from './setting-changes';

/** The request as an audit entry reads it: its route parameters and, once handled, its answer. */
export type AuditedContext = Pick<Ctx, 'params' | 'request' | 'state' | 'status' | 'body'> & {
  method: string;
};

/** One row's own part: the user it concerns (if one) and its details. */
export interface AuditEntry<Action extends AuditAction> {
  userId: number | null;
  details: AuditDetailsByAction[Action];
}

/** An import's commit, from the admin panel or the command line (which names its operator). */
export const importCommitEntry = (
  importId: number,
  { created, updated, skipped, failed, alreadyCommitted }: ImportResult,
  commandLine?: { operator: string }
): AuditEntry<'imports.commit'> => ({
  userId: null,
  details: {
    importId,
    created,
    updated,
    skipped,
    failed: failed.length,
    alreadyCommitted,
    ...(commandLine ? { commandLine } : {}),
  },
});

/**
 * Called before the handler (to read what it is about to change); what it answers is called
 * after the handler succeeded, and says which rows to write.
 */
type Describe<Action extends AuditAction> = (
  strapi: Core.Strapi,
  ctx: AuditedContext
) => Promise<() => Promise<Array<AuditEntry<Action>>>>;

/** For actions whose rows need nothing read before the handler. */
const afterwards =
  <Action extends AuditAction>(
    describe: (strapi: Core.Strapi, ctx: AuditedContext) => Promise<Array<AuditEntry<Action>>>
  ): Describe<Action> =>
  async (strapi, ctx) =>
  () =>
    describe(strapi, ctx);

/** `:id` is a documentId or a numeric id, as the handler took it; rows hold the numeric id. */
const userOfPath = async (strapi: Core.Strapi, ctx: AuditedContext) =>
  (await getService(strapi, 'users').findByKey(String(ctx.params.id)))?.id ?? null;

/** What each audited action writes; every handler here has answered a 2xx with its contract. */
export const AUDIT_ENTRIES: { [Action in AuditAction]: Describe<Action> } = {
  // One row per user asked for, so a user's own trail shows the resends that concerned them.
  'activation.resend': afterwards(async (strapi, ctx) => {
    const { results } = ctx.body as ResendAnswer;
    const users = await getService(strapi, 'users').findByKeys(results.map(({ id }) => id));
    return results.map(({ id, status, reason }) => {
      const userId = users.get(id)?.id ?? null;
      return {
        userId,
        details: { status, ...(reason ? { reason } : {}), ...(userId === null ? { key: id } : {}) },
      };
    });
  }),

  'users.reset-password': afterwards(async (strapi, ctx) => [
    { userId: await userOfPath(strapi, ctx), details: {} },
  ]),

  // The answer, not the request, says whether a password was generated; it is not copied.
  'users.set-password': afterwards(async (strapi, ctx) => {
    const answer = ctx.body as SetPasswordResult;
    const generated = answer.password !== undefined;
    return [
      { userId: await userOfPath(strapi, ctx), details: { oneTime: answer.oneTime, generated } },
    ];
  }),

  // As activation.resend: one row per user asked for, and the status each had, never the address.
  'users.clear-email-status': afterwards(async (strapi, ctx) => {
    const { results } = ctx.body as ClearEmailStatusAnswer;
    const users = await getService(strapi, 'users').findByKeys(results.map(({ id }) => id));
    return results.map(({ id, status, reason, previous }) => {
      const userId = users.get(id)?.id ?? null;
      return {
        userId,
        details: {
          status,
          ...(reason ? { reason } : {}),
          ...(previous ? { previous } : {}),
          ...(userId === null ? { key: id } : {}),
        },
      };
    });
  }),

  'imports.commit': afterwards(async (_strapi, ctx) => [
    importCommitEntry(Number(ctx.params.id), ctx.body as ImportResult),
  ]),

  'settings.update': async (strapi, ctx) => {
    const previous = await getService(strapi, 'settings').get();
    return async () => [
      { userId: null, details: { changes: settingChanges(previous, ctx.body as Settings) } },
    ];
  },

  // PUT saves the admin's version; DELETE drops it, so the shipped default applies again.
  'templates.update': afterwards(async (_strapi, ctx) => [
    {
      userId: null,
      details: {
        type: ctx.params.type as TemplateType,
        locale: ctx.params.locale,
        change: ctx.method === 'DELETE' ? 'reset' : 'saved',
      },
    },
  ]),

  'reminders.run': afterwards(async (_strapi, ctx) => {
    const { runDate, status, reminded } = ctx.body as RunOutcome;
    return [{ userId: null, details: { runDate, status, reminded } }];
  }),

  'messages.retry': afterwards(async (_strapi, ctx) => {
    const message = ctx.body as MessageDetail;
    return [{ userId: message.userId, details: { messageId: message.id } }];
  }),
};
