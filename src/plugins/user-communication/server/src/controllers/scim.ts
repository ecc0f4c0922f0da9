import type { Core } from '@strapi/strapi';
import {
  listOf,
  schemaResources,
  serviceProviderConfig,
  userResourceType,
} from '../scim/discovery';
import { notFound, ScimError } from '../scim/errors';
import { readListQuery, readSelection } from '../scim/list-query';
import { project, type Json } from '../scim/resource';
import { getService } from '../utils/get-service';
import type { Ctx } from './context';

/** The SCIM operations; the route table names one per route (routes/scim.ts). */
export const SCIM_OPERATIONS = [
  'serviceProviderConfig',
  'resourceTypes',
  'resourceType',
  'schemas',
  'schema',
  'listUsers',
  'getUser',
  'createUser',
  'replaceUser',
  'patchUser',
  'deleteUser',
  'groups',
  'unsupported',
] as const;
export type ScimOperation = (typeof SCIM_OPERATIONS)[number];

type ScimCtx = Ctx & { state: { route?: { config?: { operation?: ScimOperation } } } };

const GROUPS_DETAIL =
  'Groups are not provisioned: users-permissions gives each user exactly one role, which is managed on the platform. Configure the identity provider to provision users only.';

/**
 * The SCIM 2.0 API (RFC 7644) under /api/user-communication/scim/v2. One controller action
 * behind every route, so an API token needs one permission (`scim.provision`) for all of it;
 * the route says which operation it is.
 */
const scim = ({ strapi }: { strapi: Core.Strapi }) => {
  const service = () => getService(strapi, 'scim');
  const reply = (ctx: ScimCtx, status: number, body?: Json) => {
    ctx.status = status;
    if (body) ctx.body = body;
  };
  const user = (ctx: ScimCtx, row: Parameters<ReturnType<typeof service>['resource']>[0]) =>
    project(service().resource(row), readSelection(ctx.query));

  const operations: Record<ScimOperation, (ctx: ScimCtx) => Promise<void>> = {
    async serviceProviderConfig(ctx) {
      reply(ctx, 200, serviceProviderConfig(service().baseUrl()));
    },
    async resourceTypes(ctx) {
      reply(ctx, 200, listOf([userResourceType(service().baseUrl())]));
    },
    async resourceType(ctx) {
      if (ctx.params.id !== 'User')
        throw notFound(`No resource type "${ctx.params.id}" (only User)`);
      reply(ctx, 200, userResourceType(service().baseUrl()));
    },
    async schemas(ctx) {
      reply(ctx, 200, listOf(schemaResources(service().baseUrl())));
    },
    async schema(ctx) {
      const found = schemaResources(service().baseUrl()).find((one) => one.id === ctx.params.id);
      if (!found) throw notFound(`No schema "${ctx.params.id}"`);
      reply(ctx, 200, found);
    },
    async listUsers(ctx) {
      const query = readListQuery(ctx.query);
      const page = await service().list(query);
      reply(ctx, 200, {
        ...page,
        Resources: (page.Resources as Json[]).map((one) => project(one, query)),
      });
    },
    async getUser(ctx) {
      reply(ctx, 200, user(ctx, await service().get(ctx.params.id)));
    },
    async createUser(ctx) {
      const created = service().resource(await service().create(ctx.request.body));
      ctx.set('Location', (created.meta as { location: string }).location);
      reply(ctx, 201, project(created, readSelection(ctx.query)));
    },
    async replaceUser(ctx) {
      reply(ctx, 200, user(ctx, await service().replace(ctx.params.id, ctx.request.body)));
    },
    async patchUser(ctx) {
      reply(ctx, 200, user(ctx, await service().patch(ctx.params.id, ctx.request.body)));
    },
    async deleteUser(ctx) {
      await service().remove(ctx.params.id);
      reply(ctx, 204);
    },
    async groups() {
      throw new ScimError(501, GROUPS_DETAIL);
    },
    async unsupported() {
      throw new ScimError(
        501,
        'Not supported by this service provider (see /ServiceProviderConfig)'
      );
    },
  };

  return {
    async provision(ctx: ScimCtx) {
      const operation = ctx.state.route?.config?.operation;
      if (!operation || !operations[operation]) throw new ScimError(404, 'No such SCIM endpoint');
      await operations[operation](ctx);
    },
  };
};

export default scim;
