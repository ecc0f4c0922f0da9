import type { Core } from '@strapi/strapi';
import { getService } from '../utils/get-service';
import { usersPermissionsConfig } from './config';

/** What users-permissions' jwt.verify returns: the full payload (legacy-support) or { id, sessionId } (refresh mode). */
export interface VerifiedToken {
  id?: number | string;
  sessionId?: string;
  iat?: number;
  /** Added by the plugin to legacy-support JWTs: the issue instant in milliseconds, from the plugin's clock. */
  ucIssuedAt?: number;
}

type Payload = Record<string, unknown> & { toJSON?: () => Record<string, unknown> };

interface JwtService {
  issue(payload: Payload, options?: Record<string, unknown>): unknown;
  verify(token: string): Promise<VerifiedToken>;
  [key: string]: unknown;
}

/**
 * Makes "signed out everywhere" true for every way users-permissions authenticates a
 * request: its strategy calls jwt.getToken, which calls this.verify, which is wrapped here.
 * A refused token reads to the strategy as an invalid one: the request gets a 401.
 */
export const wrapJwtService = (strapi: Core.Strapi): void => {
  strapi.get('services').extend('plugin::users-permissions.jwt', (service: JwtService) => ({
    ...service,
    issue(payload: Payload, options?: Record<string, unknown>) {
      // Refresh-mode tokens are signed by the session manager and revoked with their session.
      if (usersPermissionsConfig(strapi).refreshMode() || !payload || typeof payload !== 'object')
        return service.issue(payload, options);
      const plain = typeof payload.toJSON === 'function' ? payload.toJSON() : payload;
      const issuedAt = getService(strapi, 'sessions').issuedAtClaim();
      return service.issue({ ...plain, ucIssuedAt: issuedAt }, options);
    },
    async verify(token: string) {
      const verified = await service.verify(token);
      if (!(await getService(strapi, 'sessions').isCurrent(verified)))
        throw new Error('Invalid token.');
      return verified;
    },
  }));
};
