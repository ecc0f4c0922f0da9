import type { Core } from '@strapi/strapi';
import { USER_UID } from '../constants';
import { getService } from '../utils/get-service';

/** What users-permissions' jwt.verify returns: the full payload (legacy-support) or { id, sessionId } (refresh mode). */
export interface VerifiedToken {
  id?: number | string;
  sessionId?: string;
  iat?: number;
  /** Added by the plugin to legacy-support JWTs: the issue instant in milliseconds, from the plugin's clock. */
  ucIssuedAt?: number;
}

interface OriginSessionManager {
  invalidateRefreshToken(userId: string, deviceId?: string): Promise<void>;
  isSessionActive(sessionId: string): Promise<boolean>;
}

/** The plugin's issue instant of a JWT the server has just signed (no signature check needed). */
const issuedAtOf = (jwt: string): number | null => {
  try {
    const payload = JSON.parse(
      Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')
    ) as VerifiedToken;
    return typeof payload.ucIssuedAt === 'number' ? payload.ucIssuedAt : null;
  } catch {
    return null;
  }
};

/**
 * Ends a user's sessions. In refresh mode users-permissions keeps sessions in the database:
 * they are deleted, and an access token whose session is gone is refused. In legacy-support
 * mode a JWT is all there is, so the user row records the instant before which tokens are
 * refused.
 */
const sessions = ({ strapi }: { strapi: Core.Strapi }) => {
  const clock = () => getService(strapi, 'clock');
  const manager = () =>
    (strapi as unknown as { sessionManager(origin: string): OriginSessionManager }).sessionManager(
      'users-permissions'
    );
  const refreshMode = () =>
    (strapi.config.get('plugin::users-permissions.jwtManagement', 'legacy-support') as string) ===
    'refresh';

  return {
    refreshMode,

    async revokeAll(userId: number): Promise<void> {
      await this.refuseTokensBefore(userId, clock().now().toJSDate());
      if (refreshMode()) await manager().invalidateRefreshToken(String(userId));
    },

    /**
     * Ends the sessions older than a JWT just issued to the user (legacy-support mode: after
     * users-permissions' change-password, which hands out a new JWT but leaves the old ones valid).
     */
    async revokeAllBut(userId: number, jwt: string): Promise<void> {
      const issuedAt = issuedAtOf(jwt);
      if (issuedAt !== null) await this.refuseTokensBefore(userId, new Date(issuedAt));
    },

    async refuseTokensBefore(userId: number, at: Date): Promise<void> {
      await getService(strapi, 'user-state').trusted(() =>
        strapi.db
          .query(USER_UID)
          .update({ where: { id: userId }, data: { sessionsValidAfter: at } })
      );
    },

    /** Whether a token that passed users-permissions' signature check still stands. */
    async isCurrent(token: VerifiedToken): Promise<boolean> {
      if (token.sessionId) return manager().isSessionActive(token.sessionId);
      if (token.id === undefined) return true;
      const user = (await strapi.db
        .query(USER_UID)
        .findOne({ where: { id: token.id }, select: ['sessionsValidAfter'] })) as {
        sessionsValidAfter: string | null;
      } | null;
      if (!user?.sessionsValidAfter) return true;
      // Tokens issued before the plugin was installed carry only `iat`, in whole seconds.
      const issuedAt =
        typeof token.ucIssuedAt === 'number' ? token.ucIssuedAt : (token.iat ?? 0) * 1000;
      return issuedAt >= new Date(user.sessionsValidAfter).getTime();
    },

    issuedAtClaim(): number {
      return clock().now().toMillis();
    },
  };
};

export type SessionsService = ReturnType<typeof sessions>;
export default sessions;
