import type { Core } from '@strapi/strapi';
import { logIn } from '../users-permissions/log-in';
import { getService } from '../utils/get-service';
import { validateChange, validateVerifyReset } from '../validation/passwords';
import type { Ctx } from './context';

/** The public password endpoints of the plugin (the reset itself stays on /api/auth/reset-password). */
const passwords = ({ strapi }: { strapi: Core.Strapi }) => ({
  async verifyReset(ctx: Ctx) {
    const { token } = await validateVerifyReset(ctx.request.body);
    ctx.body = await getService(strapi, 'password-reset').verify(token);
  },

  /** Replaces a one-time password, then logs the user in as POST /api/auth/local would. */
  async change(ctx: Ctx) {
    const input = await validateChange(ctx.request.body);
    const user = await getService(strapi, 'one-time-passwords').completeChange(input);
    return logIn(strapi, ctx, { user, password: input.password, deviceId: input.deviceId });
  },
});

export default passwords;
