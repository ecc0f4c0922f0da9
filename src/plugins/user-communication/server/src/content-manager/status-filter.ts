import { AsyncLocalStorage } from 'node:async_hooks';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import {
  ACCOUNT_STATUS_FILTER,
  ACCOUNT_STATUSES,
  type AccountStatus,
} from '../../../shared/contracts/account-status';
import { USER_UID } from '../constants';
import { getService } from '../utils/get-service';

type Handler = (ctx: ListContext, next?: () => Promise<unknown>) => Promise<unknown>;

interface ListContext {
  params: { model?: string };
  request: { query: { filters?: { $and?: Array<Record<string, unknown>> } } };
}

interface QueryEvent {
  params: { where?: Record<string, unknown> };
}

const listScope = new AsyncLocalStorage<{ status: AccountStatus }>();

/** Takes the status filter out of the list's filters: it names no column, and the Content Manager refuses those. */
const takeStatusFilter = (ctx: ListContext): AccountStatus | null => {
  const filters = ctx.request.query.filters;
  if (!Array.isArray(filters?.$and)) return null;
  let status: AccountStatus | null = null;
  filters.$and = filters.$and.filter((filter) => {
    if (!(ACCOUNT_STATUS_FILTER in filter)) return true;
    const value = (filter[ACCOUNT_STATUS_FILTER] as { $eq?: unknown } | null)?.$eq;
    if (!ACCOUNT_STATUSES.includes(value as AccountStatus)) {
      throw new errors.ValidationError(
        `${ACCOUNT_STATUS_FILTER} must be one of ${ACCOUNT_STATUSES.join(', ')} (operator $eq)`
      );
    }
    status = value as AccountStatus;
    return false;
  });
  return status;
};

/**
 * The Content Manager's list of users filtered by account status (the filter the admin adds
 * through `Admin/CM/pages/ListView/inject-in-filters`). Most statuses depend on activation links
 * and the clock, not on one column, so the filter is taken out of the request here (register:
 * handlers are bound before any bootstrap) and applied to the list's two statements (the page
 * and its count) as a `where` with subqueries, by the DB lifecycles below.
 */
export const wrapListFind = (strapi: Core.Strapi): void => {
  strapi
    .get('controllers')
    .extend('plugin::content-manager.collection-types', (controller: Record<string, Handler>) => ({
      ...controller,
      async find(ctx: ListContext, next?: () => Promise<unknown>) {
        if (ctx.params.model !== USER_UID) return controller.find(ctx, next);
        const status = takeStatusFilter(ctx);
        if (!status) return controller.find(ctx, next);
        return listScope.run({ status }, () => controller.find(ctx, next));
      },
    }));
};

/** Applies a status filter taken out by `wrapListFind` to the users' list and count. */
export const subscribeStatusFilter = (strapi: Core.Strapi): void => {
  const narrow = async (event: QueryEvent) => {
    const scope = listScope.getStore();
    if (!scope) return;
    const where = await getService(strapi, 'account-status').whereBuilder(scope.status);
    event.params.where = { $and: [event.params.where ?? {}, where()] };
  };
  strapi.db.lifecycles.subscribe({
    models: [USER_UID],
    beforeFindMany: narrow,
    beforeCount: narrow,
  } as Parameters<typeof strapi.db.lifecycles.subscribe>[0]);
};
