import type { Core } from '@strapi/strapi';
import { getService } from '../utils/get-service';
import { currentRequestState, isRegisterRoute } from './routes';

type Service = Record<string, (...args: unknown[]) => Promise<unknown>>;

/**
 * One user, one activation e-mail. With users-permissions' `email_confirmation` on, it
 * would mail its own never-expiring confirmation link on register and on
 * /auth/send-email-confirmation. While activation is on, the plugin's 14-day link replaces
 * it: on register the activation e-mail is already queued by the user's creation, and a
 * re-send request becomes a renewal of the activation link.
 */
export const wrapConfirmationEmail = (strapi: Core.Strapi): void => {
  strapi.get('services').extend('plugin::users-permissions.user', (service: Service) => ({
    ...service,
    async sendConfirmationEmail(user: { email?: string }) {
      const { activation } = await getService(strapi, 'settings').get();
      if (!activation.enabled) return service.sendConfirmationEmail(user);
      const isRegister = isRegisterRoute(currentRequestState(strapi)?.route);
      if (!isRegister && user.email) await getService(strapi, 'activation').renew(user.email);
      return undefined;
    },
  }));
};
