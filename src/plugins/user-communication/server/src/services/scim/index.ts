import type { Core } from '@strapi/strapi';
import type { ScimChange } from '../../../../shared/contracts/users';
import { PLUGIN_ID } from '../../constants';
import { LIST_RESPONSE, SCIM_PATH, USER_SCHEMA } from '../../scim/constants';
import { invalidSyntax, invalidValue, mutability, notFound } from '../../scim/errors';
import type { ListQuery } from '../../scim/list-query';
import { applyPatch, readPatchRequest } from '../../scim/patch';
import { isObject, readResource, type Json } from '../../scim/resource';
import { compileUserFilter, MATCH_ALL } from '../../scim/user-filter';
import {
  readUserFields,
  toUserResource,
  userDraft,
  type ScimUserFields,
  type ScimUserRow,
} from '../../scim/user-resource';
import { getService } from '../../utils/get-service';
import type { ScimConfig } from '../../config';
import { pluginConfig } from '../../utils/plugin-config';
import { scimUserStore } from './store';
import { retryingTransaction } from '../../utils/transient-conflict';

const NO_USER = (id: string) => notFound(`No User with id "${id}"`);

/** A request body that is a User resource: an object whose `schemas`, if given, name the User schema. */
const readUserBody = (body: unknown) => {
  if (!isObject(body)) throw invalidSyntax('The body must be a User resource (a JSON object)');
  const schemas = body.schemas ?? body.Schemas;
  if (schemas !== undefined && (!Array.isArray(schemas) || !schemas.includes(USER_SCHEMA)))
    throw invalidSyntax(`schemas must include "${USER_SCHEMA}"`);
  return { body, fields: readUserFields(readResource(body, { strict: false })) };
};

const stable = (value: unknown): string =>
  JSON.stringify(value, (_key, item: unknown) =>
    isObject(item)
      ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => (a < b ? -1 : 1)))
      : item
  );

/**
 * The SCIM 2.0 Users endpoint (RFC 7644 §3) over users-permissions users of origin `scim`.
 * Every write is one transaction that holds the user's row: its checks, its change, and
 * what a deactivation entails (sessions ended, links revoked, queued mail cancelled).
 */
const scim = ({ strapi }: { strapi: Core.Strapi }) => {
  const store = scimUserStore(strapi);

  /** The absolute base of resource locations: the configured public URL, never the request's Host header. */
  const baseUrl = () => {
    const prefix = (strapi.config.get('api.rest.prefix', '/api') as string).replace(/\/$/, '');
    return `${pluginConfig(strapi).publicUrl.replace(/\/$/, '')}${prefix}/${PLUGIN_ID}${SCIM_PATH}`;
  };

  // Defaults again: an app that sets `scim` whole at run time may leave one out.
  const scimOptions = (): ScimConfig => {
    const configured: Partial<ScimConfig> = pluginConfig(strapi).scim ?? {};
    return {
      activation: configured.activation ?? 'sso',
      provider: configured.provider ?? 'oidc',
    };
  };

  const resource = (row: ScimUserRow): Json =>
    toUserResource(row, `${baseUrl()}/Users/${row.documentId}`);

  /** Blocked by provisioning: nothing of the account may keep working or keep arriving. */
  const deactivate = async (userId: number) => {
    await getService(strapi, 'passwords').revokeAccess(userId);
    await getService(strapi, 'outbox').cancelForUser(
      userId,
      'Cancelled: the account was deactivated by provisioning (SCIM) before this was sent'
    );
  };

  const changeOf = (row: ScimUserRow, fields: ScimUserFields): ScimChange => {
    const wasActive = row.blocked !== true;
    const active = fields.active ?? wasActive;
    if (wasActive && !active) return 'deactivated';
    if (!wasActive && active) return 'reactivated';
    return 'updated';
  };

  const unchanged = (row: ScimUserRow, fields: ScimUserFields, email: string | null) =>
    row.scimUserName === fields.userName &&
    row.externalId === fields.externalId &&
    row.email === email &&
    (fields.active === undefined || fields.active === (row.blocked !== true)) &&
    (fields.locale === null || fields.locale === row.locale) &&
    stable(row.scimProfile ?? {}) === stable(fields.profile);

  /**
   * Writes what a PUT or PATCH left, under the row lock taken by the caller. A request that
   * changes nothing writes nothing: Okta's PUT of an unchanged user is not a provisioning change.
   */
  const save = async (row: ScimUserRow, fields: ScimUserFields): Promise<ScimUserRow> => {
    // An address once known is kept until another replaces it: the platform's mail goes there.
    const email = fields.email ?? row.email;
    if (unchanged(row, fields, email)) return row;
    await store.assertFree(fields, email, row.id);
    const change = changeOf(row, fields);
    await store.update(row, fields, email, change);
    if (change === 'deactivated') await deactivate(row.id);
    return (await store.find(row.documentId)) as ScimUserRow;
  };

  const locked = async (id: string) => {
    const row = await store.lock(id);
    if (!row) throw NO_USER(id);
    return row;
  };

  return {
    baseUrl,
    options: scimOptions,
    resource,

    async list(query: ListQuery): Promise<Json> {
      const where = query.filter ? compileUserFilter(query.filter) : MATCH_ALL;
      const rows =
        query.count === 0 ? [] : await store.page(where, query.startIndex - 1, query.count);
      // A first page that is not full is all there is: the lookup an IdP makes before every
      // update (`userName eq "…"`) costs one query, not two.
      const complete = query.startIndex === 1 && rows.length < query.count;
      const totalResults = complete ? rows.length : await store.count(where);
      return {
        schemas: [LIST_RESPONSE],
        totalResults,
        itemsPerPage: rows.length,
        startIndex: query.startIndex,
        Resources: rows.map(resource),
      };
    },

    async get(id: string): Promise<ScimUserRow> {
      const row = await store.find(id);
      if (!row) throw NO_USER(id);
      return row;
    },

    async create(body: unknown): Promise<ScimUserRow> {
      const { fields } = readUserBody(body);
      const { email } = fields;
      const options = scimOptions();
      const writer = getService(strapi, 'user-writer');
      const documentId = await retryingTransaction(strapi, async () => {
        await store.assertFree(fields, email, null);
        // The username is made from the address, as for imports; without one, from userName.
        const [allocated] = await writer.usernamesFor([
          { email: email ?? `${fields.userName.split('@')[0]}@scim.invalid`, username: null },
        ]);
        if (!allocated || 'error' in allocated)
          throw invalidValue(allocated?.error ?? 'No username could be made');
        const sso = options.activation === 'sso';
        return store.create({
          fields,
          username: allocated.username,
          roleId: await writer.defaultRoleId(),
          // Users who sign in with the IdP: the IdP vouches for the address, and no password of ours applies.
          provider: sso ? options.provider : 'local',
          confirmed: sso,
          activatedAt: sso ? getService(strapi, 'clock').now().toJSDate() : null,
        });
      });
      return (await store.find(documentId)) as ScimUserRow;
    },

    /** PUT: the resource as sent replaces what is kept (§3.5.1); `id` may not change. */
    async replace(id: string, body: unknown): Promise<ScimUserRow> {
      const { body: raw, fields } = readUserBody(body);
      if (raw.id !== undefined && raw.id !== id)
        throw mutability('"id" is read-only: it cannot be changed');
      return retryingTransaction(strapi, async () => save(await locked(id), fields));
    },

    /** PATCH: every operation applied in memory to the user as stored, then saved once. */
    async patch(id: string, body: unknown): Promise<ScimUserRow> {
      const operations = readPatchRequest(body);
      return retryingTransaction(strapi, async () => {
        const row = await locked(id);
        return save(row, readUserFields(applyPatch(userDraft(row), operations, row.documentId)));
      });
    },

    async remove(id: string): Promise<void> {
      await retryingTransaction(strapi, async () => {
        const row = await locked(id);
        await deactivate(row.id);
        await store.remove(row);
      });
    },
  };
};

export type ScimService = ReturnType<typeof scim>;
export default scim;
