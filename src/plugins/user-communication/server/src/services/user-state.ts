import { AsyncLocalStorage } from 'node:async_hooks';
import type { Core } from '@strapi/strapi';
import { ACCOUNT_STATE_FIELDS } from '../../../shared/contracts/users';
import { WEBHOOK_EVENTS } from '../../../shared/contracts/delivery';
import { USER_UID, type Origin } from '../constants';
import {
  currentRequestState,
  isRegisterRoute,
  type RequestState,
} from '../users-permissions/routes';
import { getService } from '../utils/get-service';
import { retryingTransaction } from '../utils/transient-conflict';

interface Scope {
  /** Origin that the plugin's own flows (e.g. the Excel import) assign to users they create. */
  origin?: Origin;
}

const scope = new AsyncLocalStorage<Scope>();

/** Where a user created inside a request comes from, judged from how the request authenticated. */
const originFromRequest = (state: RequestState): Origin | null => {
  if (isRegisterRoute(state.route)) return 'self-registration';
  switch (state.auth?.strategy?.name) {
    case 'admin':
    case 'admin-token':
      return 'manual';
    case 'content-api-token':
    case 'users-permissions':
      return 'integration';
    default:
      return null;
  }
};

type UserData = Record<string, unknown>;

/**
 * The account facts the plugin keeps on each users-permissions user (shared/contracts/users.ts).
 * They are derived by the server, never taken from a client: a request may not claim to be
 * an Excel import (no activation e-mail) or back-date its own last login.
 */
const userState = ({ strapi }: { strapi: Core.Strapi }) => {
  // Inside a request, only the plugin's own flows (run through `trusted`) may write the state fields.
  const isUntrustedRequest = () =>
    currentRequestState(strapi) !== undefined && scope.getStore() === undefined;

  /** Runs plugin code that is allowed to write the state fields, optionally as a given origin. */
  const trusted = <T>(fn: () => Promise<T>, origin?: Origin): Promise<T> =>
    scope.run({ origin }, fn);

  const resolveOrigin = (data: UserData): Origin | null => {
    const scoped = scope.getStore()?.origin;
    if (scoped) return scoped;
    if (typeof data.provider === 'string' && data.provider !== 'local') return 'sso';
    const request = currentRequestState(strapi);
    if (request) return originFromRequest(request);
    // Server-side code (scripts, seeders) is trusted to say where a user came from.
    return (data.origin as Origin | undefined) ?? null;
  };

  return {
    trusted,

    /** Called before a user row is inserted, whatever the path (DB lifecycle). */
    prepareCreate(data: UserData): void {
      const origin = resolveOrigin(data);
      if (isUntrustedRequest()) {
        for (const field of ACCOUNT_STATE_FIELDS) delete data[field];
      }
      data.origin = origin;
      // SSO users prove their address through the identity provider: active from the start.
      if (origin === 'sso' && !data.activatedAt)
        data.activatedAt = getService(strapi, 'clock').now().toJSDate();
    },

    /** Called before a user row is updated, whatever the path (DB lifecycle). */
    prepareUpdate(data: UserData | undefined): void {
      if (!data || !isUntrustedRequest()) return;
      for (const field of ACCOUNT_STATE_FIELDS) delete data[field];
    },

    /**
     * Every successful login. The first one activates the account, whatever gave it its
     * password, and its activation links stop working: they set a first password only. One
     * transaction that holds the user's row from its first statement: a link being issued at
     * the same moment is either revoked with the others or, issued after, sees the login
     * and is not sent.
     */
    async recordLogin(userId: number): Promise<void> {
      const now = getService(strapi, 'clock').now().toJSDate();
      await retryingTransaction(strapi, async () => {
        await trusted(() =>
          strapi.db.query(USER_UID).update({ where: { id: userId }, data: { lastLoginAt: now } })
        );
        const activated = await strapi.db
          .queryBuilder(USER_UID)
          .where({ id: userId, activatedAt: null })
          .update({ activatedAt: now })
          .execute();
        if (Number(activated) > 0) {
          await getService(strapi, 'tokens').revoke(userId, 'activation');
          await getService(strapi, 'events').users(WEBHOOK_EVENTS.USER_ACTIVATED, [
            { id: userId, detail: { via: 'login' } },
          ]);
        }
      });
    },
  };
};

export type UserStateService = ReturnType<typeof userState>;
export default userState;
