import type { Core } from '@strapi/strapi';
import type { VerifiedToken } from './services/sessions';
import { getService } from './utils/get-service';

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
export const enforceSessionRevocation = (strapi: Core.Strapi): void => {
  strapi.get('services').extend('plugin::users-permissions.jwt', (service: JwtService) => ({
    ...service,
    issue(payload: Payload, options?: Record<string, unknown>) {
      const sessions = getService(strapi, 'sessions');
      // Refresh-mode tokens are signed by the session manager and revoked with their session.
      if (sessions.refreshMode() || !payload || typeof payload !== 'object')
        return service.issue(payload, options);
      const plain = typeof payload.toJSON === 'function' ? payload.toJSON() : payload;
      return service.issue({ ...plain, ucIssuedAt: sessions.issuedAtClaim() }, options);
    },
    async verify(token: string) {
      const verified = await service.verify(token);
      if (!(await getService(strapi, 'sessions').isCurrent(verified)))
        throw new Error('Invalid token.');
      return verified;
    },
  }));
};
