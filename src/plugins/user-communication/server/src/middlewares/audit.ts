import type { Core } from '@strapi/strapi';
import type { AuditAction } from '../../../shared/contracts/audit';
import { AUDIT_ENTRIES, type AuditedContext } from '../audit/entries';
import { PLUGIN_ID } from '../constants';
import { getService } from '../utils/get-service';
import { errorSummary } from '../utils/error-summary';

export interface AuditConfig {
  /** The action's name in the trail, e.g. `users.set-password`. */
  action: AuditAction;
}

const succeeded = (status: number) => status >= 200 && status < 300;

/**
 * A route middleware, declared in the route table next to the route it records (as rate
 * limits are): after the handler answered a 2xx, one row per user acted on, naming the admin,
 * their address and the time. A refused or failed request writes nothing.
 *
 * A row that cannot be written is logged and the answer left as it is: the action has
 * happened, and turning its answer into a 500 would hide, say, a generated password the
 * admin must now pass on.
 */
const audit =
  (config: AuditConfig, { strapi }: { strapi: Core.Strapi }) =>
  async (ctx: AuditedContext, next: () => Promise<unknown>) => {
    const describe = await AUDIT_ENTRIES[config.action](strapi, ctx);
    await next();
    if (!succeeded(ctx.status)) return;
    const actor = ctx.state.user;
    try {
      const entries = await describe();
      await getService(strapi, 'audit').record(
        entries.map((entry) => ({
          action: config.action,
          actorId: actor?.id ?? null,
          actorEmail: actor?.email ?? null,
          ip: ctx.request.ip || null,
          ...entry,
        }))
      );
    } catch (error) {
      strapi.log.error(
        `[user-communication] audit row of ${config.action} by admin ${actor?.id ?? '?'} not written: ${errorSummary(error)}`
      );
    }
  };

/** The entry of a route's `config.middlewares` that records the route's successes as `action`. */
export const audited = (action: AuditAction) => ({
  name: `plugin::${PLUGIN_ID}.audit`,
  config: { action } satisfies AuditConfig,
});

export default audit;
