import type { Core } from '@strapi/strapi';
import { WEBHOOK_EVENTS } from '../../../shared/contracts/delivery';
import { USER_UID } from '../constants';
import { getService } from '../utils/get-service';
import { digestConfirmationCode } from './confirmation-code';
import { auditContentManagerPasswords } from './content-manager-password-audit';

interface LifecycleEvent {
  params: {
    data?: Record<string, unknown> | Record<string, unknown>[];
    where?: Record<string, unknown>;
  };
  result?: { id?: number };
  state: {
    addressChanges?: number[];
    /** One of them had bounced or complained (or soft-bounced): its status starts over. */
    bouncedAddressChanged?: boolean;
    passwordChanges?: number[];
    createdWithPassword?: boolean;
  };
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

  /**
   * The users whose e-mail address an update changes, and those it gives a password. A password
   * arrives hashed by the Document Service (or as a Query Engine caller wrote it); `null`
   * removes one and gives none.
   */
  const changesOf = async (event: LifecycleEvent) => {
    const data = rows(event)[0];
    const email = data?.email;
    const setsPassword = typeof data?.password === 'string';
    if ((typeof email !== 'string' && !setsPassword) || !event.params.where) return {};
    const users = (await strapi.db.query(USER_UID).findMany({
      where: event.params.where,
      select: ['id', 'email', 'emailStatus', 'softBounceCount'],
    })) as Array<{
      id: number;
      email: string | null;
      emailStatus: string | null;
      softBounceCount: number | null;
    }>;
    const moved =
      typeof email === 'string'
        ? users.filter((user) => (user.email ?? '').toLowerCase() !== email.toLowerCase())
        : [];
    return {
      addressChanges: moved.map((user) => user.id),
      bouncedAddressChanged: moved.some(
        (user) => (user.emailStatus ?? 'ok') !== 'ok' || (user.softBounceCount ?? 0) > 0
      ),
      passwordChanges: setsPassword ? users.map((user) => user.id) : [],
    };
  };

  const prepareCreate = (event: LifecycleEvent) => {
    event.state.createdWithPassword = typeof rows(event)[0]?.password === 'string';
    rows(event).forEach((data) => {
      state().prepareCreate(data);
      digestConfirmationCode(data);
    });
  };
  const prepareUpdate = async (event: LifecycleEvent) => {
    rows(event).forEach((data) => {
      state().prepareUpdate(data);
      digestConfirmationCode(data);
    });
    Object.assign(event.state, await changesOf(event));
    // What bounced was the old address: the new one starts deliverable, in this same write (the
    // Content Manager shows the answer of this update).
    if (event.state.bouncedAddressChanged) {
      rows(event).forEach((data) =>
        Object.assign(data, getService(strapi, 'delivery-feedback').addressChangedFields())
      );
    }
  };
  const applyChanges = async (event: LifecycleEvent) => {
    // The links went to the old address: whoever holds them must not act for the new one.
    for (const id of event.state.addressChanges ?? []) {
      await getService(strapi, 'tokens').revoke(id);
    }
    // Whatever set the password (the plugin's flows, the Content Manager, PUT /api/users/:id,
    // users-permissions' change-password, a script): the same consequences.
    for (const id of event.state.passwordChanges ?? []) {
      await getService(strapi, 'passwords').revokeAccess(id);
    }
    await getService(strapi, 'events').users(
      WEBHOOK_EVENTS.USER_PASSWORD_CHANGED,
      (event.state.passwordChanges ?? []).map((id) => ({ id }))
    );
    await auditContentManagerPasswords(strapi, event.state.passwordChanges ?? []);
  };

  strapi.db.lifecycles.subscribe({
    models: [USER_UID],
    beforeCreate: prepareCreate,
    // Runs inside the transaction that creates the user: if queuing the e-mail fails, no user is left behind without it.
    async afterCreate(event: LifecycleEvent) {
      const id = event.result?.id;
      if (typeof id !== 'number') return;
      await getService(strapi, 'activation').onUserCreated(id);
      if (event.state.createdWithPassword) await auditContentManagerPasswords(strapi, [id]);
    },
    beforeCreateMany: prepareCreate,
    beforeUpdate: prepareUpdate,
    afterUpdate: applyChanges,
    beforeUpdateMany: prepareUpdate,
    afterUpdateMany: applyChanges,
  } as Parameters<typeof strapi.db.lifecycles.subscribe>[0]);
};
