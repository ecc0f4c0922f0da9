import type { TestApp } from './strapi';

/** Every table of the app's database, on whichever dialect the suite runs. */
const tableNames = async (app: TestApp): Promise<string[]> => {
  const knex = app.strapi.db.connection;
  switch (app.database.client) {
    case 'sqlite':
      return (await knex.raw("select name from sqlite_master where type = 'table'")).map(
        (row: { name: string }) => row.name
      );
    case 'postgres':
      return (
        await knex.raw(
          "select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'"
        )
      ).rows.map((row: { name: string }) => row.name);
    case 'mysql':
      return (
        await knex.raw(
          "select table_name as name from information_schema.tables where table_schema = database() and table_type = 'BASE TABLE'"
        )
      )[0].map((row: { name?: string; NAME?: string; TABLE_NAME?: string }) =>
        String(row.name ?? row.NAME ?? row.TABLE_NAME)
      );
  }
};

/** The whole database as text, table by table: what a copy of it would give anyone who reads it. */
export const databaseText = async (app: TestApp): Promise<Map<string, string>> => {
  const dump = new Map<string, string>();
  for (const table of await tableNames(app)) {
    const rows = await app.strapi.db.connection(table).select('*');
    dump.set(
      table,
      JSON.stringify(rows, (_, value) =>
        Buffer.isBuffer(value) ? value.toString('latin1') : value
      )
    );
  }
  return dump;
};

/** The tables whose text holds `needle`. */
export const tablesHolding = (dump: Map<string, string>, needle: string): string[] =>
  [...dump].filter(([, text]) => text.includes(needle)).map(([table]) => table);
