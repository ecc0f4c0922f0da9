import type { Core } from '@strapi/strapi';
import {
  UNSUBSCRIBE_PAGE_CSP,
  renderUnsubscribePage,
  type UnsubscribeView,
} from '../account-pages/unsubscribe-page';
import { PLUGIN_ID } from '../constants';
import { UnsubscribeLinkInvalid } from '../errors';
import { getService } from '../utils/get-service';
import { pluginConfig } from '../utils/plugin-config';
import { validateOneClick } from '../validation/unsubscribe';
import { accountHeaders } from './account-pages';
import type { Ctx } from './context';

const unsubscribe = ({ strapi }: { strapi: Core.Strapi }) => {
  const service = () => getService(strapi, 'unsubscribe');

  const render = (ctx: Ctx, view: UnsubscribeView) => {
    accountHeaders(ctx);
    ctx.set('Content-Security-Policy', UNSUBSCRIBE_PAGE_CSP);
    const apiPrefix = (strapi.config.get('api.rest.prefix') as string | undefined) ?? '/api';
    const { platformName, platformUrl } = pluginConfig(strapi);
    ctx.type = 'text/html; charset=utf-8';
    ctx.body = renderUnsubscribePage({
      view,
      platformName,
      platformUrl,
      assetsBase: `/${PLUGIN_ID}/assets`,
      action: `${apiPrefix}/${PLUGIN_ID}/unsubscribe/${ctx.params.token}`,
    });
  };

  // Whoever follows a wrong link is a person with a browser: a 400 page, not a JSON error.
  const answer = async (ctx: Ctx, decide: (token: string) => Promise<UnsubscribeView>) => {
    let view: UnsubscribeView;
    try {
      view = await decide(ctx.params.token);
    } catch (error) {
      if (!(error instanceof UnsubscribeLinkInvalid)) throw error;
      ctx.status = 400;
      view = 'invalid';
    }
    render(ctx, view);
  };

  return {
    async show(ctx: Ctx) {
      await answer(ctx, async (token) =>
        (await service().subscription(token)) === 'subscribed' ? 'confirm' : 'already'
      );
    },

    async confirm(ctx: Ctx) {
      await validateOneClick(ctx.request.body);
      await answer(ctx, async (token) => ((await service().optOut(token)) ? 'done' : 'already'));
    },
  };
};

export default unsubscribe;
