import type { Core } from '@strapi/strapi';
import { ROLE_UID, USER_UID } from '../constants';
import { insertChunks } from '../utils/chunks';
import { usersPermissionsStore } from './store';

interface JoinTable {
  name: string;
  joinColumn: { name: string };
  inverseJoinColumn: { name: string };
  inverseOrderColumnName?: string;
}

/** users-permissions' roles, as the bulk user paths need them. */
export const usersPermissionsRoles = (strapi: Core.Strapi) => ({
  /** The role new users get ("Default role for authenticated users" in its advanced settings). */
  async defaultRoleId(): Promise<number> {
    const { default_role: type = 'authenticated' } = await usersPermissionsStore(strapi).advanced();
    const role = (await strapi.db.query(ROLE_UID).findOne({ where: { type }, select: ['id'] })) as {
      id: number;
    } | null;
    if (!role) throw new Error('users-permissions has no default role');
    return role.id;
  },

  /**
   * Gives many users one role in one multi-row insert per chunk. The link table has no content
   * type, so it is written with knex, on the surrounding work's transaction, keeping the order
   * column users-permissions maintains when there is one.
   */
  async link(userIds: number[], roleId: number): Promise<void> {
    const attributes = strapi.db.metadata.get(USER_UID).attributes as Record<
      string,
      { joinTable?: JoinTable }
    >;
    const link = attributes.role.joinTable as JoinTable;
    const order = link.inverseOrderColumnName;
    await strapi.db.transaction(async ({ trx }) => {
      const table = () => strapi.db.connection(link.name).transacting(trx);
      let position = 0;
      if (order) {
        const last = (await table()
          .where(link.inverseJoinColumn.name, roleId)
          .max(`${order} as last`)
          .first()) as { last: number | string | null } | undefined;
        position = Number(last?.last ?? 0);
      }
      if (strapi.db.dialect.client === 'postgres') {
        // One array parameter: a multi-row VALUES of 1,000 links (3,000 parameters) took 19 ms
        // a page of a profiled import, mostly PostgreSQL parsing and planning it.
        const columns = [
          link.joinColumn.name,
          link.inverseJoinColumn.name,
          ...(order ? [order] : []),
        ];
        await trx.raw(
          `insert into ?? (${columns.map(() => '??').join(', ')}) ` +
            `select link.user_id, ?::integer${order ? ', ?::double precision + link.position' : ''} ` +
            'from unnest(?::integer[]) with ordinality as link(user_id, position)',
          [link.name, ...columns, roleId, ...(order ? [position] : []), userIds]
        );
        return;
      }
      const rows = userIds.map((userId) => ({
        [link.joinColumn.name]: userId,
        [link.inverseJoinColumn.name]: roleId,
        ...(order ? { [order]: (position += 1) } : {}),
      }));
      for (const part of insertChunks(strapi.db.dialect.client, rows, () => 0)) {
        await table().insert(part);
      }
    });
  },
});
