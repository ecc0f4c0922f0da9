import type { Core } from '@strapi/strapi';
import { getService } from '../utils/get-service';

interface AdminRequest {
  state?: { route?: { info?: { pluginName?: string } }; user?: { id?: number; email?: string } };
  request?: { ip?: string };
}

/**
 * An admin may type a password into the user's form in the Content Manager instead of using
 * "Set a password": the same record then, written by the user lifecycle inside the update's own
 * transaction (the row and the change stand or fall together).
 */
export const auditContentManagerPasswords = async (
  strapi: Core.Strapi,
  userIds: number[]
): Promise<void> => {
  if (userIds.length === 0) return;
  const ctx = strapi.requestContext.get() as AdminRequest | undefined;
  if (ctx?.state?.route?.info?.pluginName !== 'content-manager') return;
  const admin = ctx.state.user;
  await getService(strapi, 'audit').record(
    userIds.map((userId) => ({
      action: 'users.set-password' as const,
      actorId: admin?.id ?? null,
      actorEmail: admin?.email ?? null,
      userId,
      ip: ctx.request?.ip || null,
      details: { oneTime: false, generated: false, via: 'content-manager' as const },
    }))
  );
};
