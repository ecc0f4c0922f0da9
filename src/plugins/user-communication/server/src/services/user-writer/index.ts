import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { USER_UID, type Origin } from '../../constants';
import { customAttributesOf, type AttributeSchema, type UserInput } from '../../user-fields/rules';
import { usersPermissionsRoles } from '../../users-permissions/roles';
import { getService } from '../../utils/get-service';
import { readsJsonTable } from '../../utils/json-rows-insert';
import { documentIds } from '../../utils/ordered-ids';
import { createManyAsJson, idsOfDocuments } from './create-many-as-json';
import { allocateUsernames, takenUsername } from './usernames';

export interface ExistingUser {
  id: number;
  documentId: string;
  email: string;
  username: string;
  origin: Origin | null;
}

/** What the bulk paths may update: the users they brought in, unless the caller may edit any user. */
const BULK_ORIGINS: ReadonlySet<Origin | null> = new Set<Origin | null>(['integration', 'excel']);

export interface UpdateRights {
  /** The caller may edit any user (Content Manager update permission, or an API token allowed users-permissions' user update). */
  updateAny: boolean;
}

export type NewUser = UserInput & { username: string };

/** Who the new users are: where they come from (decides their mail) and the role they get. */
export interface Creation {
  origin: Origin;
  roleId: number;
}

export const NOT_OWNED =
  'This account was not created by an import or an integration, so it is not updated here (that needs the permission to edit users in the Content Manager, or an API token allowed to update users)';

/** The columns of a new local user without a password (activation, or a reset, sets one). */
const localUser = (user: NewUser) => ({
  email: user.email,
  username: user.username,
  provider: 'local',
  confirmed: false,
  blocked: user.blocked ?? false,
  locale: user.locale,
  ...user.attributes,
});

/**
 * Creates and updates users for the bulk paths (Excel import, integration API) so that the user
 * lifecycles run as for any other creation (through the Query Engine, or around the JSON insert
 * of create-many-as-json.ts): origin is set, and the activation e-mail goes out for origins that
 * get one (integration), not for Excel. The fields are checked before they get here
 * (user-fields/rules.ts).
 */
const userWriter = ({ strapi }: { strapi: Core.Strapi }) => {
  const query = () => strapi.db.query(USER_UID);
  const now = () => getService(strapi, 'clock').now().toJSDate();
  const trusted = <T>(work: () => Promise<T>, origin: Origin) =>
    getService(strapi, 'user-state').trusted(work, origin);

  return {
    /** The custom attributes an import column or an integration may fill (see customAttributesOf). */
    customAttributes(): Record<string, AttributeSchema> {
      return customAttributesOf(
        strapi.getModel(USER_UID).attributes as Record<string, AttributeSchema>
      );
    },

    /** The users that already have these addresses, by address. */
    async findByEmails(emails: string[]): Promise<Map<string, ExistingUser>> {
      const found = (await query().findMany({
        where: { email: { $in: emails } },
        select: ['id', 'documentId', 'email', 'username', 'origin'],
      })) as ExistingUser[];
      return new Map(found.map((user) => [user.email.toLowerCase(), user]));
    },

    usernamesFor: (users: Array<{ email: string; username: string | null }>) =>
      allocateUsernames(strapi, users),

    defaultRoleId: () => usersPermissionsRoles(strapi).defaultRoleId(),

    /** A new local user without a password (activation, or a reset, sets one). */
    async create(user: NewUser, { origin, roleId }: Creation): Promise<ExistingUser> {
      // Inside `trusted`: the creation's lifecycles read the origin from its async context.
      return trusted(
        () =>
          query().create({
            data: { ...localUser(user), role: roleId, publishedAt: now() },
            select: ['id', 'documentId', 'email', 'username', 'origin'],
          }) as Promise<ExistingUser>,
        origin
      );
    },

    /**
     * Many new users at once, for the Excel import (no activation e-mail, so no per-user
     * lifecycle work is needed): one insert per page as JSON (create-many-as-json.ts), or
     * through the Query Engine on MariaDB before 10.6; the create-many lifecycles run either way,
     * and set the origin. Their role comes after (`giveRole`). A per-user create costs about six
     * statements; this costs two or three per page. Returns the new users' ids.
     */
    async insertMany(users: NewUser[], { origin }: Pick<Creation, 'origin'>): Promise<number[]> {
      if (users.length === 0) return [];
      const at = now();
      const ids = documentIds(users.length);
      const rows = users.map((user, index) => ({
        ...localUser(user),
        documentId: ids[index],
        mustChangePassword: false,
      }));
      return trusted(async () => {
        if (strapi.db.dialect.client !== 'mysql' || readsJsonTable(strapi)) {
          return createManyAsJson(strapi, rows, { createdAt: at, updatedAt: at, publishedAt: at });
        }
        await query().createMany({
          data: rows.map((row) => ({ ...row, createdAt: at, updatedAt: at, publishedAt: at })),
        });
        return idsOfDocuments(strapi, rows);
      }, origin);
    },

    /** Gives users one role, in one insert (users-permissions' link table). */
    giveRole: (userIds: number[], roleId: number): Promise<void> =>
      userIds.length === 0
        ? Promise.resolve()
        : usersPermissionsRoles(strapi).link(userIds, roleId),

    /**
     * Updates what the input gives; the username only when given explicitly, `blocked` only
     * when given (an import that says nothing never unblocks anyone). No e-mail is sent. Only
     * users a bulk path brought in, unless the caller may edit any user: an import or an API
     * token must not rename, unblock or alter accounts that admins or SSO manage.
     */
    mayUpdate(existing: ExistingUser, rights: UpdateRights): boolean {
      return rights.updateAny || BULK_ORIGINS.has(existing.origin);
    },

    async update(existing: ExistingUser, user: UserInput, rights: UpdateRights): Promise<void> {
      if (!rights.updateAny && !BULK_ORIGINS.has(existing.origin)) {
        throw new errors.ApplicationError(NOT_OWNED);
      }
      const data: Record<string, unknown> = { ...user.attributes };
      if (user.username !== null && user.username !== existing.username) {
        const other = await query().findOne({
          where: {
            id: { $ne: existing.id },
            $or: [{ username: { $eqi: user.username } }, { email: user.username.toLowerCase() }],
          },
          select: ['id'],
        });
        if (other) throw new errors.ApplicationError(takenUsername(user.username));
        data.username = user.username;
      }
      if (user.locale !== null) data.locale = user.locale;
      if (user.blocked !== null) data.blocked = user.blocked;
      if (Object.keys(data).length === 0) return;
      await query().update({ where: { id: existing.id }, data });
    },
  };
};

export type UserWriterService = ReturnType<typeof userWriter>;
export default userWriter;
