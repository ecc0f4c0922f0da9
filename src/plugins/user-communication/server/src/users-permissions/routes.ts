import type { Core } from '@strapi/strapi';

export interface RouteInfo {
  handler?: string;
  info?: { pluginName?: string; type?: string };
}

export interface RequestState {
  route?: RouteInfo;
  auth?: { strategy?: { name?: string } };
}

/** The state of the request being handled, if any (Strapi keeps it in async local storage). */
export const currentRequestState = (strapi: Core.Strapi): RequestState | undefined =>
  (strapi.requestContext.get() as { state?: RequestState } | undefined)?.state;

/** POST /api/auth/local/register: a user signing themselves up. */
export const isRegisterRoute = (route: RouteInfo | undefined): boolean =>
  route?.info?.pluginName === 'users-permissions' &&
  /(^|\.)auth\.register$/.test(route.handler ?? '');
