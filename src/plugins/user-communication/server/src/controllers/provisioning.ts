import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { getService } from '../utils/get-service';
import { validateProvisioning } from '../validation/provisioning';
import { updateRightsOf, type CallerState } from './caller-rights';
import type { Ctx } from './context';

/** POST /api/user-communication/users: the integration API for provisioning systems. */
const provisioning = ({ strapi }: { strapi: Core.Strapi }) => ({
  async upsert(ctx: Ctx) {
    const { batch, users } = validateProvisioning(ctx.request.body);
    const rights = updateRightsOf(ctx.state as CallerState);
    const results = await getService(strapi, 'provisioning').provision(users, rights);
    if (batch) {
      const count = (status: string) => results.filter((result) => result.status === status).length;
      ctx.body = {
        results,
        created: count('created'),
        updated: count('updated'),
        errors: count('error'),
      };
      return;
    }
    const [result] = results;
    if (result.status === 'error') {
      throw new errors.ValidationError(result.error ?? 'The user could not be saved', { results });
    }
    ctx.status = result.status === 'created' ? 201 : 200;
    ctx.body = { ...result, results };
  },
});

export default provisioning;
