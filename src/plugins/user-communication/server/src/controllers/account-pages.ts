import type { Core } from '@strapi/strapi';
import {
  ACCOUNT_PAGE_CSP,
  renderAccountPage,
  type AccountPageOptions,
} from '../account-pages/account-page';
import { ACCOUNT_JS } from '../account-pages/account-script';
import { ACCOUNT_CSS } from '../account-pages/account-style';
import { PLUGIN_ID } from '../constants';
import { pluginConfig } from '../utils/plugin-config';
import type { Ctx } from './context';

// The pages handle a token: no Referer may carry the page's address anywhere, and no cache keeps it.
export const accountHeaders = (ctx: Ctx) => {
  ctx.set('Referrer-Policy', 'no-referrer');
  ctx.set('Cache-Control', 'no-store');
  ctx.set('X-Robots-Tag', 'noindex');
};

const accountPages = ({ strapi }: { strapi: Core.Strapi }) => {
  const render = (ctx: Ctx, kind: AccountPageOptions['kind'], title: string) => {
    accountHeaders(ctx);
    // Set after strapi::security (koa-helmet) wrote the app-wide policy, so this one replaces it.
    ctx.set('Content-Security-Policy', ACCOUNT_PAGE_CSP);
    const apiPrefix = (strapi.config.get('api.rest.prefix') as string | undefined) ?? '/api';
    const config = pluginConfig(strapi);
    ctx.type = 'text/html; charset=utf-8';
    ctx.body = renderAccountPage({
      kind,
      title,
      apiBase: `${apiPrefix}/${PLUGIN_ID}`,
      authBase: `${apiPrefix}/auth`,
      platformUrl: config.platformUrl,
      assetsBase: `/${PLUGIN_ID}/assets`,
      passwordMinLength: config.passwordMinLength,
    });
  };

  return {
    async activate(ctx: Ctx) {
      render(ctx, 'activation', 'Activate your account');
    },

    async resetPassword(ctx: Ctx) {
      render(ctx, 'password-reset', 'Choose a new password');
    },

    async script(ctx: Ctx) {
      accountHeaders(ctx);
      ctx.type = 'application/javascript; charset=utf-8';
      ctx.body = ACCOUNT_JS;
    },

    async style(ctx: Ctx) {
      accountHeaders(ctx);
      ctx.type = 'text/css; charset=utf-8';
      ctx.body = ACCOUNT_CSS;
    },
  };
};

export default accountPages;
