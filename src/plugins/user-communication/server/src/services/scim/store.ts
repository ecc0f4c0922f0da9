import type { Core } from '@strapi/strapi';
import type { ScimChange } from '../../../../shared/contracts/users';
import { USER_UID } from '../../constants';
import { uniqueness } from '../../scim/errors';
import { SCIM_USER_FIELDS, type ScimUserFields, type ScimUserRow } from '../../scim/user-resource';
import type { Where } from '../../scim/user-filter';
import { getService } from '../../utils/get-service';
import { isUniqueViolation } from '../../utils/unique-violation';

/** SCIM sees the users it provisioned, no others: accounts of admins, imports or SSO stay out of its reach. */
const SCIM_USERS = { origin: 'scim' };

/** Strapi documentIds are 24 lower-case letters and digits; anything else names no user. */
const DOCUMENT_ID = /^[a-z0-9]{1,64}$/i;

export interface NewScimUser {
  fields: ScimUserFields;
  username: string;
  roleId: number;
  /** `scim.provider` for users who sign in with the IdP; `local` for users who get activation. */
  provider: string;
  confirmed: boolean;
  /** Set for users who sign in with the IdP, as for SSO users: they are active from the start. */
  activatedAt: Date | null;
}

/** The columns a SCIM write sets from a request. */
const columnsOf = (fields: ScimUserFields) => ({
  scimUserName: fields.userName,
  scimUserNameKey: fields.userNameKey,
  externalId: fields.externalId,
  scimProfile: fields.profile,
});

/** The users-permissions users that SCIM manages, through the Query Engine (users-permissions reads users this way too). */
export const scimUserStore = (strapi: Core.Strapi) => {
  const query = () => strapi.db.query(USER_UID);
  const now = () => getService(strapi, 'clock').now().toJSDate();
  const trusted = <T>(work: () => Promise<T>, origin?: 'scim') =>
    getService(strapi, 'user-state').trusted(work, origin);

  /** A unique-index clash that slipped past the checks (two requests at once) is a 409 too. */
  const clashes = async <T>(work: () => Promise<T>, userName: string): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      if (isUniqueViolation(error)) throw uniqueness(`userName "${userName}" is already taken`);
      throw error;
    }
  };

  return {
    async count(where: Where): Promise<number> {
      return query().count({ where: { $and: [SCIM_USERS, where] } });
    },

    /** A page in id order, so paging is stable while users are added. */
    async page(where: Where, offset: number, limit: number): Promise<ScimUserRow[]> {
      return (await query().findMany({
        where: { $and: [SCIM_USERS, where] },
        select: SCIM_USER_FIELDS,
        orderBy: { id: 'asc' },
        offset,
        limit,
      })) as ScimUserRow[];
    },

    async find(documentId: string): Promise<ScimUserRow | null> {
      if (!DOCUMENT_ID.test(documentId)) return null;
      return (await query().findOne({
        where: { ...SCIM_USERS, documentId },
        select: SCIM_USER_FIELDS,
      })) as ScimUserRow | null;
    },

    /** The user, its row held until the caller's transaction ends: concurrent PATCHes apply one after the other. */
    async lock(documentId: string): Promise<ScimUserRow | null> {
      if (!DOCUMENT_ID.test(documentId)) return null;
      const [locked] = (await strapi.db
        .queryBuilder(USER_UID)
        .select('id')
        .where({ ...SCIM_USERS, documentId })
        .forUpdate()
        .execute()) as Array<{ id: number }>;
      if (!locked) return null;
      return (await query().findOne({
        where: { id: locked.id },
        select: SCIM_USER_FIELDS,
      })) as ScimUserRow;
    },

    /** 409 uniqueness if another user has this userName (any case) or this address. */
    async assertFree(
      fields: ScimUserFields,
      email: string | null,
      selfId: number | null
    ): Promise<void> {
      const others = selfId === null ? {} : { id: { $ne: selfId } };
      const named = await query().findOne({
        where: { scimUserNameKey: fields.userNameKey, ...others },
        select: ['id'],
      });
      if (named) throw uniqueness(`userName "${fields.userName}" is already taken`);
      if (email === null) return;
      const addressed = await query().findOne({ where: { email, ...others }, select: ['id'] });
      if (addressed)
        throw uniqueness(`The e-mail address ${email} belongs to another user of the platform`);
    },

    /** Returns the new user's documentId. */
    async create(user: NewScimUser): Promise<string> {
      const at = now();
      const created = await clashes(
        () =>
          // As origin `scim`: the creation's lifecycles set it and decide on the activation e-mail.
          trusted(
            () =>
              query().create({
                data: {
                  ...columnsOf(user.fields),
                  email: user.fields.email,
                  username: user.username,
                  provider: user.provider,
                  confirmed: user.confirmed,
                  activatedAt: user.activatedAt,
                  blocked: user.fields.active === false,
                  locale: user.fields.locale,
                  role: user.roleId,
                  scimUpdatedAt: at,
                  scimLastChange: 'created' satisfies ScimChange,
                  publishedAt: at,
                },
                // The id too: the creation lifecycle reads it from the result (activation e-mail).
                select: ['id', 'documentId'],
              }) as Promise<{ documentId: string }>,
            'scim'
          ),
        user.fields.userName
      );
      return created.documentId;
    },

    async update(
      row: ScimUserRow,
      fields: ScimUserFields,
      email: string | null,
      change: ScimChange
    ): Promise<void> {
      await clashes(
        () =>
          trusted(() =>
            query().update({
              where: { id: row.id },
              data: {
                ...columnsOf(fields),
                email,
                blocked: fields.active === undefined ? row.blocked : !fields.active,
                ...(fields.locale ? { locale: fields.locale } : {}),
                scimUpdatedAt: now(),
                scimLastChange: change,
              },
            })
          ),
        fields.userName
      );
    },

    async remove(row: ScimUserRow): Promise<void> {
      await query().delete({ where: { id: row.id } });
    },
  };
};
