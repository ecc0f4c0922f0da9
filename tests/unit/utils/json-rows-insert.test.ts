import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { readsJsonTable } from '@server/utils/json-rows-insert';

const MODULE = path.resolve(
  __dirname,
  '../../../src/plugins/user-communication/server/src/utils/json-rows-insert.ts'
);

/**
 * Each date as ours writes it and as the driver binds it (`[ours, theirs]`), computed by
 * `pairs` in a process whose zone is `timeZone` (the zone is read once per process, so each runs
 * in its own); `pairs` sees the module as `module` and the dates as `dates`.
 */
const inZone = (timeZone: string, dates: string[], pairs: string) => {
  const script = `
    const module = require(${JSON.stringify(MODULE)});
    const dates = ${JSON.stringify(dates)}.map((iso) => new Date(iso));
    console.log(JSON.stringify(dates.map((date) => ${pairs})));
  `;
  const child = spawnSync(process.execPath, ['--require', 'tsx/cjs', '-e', script], {
    env: { ...process.env, TZ: timeZone },
    encoding: 'utf8',
  });
  if (child.status !== 0) throw new Error(child.stderr);
  return JSON.parse(child.stdout) as Array<[string, string]>;
};

describe('postgresDateText', () => {
  it.each([
    ['UTC', '+00:00'],
    ['Europe/Copenhagen', '+01:00'],
    ['America/Sao_Paulo', '-03:00'],
    ['Asia/Kolkata', '+05:30'],
    ['Pacific/Chatham', '+13:45'],
  ])('writes a date as node-postgres binds it, in %s (%s)', (timeZone, offset) => {
    const written = inZone(
      timeZone,
      [
        '2026-12-01T21:30:05.123Z',
        '2026-03-29T01:00:00.000Z',
        '1969-12-31T23:59:59.999Z',
        '0001-06-01T12:00:00.000Z',
        '-000400-02-29T23:00:00.000Z',
      ],
      "[module.postgresDateText(date), require('pg/lib/utils').prepareValue(date)]"
    );
    expect(written[0][0].endsWith(offset)).toBe(true);
    for (const [ours, theirs] of written) expect(ours).toBe(theirs);
  });
});

/**
 * Each date as `mysqlDateText` writes it in the zone `mysqlZone` reads from a connection's
 * `timezone` option, and as a mysql2 connection with that option escapes a bound one (its own
 * ConnectionConfig reading the option), without the quotes.
 */
const inZoneForMysql = (timeZone: string, option: string, dates: string[]) =>
  inZone(
    timeZone,
    dates,
    `[module.mysqlDateText(date, module.mysqlZone(${JSON.stringify(option)})), ` +
      `require('mysql2').escape(date, false, new (require(require('node:path').join(require('node:path').dirname(require.resolve('mysql2')), 'lib/connection_config.js')))({ timezone: ${JSON.stringify(option)} }).timezone).slice(1, -1)]`
  );

describe('mysqlDateText', () => {
  it.each([
    ['UTC', ''],
    ['Asia/Kolkata', 'local'],
    ['America/Sao_Paulo', 'local'],
    ['Asia/Kolkata', 'Z'],
    ['Europe/Copenhagen', '+05:30'],
    ['UTC', '-08:00'],
    // A '+' that came through a URL as a space.
    ['Asia/Kolkata', ' 02:00'],
    // Not zones mysql2 reads: it writes UTC.
    ['Asia/Kolkata', 'UTC'],
    ['Asia/Kolkata', '+0200'],
    ['Asia/Kolkata', 'Europe/Paris'],
  ])('writes a date as mysql2 binds one, in %s with the connection in "%s"', (timeZone, option) => {
    const written = inZoneForMysql(timeZone, option, [
      '2026-12-01T21:30:05.123Z',
      '2026-03-29T01:00:00.000Z',
      '1969-12-31T23:59:59.999Z',
      '1000-01-01T00:00:00.000Z',
    ]);
    for (const [ours, theirs] of written) expect(ours).toBe(theirs);
  });
});

describe('readsJsonTable', () => {
  const on = (client: string, info: { database: string | null; version: string | null } | null) =>
    readsJsonTable({ db: { dialect: { client, info } } } as unknown as Core.Strapi);

  it.each([
    ['MARIADB', '10.6.0', true],
    ['MARIADB', '10.11.19', true],
    ['MARIADB', '11.4.2', true],
    ['MARIADB', '10.5.27', false],
    ['MARIADB', '10.3.39', false],
    ['MYSQL', '8.0.4', true],
    ['MYSQL', '8.4.3', true],
    ['MYSQL', '8.0.3', false],
    ['MYSQL', '5.7.44', false],
  ])('%s %s: %s', (database, version, expected) => {
    expect(on('mysql', { database, version })).toBe(expected);
  });

  it('answers no where the server could not be told, or on another database', () => {
    expect(on('mysql', null)).toBe(false);
    expect(on('mysql', { database: null, version: null })).toBe(false);
    expect(on('postgres', { database: 'MYSQL', version: '8.4.3' })).toBe(false);
  });
});
