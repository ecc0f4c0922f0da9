import type { Core } from '@strapi/strapi';
import { USER_UID } from '../constants';
import { usersPermissionsConfig } from '../users-permissions/config';
import type { VerifiedToken } from '../users-permissions/jwt-service';
import { usersPermissionsSessions } from '../users-permissions/session-manager';
import { getService } from '../utils/get-service';

/**
 * Ends a user's sessions. In refresh mode users-permissions keeps sessions in the database:
 * they are deleted, and an access token whose session is gone is refused. In legacy-support
 * mode a JWT is all there is, so the user row records the instant before which tokens are
 * refused.
 */
const sessions = ({ strapi }: { strapi: Core.Strapi }) => {
  const now = () => getService(strapi, 'clock').now();
  const refreshMode = () => usersPermissionsConfig(strapi).refreshMode();

  return {
    async revokeAll(userId: number): Promise<void> {
      const at = now().toJSDate();
      await getService(strapi, 'user-state').trusted(() =>
        strapi.db
          .query(USER_UID)
          .update({ where: { id: userId }, data: { sessionsValidAfter: at } })
      );
      if (refreshMode())
        await usersPermissionsSessions(strapi).invalidateRefreshToken(String(userId));
    },

    /** Whether a token that passed users-permissions' signature check still stands. */
    async isCurrent(token: VerifiedToken): Promise<boolean> {
      if (token.sessionId) return usersPermissionsSessions(strapi).isSessionActive(token.sessionId);
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

    /** The issue instant stamped into legacy-support JWTs: milliseconds, from the plugin's clock. */
    issuedAtClaim(): number {
      return now().toMillis();
    },
  };
};

export type SessionsService = ReturnType<typeof sessions>;
export default sessions;
