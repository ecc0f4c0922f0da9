import type { Core } from '@strapi/strapi';

interface SessionManager {
  invalidateRefreshToken(userId: string, deviceId?: string): Promise<void>;
  isSessionActive(sessionId: string): Promise<boolean>;
}

/** Strapi's session manager for users-permissions' refresh-mode sessions (not in Core.Strapi's types). */
export const usersPermissionsSessions = (strapi: Core.Strapi): SessionManager =>
  (strapi as unknown as { sessionManager(origin: string): SessionManager }).sessionManager(
    'users-permissions'
  );
