import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { USER_UID, type Origin } from '../../constants';
import { customAttributesOf, type AttributeSchema, type UserInput } from '../../user-fields/rules';
import { usersPermissionsRoles } from '../../users-permissions/roles';
import { getService } from '../../utils/get-service';
import { allocateUsernames } from './usernames';

export interface ExistingUser {
  id: number;
  documentId: string;
  email: string;
  username: string;
}

export type NewUser = UserInput & { username: string };

/** Who the new users are: where they come from (decides their mail) and the role they get. */
export interface Creation {
  origin: Origin;
  roleId: number;
}

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
 * Creates and updates users for the bulk paths (Excel import, integration API) through the
 * Query Engine, so the user lifecycles run as for any other creation: origin is set, and the
 * activation e-mail goes out for origins that get one (integration), not for Excel. The fields
 * are checked before they get here (user-fields/rules.ts).
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
        select: ['id', 'documentId', 'email', 'username'],
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
            select: ['id', 'documentId', 'email', 'username'],
          }) as Promise<ExistingUser>,
        origin
      );
    },

    /**
     * Many new users at once, for the Excel import (no activation e-mail, so no per-user
     * lifecycle work is needed): one multi-row insert per page through the Query Engine
     * (its create-many lifecycles still run, and set the origin), then the role links in one
     * insert. A per-user create costs about six statements; this costs three per page.
     */
    async createMany(users: NewUser[], { origin, roleId }: Creation): Promise<number> {
      if (users.length === 0) return 0;
      const at = now();
      const rows = users.map((user) => ({
        ...localUser(user),
        documentId: crypto.randomBytes(12).toString('hex'),
        mustChangePassword: false,
        createdAt: at,
        updatedAt: at,
        publishedAt: at,
      }));
      await trusted(() => query().createMany({ data: rows }), origin);
      const created = (await query().findMany({
        where: { email: { $in: users.map((user) => user.email) } },
        select: ['id'],
      })) as Array<{ id: number }>;
      await usersPermissionsRoles(strapi).link(
        created.map((user) => user.id),
        roleId
      );
      return created.length;
    },

    /** Updates what the input gives; the username only when given explicitly. No e-mail is sent. */
    async update(existing: ExistingUser, user: UserInput): Promise<void> {
      const data: Record<string, unknown> = { ...user.attributes };
      if (user.username !== null && user.username !== existing.username) {
        const other = await query().findOne({
          where: { username: { $eqi: user.username }, id: { $ne: existing.id } },
          select: ['id'],
        });
        if (other) {
          throw new errors.ApplicationError(
            `The username "${user.username}" belongs to another user`
          );
        }
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
