import type { Core } from '@strapi/strapi';
import { getService } from '../utils/get-service';
import { logIn } from '../utils/log-in';
import { validateChange, validateVerifyReset } from '../validation/passwords';
import type { Ctx } from './context';

/** The public password endpoints of the plugin (the reset itself stays on /api/auth/reset-password). */
const passwords = ({ strapi }: { strapi: Core.Strapi }) => ({
  async verifyReset(ctx: Ctx) {
    await getService(strapi, 'rate-limits').limitClient('password-reset-verify', ctx.request.ip);
    const { token } = await validateVerifyReset(ctx.request.body);
    ctx.body = await getService(strapi, 'password-reset').verify(token);
  },

  /** Replaces a one-time password, then logs the user in as POST /api/auth/local would. */
  async change(ctx: Ctx) {
    await getService(strapi, 'rate-limits').limitClient('password-change', ctx.request.ip);
    const input = await validateChange(ctx.request.body);
    const user = await getService(strapi, 'passwords').completeChange(input);
    return logIn(strapi, ctx, user, input.password, input.deviceId);
  },
});

export default passwords;
