import type { Core } from '@strapi/strapi';
import { USER_UID } from '../constants';
import { getService } from '../utils/get-service';

interface LifecycleEvent {
  params: {
    data?: Record<string, unknown> | Record<string, unknown>[];
    where?: Record<string, unknown>;
  };
  result?: { id?: number };
  state: { addressChanges?: number[] };
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

  /** The users whose e-mail address an update changes. */
  const addressChanges = async (event: LifecycleEvent): Promise<number[]> => {
    const email = rows(event)[0]?.email;
    if (typeof email !== 'string' || !event.params.where) return [];
    const users = (await strapi.db
      .query(USER_UID)
      .findMany({ where: event.params.where, select: ['id', 'email'] })) as Array<{
      id: number;
      email: string | null;
    }>;
    return users
      .filter((user) => (user.email ?? '').toLowerCase() !== email.toLowerCase())
      .map((user) => user.id);
  };

  const prepareCreate = (event: LifecycleEvent) => {
    rows(event).forEach((data) => state().prepareCreate(data));
  };
  const prepareUpdate = async (event: LifecycleEvent) => {
    rows(event).forEach((data) => state().prepareUpdate(data));
    event.state.addressChanges = await addressChanges(event);
  };
  // The links went to the old address: whoever holds them must not act for the new one.
  const revokeMovedLinks = async (event: LifecycleEvent) => {
    for (const id of event.state.addressChanges ?? []) {
      await getService(strapi, 'tokens').revoke(id);
    }
  };

  strapi.db.lifecycles.subscribe({
    models: [USER_UID],
    beforeCreate: prepareCreate,
    // Runs inside the transaction that creates the user: if queuing the e-mail fails, no user is left behind without it.
    async afterCreate(event: LifecycleEvent) {
      if (typeof event.result?.id === 'number')
        await getService(strapi, 'activation').onUserCreated(event.result.id);
    },
    beforeCreateMany: prepareCreate,
    beforeUpdate: prepareUpdate,
    afterUpdate: revokeMovedLinks,
    beforeUpdateMany: prepareUpdate,
    afterUpdateMany: revokeMovedLinks,
  } as Parameters<typeof strapi.db.lifecycles.subscribe>[0]);
};
