import type { Core } from '@strapi/strapi';
import type { TemplateList } from '../../../shared/contracts/templates';
import { usersPermissionsTemplateReport } from '../migrations/import-users-permissions-templates';
import { getService } from '../utils/get-service';
import {
  validateTemplateContent,
  validateTemplateDraft,
  validateTemplateParams,
} from '../validation/templates';
import type { Ctx } from './context';

const templates = ({ strapi }: { strapi: Core.Strapi }) => ({
  async list(ctx: Ctx) {
    const answer: TemplateList = { results: await getService(strapi, 'templates').list() };
    ctx.body = answer;
  },

  async usersPermissions(ctx: Ctx) {
    ctx.body = await usersPermissionsTemplateReport(strapi);
  },

  async find(ctx: Ctx) {
    const { type, locale } = await validateTemplateParams(ctx.params);
    ctx.body = await getService(strapi, 'templates').get(type, locale);
  },

  async update(ctx: Ctx) {
    const { type, locale } = await validateTemplateParams(ctx.params);
    const content = await validateTemplateContent(ctx.request.body);
    ctx.body = await getService(strapi, 'templates').save(type, locale, content);
  },

  async reset(ctx: Ctx) {
    const { type, locale } = await validateTemplateParams(ctx.params);
    ctx.body = await getService(strapi, 'templates').reset(type, locale);
  },

  async preview(ctx: Ctx) {
    const { type, locale } = await validateTemplateParams(ctx.params);
    const draft = await validateTemplateDraft(ctx.request.body);
    ctx.body = await getService(strapi, 'templates').preview(type, locale, draft);
  },

  async testSend(ctx: Ctx) {
    const { type, locale } = await validateTemplateParams(ctx.params);
    const draft = await validateTemplateDraft(ctx.request.body);
    const adminEmail = ctx.state.user?.email as string;
    const queued = await getService(strapi, 'mailer').queueTest({
      type,
      locale,
      adminEmail,
      draft,
    });
    ctx.status = 202;
    ctx.body = { messageId: queued.id, status: queued.status, recipient: adminEmail };
  },
});

export default templates;
