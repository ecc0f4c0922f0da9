import { AsyncLocalStorage } from 'node:async_hooks';
import type { Core } from '@strapi/strapi';
import { ACCOUNT_STATE_FIELDS } from '../../../shared/contracts/users';
import { USER_UID, type Origin } from '../constants';
import { getService } from '../utils/get-service';

interface Scope {
  /** Origin that the plugin's own flows (e.g. the Excel import) assign to users they create. */
  origin?: Origin;
}

const scope = new AsyncLocalStorage<Scope>();

interface RouteState {
  handler?: string;
  info?: { pluginName?: string; type?: string };
}

interface RequestLike {
  state?: { route?: RouteState; auth?: { strategy?: { name?: string } } };
}

const isRegisterRoute = (route: RouteState | undefined) =>
  route?.info?.pluginName === 'users-permissions' &&
  /(^|\.)auth\.register$/.test(route.handler ?? '');

const originFromRequest = (ctx: RequestLike): Origin | null => {
  if (isRegisterRoute(ctx.state?.route)) return 'self-registration';
  switch (ctx.state?.auth?.strategy?.name) {
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
  const currentRequest = (): RequestLike | undefined =>
    strapi.requestContext.get() as RequestLike | undefined;
  // Inside a request, only the plugin's own flows (run through `trusted`) may write the state fields.
  const isUntrustedRequest = () => currentRequest() !== undefined && scope.getStore() === undefined;

  return {
    /** Runs plugin code that is allowed to write the state fields, optionally as a given origin. */
    trusted<T>(fn: () => Promise<T>, origin?: Origin): Promise<T> {
      return scope.run({ origin }, fn);
    },

    resolveOrigin(data: UserData): Origin | null {
      const scoped = scope.getStore()?.origin;
      if (scoped) return scoped;
      if (typeof data.provider === 'string' && data.provider !== 'local') return 'sso';
      const ctx = currentRequest();
      if (ctx) return originFromRequest(ctx);
      // Server-side code (scripts, seeders) is trusted to say where a user came from.
      return (data.origin as Origin | undefined) ?? null;
    },

    /** Called before a user row is inserted, whatever the path (DB lifecycle). */
    prepareCreate(data: UserData): void {
      const origin = this.resolveOrigin(data);
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

    async recordLogin(userId: number): Promise<void> {
      const now = getService(strapi, 'clock').now().toJSDate();
      await this.trusted(() =>
        strapi.db.query(USER_UID).update({ where: { id: userId }, data: { lastLoginAt: now } })
      );
    },
  };
};

export type UserStateService = ReturnType<typeof userState>;
export default userState;
