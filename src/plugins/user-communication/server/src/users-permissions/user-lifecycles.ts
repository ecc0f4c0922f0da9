import type { Core } from '@strapi/strapi';
import { USER_UID } from '../constants';
import { getService } from '../utils/get-service';

interface LifecycleEvent {
  params: { data?: Record<string, unknown> | Record<string, unknown>[] };
  result?: { id?: number };
}

/**
 * DB lifecycles, not Document Service middlewares: users are created through both the
 * Document Service (Content Manager, register) and the Query Engine (SSO provider
 * callback), and only DB lifecycles see every path.
 */
export const subscribeUserLifecycles = (strapi: Core.Strapi): void => {
  const state = () => getService(strapi, 'user-state');
  const rows = (event: LifecycleEvent) => {
    const data = event.params.data;
    if (!data) return [];
    return Array.isArray(data) ? data : [data];
  };

  strapi.db.lifecycles.subscribe({
    models: [USER_UID],
    beforeCreate(event: LifecycleEvent) {
      rows(event).forEach((data) => state().prepareCreate(data));
    },
    // Runs inside the transaction that creates the user: if queuing the e-mail fails, no user is left behind without it.
    async afterCreate(event: LifecycleEvent) {
      if (typeof event.result?.id === 'number')
        await getService(strapi, 'activation').onUserCreated(event.result.id);
    },
    beforeCreateMany(event: LifecycleEvent) {
      rows(event).forEach((data) => state().prepareCreate(data));
    },
    beforeUpdate(event: LifecycleEvent) {
      rows(event).forEach((data) => state().prepareUpdate(data));
    },
    beforeUpdateMany(event: LifecycleEvent) {
      rows(event).forEach((data) => state().prepareUpdate(data));
    },
  } as Parameters<typeof strapi.db.lifecycles.subscribe>[0]);
};
