import type { Core } from '@strapi/strapi';
import { getService } from './utils/get-service';

type Service = Record<string, (...args: unknown[]) => Promise<unknown>>;

interface RouteState {
  handler?: string;
  info?: { pluginName?: string };
}

/**
 * One user, one activation e-mail. With users-permissions' `email_confirmation` on, it
 * would mail its own never-expiring confirmation link on register and on
 * /auth/send-email-confirmation. While activation is on, the plugin's 14-day link replaces
 * it: on register the activation e-mail is already queued by the user's creation, and a
 * re-send request becomes a renewal of the activation link.
 */
export const replaceConfirmationEmail = (strapi: Core.Strapi): void => {
  strapi.get('services').extend('plugin::users-permissions.user', (service: Service) => ({
    ...service,
    async sendConfirmationEmail(user: { email?: string }) {
      const { activation } = await getService(strapi, 'settings').get();
      if (!activation.enabled) return service.sendConfirmationEmail(user);
      const route = (strapi.requestContext.get() as { state?: { route?: RouteState } } | undefined)
        ?.state?.route;
      const isRegister =
        route?.info?.pluginName === 'users-permissions' &&
        /(^|\.)auth\.register$/.test(route.handler ?? '');
      if (!isRegister && user.email) getService(strapi, 'activation').renew(user.email);
      return undefined;
    },
  }));
};
