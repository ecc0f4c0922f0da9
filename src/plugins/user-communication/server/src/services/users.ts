import type { Core } from '@strapi/strapi';
import { isSsoAccount } from '../../../shared/contracts/users';
import { USER_UID, type Origin } from '../constants';

/** The columns the plugin reads about a user; never sent to a client as is. */
export interface UserRecord {
  id: number;
  documentId: string;
  email: string | null;
  username: string | null;
  provider: string | null;
  password: string | null;
  confirmed: boolean | null;
  blocked: boolean | null;
  locale: string | null;
  origin: Origin | null;
  lastLoginAt: string | null;
  activatedAt: string | null;
  mustChangePassword: boolean | null;
  createdAt: string;
}

const FIELDS = [
  'id',
  'documentId',
  'email',
  'username',
  'provider',
  'password',
  'confirmed',
  'blocked',
  'locale',
  'origin',
  'lastLoginAt',
  'activatedAt',
  'mustChangePassword',
  'createdAt',
];

const NUMERIC_ID = /^[1-9][0-9]{0,15}$/;

const whereKey = (key: string) =>
  NUMERIC_ID.test(key) ? { id: Number(key) } : { documentId: key };

/** Reads users for the plugin's flows (Query Engine: users-permissions itself reads users this way). */
const users = ({ strapi }: { strapi: Core.Strapi }) => ({
  findById(id: number): Promise<UserRecord | null> {
    return strapi.db
      .query(USER_UID)
      .findOne({ where: { id }, select: FIELDS }) as Promise<UserRecord | null>;
  },

  /**
   * The user as committed now, with the row held until the caller's transaction ends. A flow
   * that mails a link builds the message from this read, not from an earlier one: an address
   * changed in between must not receive it. A locking read, because MySQL's plain reads in a
   * transaction see its snapshot, which can predate the change.
   */
  async lockById(id: number): Promise<UserRecord | null> {
    const [user] = (await strapi.db
      .queryBuilder(USER_UID)
      .select(FIELDS)
      .where({ id })
      .forUpdate()
      .execute()) as UserRecord[];
    return user ?? null;
  },

  findByEmail(email: string): Promise<UserRecord | null> {
    return strapi.db.query(USER_UID).findOne({
      where: { email: email.toLowerCase() },
      select: FIELDS,
    }) as Promise<UserRecord | null>;
  },

  /** By numeric id or documentId: admin routes accept either (the Content Manager has documentIds, integrations often ids). */
  findByKey(key: string): Promise<UserRecord | null> {
    return strapi.db
      .query(USER_UID)
      .findOne({ where: whereKey(key), select: FIELDS }) as Promise<UserRecord | null>;
  },

  /** Many users by numeric id or documentId, each found under the key it was asked by. */
  async findByKeys(keys: string[]): Promise<Map<string, UserRecord>> {
    const found = (await strapi.db
      .query(USER_UID)
      .findMany({ where: { $or: keys.map(whereKey) }, select: FIELDS })) as UserRecord[];
    const byKey = new Map<string, UserRecord>();
    for (const user of found) {
      byKey.set(user.documentId, user);
      byKey.set(String(user.id), user);
    }
    return new Map(
      keys.flatMap((key) => (byKey.has(key) ? [[key, byKey.get(key) as UserRecord]] : []))
    );
  },

  isSso(user: UserRecord): boolean {
    return isSsoAccount(user);
  },
});

export type UsersService = ReturnType<typeof users>;
export default users;
