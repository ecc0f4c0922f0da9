import type { Core } from '@strapi/strapi';
import { USER_UID } from '../../constants';
import { insertJsonRows } from '../../utils/json-rows-insert';

interface AttributeDefault {
  type: string;
  default?: unknown;
}

/**
 * The ids of users just inserted, found by the documentIds the batch gave them, in insertion
 * order; every row must be found.
 */
export const idsOfDocuments = async (
  strapi: Core.Strapi,
  rows: Array<Record<string, unknown>>
): Promise<number[]> => {
  const found = (await strapi.db.query(USER_UID).findMany({
    where: { documentId: { $in: rows.map((row) => row.documentId) } },
    select: ['id'],
    orderBy: { id: 'asc' },
  })) as Array<{ id: number }>;
  if (found.length !== rows.length) {
    throw new Error(`${rows.length} users inserted, ${found.length} found by their documentIds`);
  }
  return found.map((user) => user.id);
};

/** The attribute types the Query Engine parses into a date before it binds them. */
const DATE_TIME_TYPES = new Set(['datetime', 'timestamp']);

/**
 * The Query Engine's `createMany` of users, with the rows sent as one JSON parameter per
 * statement (utils/json-rows-insert.ts): on PostgreSQL binding a multi-row `VALUES` of 1,000
 * users took longer than running it (100,000 users: parse 1.0 s, bind 5.5 s, execute 2.4 s).
 * What `createMany` does around its insert is done here too: the create-many lifecycles run
 * before and after it, with the same event (the plugin's own sets the origin); a row keeps only
 * the attributes a column holds (a relation a lifecycle adds is dropped, as `createMany` drops
 * it) and gets the default of each one it leaves out. The values are those the import's rules
 * produce (user-fields/rules.ts: text, numbers, booleans, dates as YYYY-MM-DD, date-times as a
 * Date or ISO text with a zone), not every input the attributes' own conversions would take.
 * Returns the new users' ids.
 */
export const createManyAsJson = async (
  strapi: Core.Strapi,
  data: Array<Record<string, unknown>>,
  shared: Record<string, unknown>
): Promise<number[]> => {
  // The lifecycles see every row whole, shared values included, as they would from createMany.
  const params = { data: data.map((datum) => ({ ...datum, ...shared })) };
  const states = await strapi.db.lifecycles.run('beforeCreateMany', USER_UID, { params });
  // A shared value a lifecycle left alone in every row is still bound once.
  const stillShared = Object.fromEntries(
    Object.entries(shared).filter(([name, value]) =>
      params.data.every((row) => row[name] === value)
    )
  );
  const attributes = Object.entries(
    strapi.db.metadata.get(USER_UID).attributes as Record<string, AttributeDefault>
  );
  const columns = new Set(
    attributes.flatMap(([name, attribute]) => (attribute.type === 'relation' ? [] : [name]))
  );
  const defaults = attributes.filter(
    ([, attribute]) => attribute.type !== 'relation' && attribute.default !== undefined
  );
  const dateTimes = attributes.flatMap(([name, attribute]) =>
    DATE_TIME_TYPES.has(attribute.type) ? [name] : []
  );
  const rows = params.data.map((datum) => {
    const row = Object.fromEntries(
      Object.entries(datum).filter(([name]) => columns.has(name) && !(name in stillShared))
    );
    for (const [name, attribute] of defaults) {
      if (row[name] === undefined && !(name in stillShared)) {
        row[name] =
          typeof attribute.default === 'function'
            ? (attribute.default as () => unknown)()
            : attribute.default;
      }
    }
    for (const name of dateTimes) {
      const value = row[name];
      if (typeof value === 'string' || typeof value === 'number') row[name] = new Date(value);
    }
    return row;
  });
  // MySQL's INSERT … SELECT answers no ids: there the new users are found by their documentIds,
  // which this batch just made (not by address: MySQL's collations take josé@ for jose@).
  const mysql = strapi.db.dialect.client === 'mysql';
  const inserted = await insertJsonRows(strapi, USER_UID, {
    rows,
    shared: stillShared,
    returnIds: !mysql,
  });
  const ids = mysql ? await idsOfDocuments(strapi, rows) : inserted.ids;
  await strapi.db.lifecycles.run(
    'afterCreateMany',
    USER_UID,
    { params, result: { count: data.length, ids } },
    states
  );
  return ids;
};
