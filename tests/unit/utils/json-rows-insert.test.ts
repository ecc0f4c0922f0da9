import { spawnSync } from 'node:child_process';
import path from 'node:path';

const MODULE = path.resolve(
  __dirname,
  '../../../src/plugins/user-communication/server/src/utils/json-rows-insert.ts'
);

/**
 * Each date as `postgresDateText` writes it and as node-postgres binds it, in a process whose
 * zone is `timeZone` (the zone is read once per process, so each runs in its own).
 */
const inZone = (timeZone: string, dates: string[]) => {
  const script = `
    const { postgresDateText } = require(${JSON.stringify(MODULE)});
    const { prepareValue } = require('pg/lib/utils');
    const dates = ${JSON.stringify(dates)}.map((iso) => new Date(iso));
    console.log(JSON.stringify(dates.map((date) => [postgresDateText(date), prepareValue(date)])));
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
    const written = inZone(timeZone, [
      '2026-12-01T21:30:05.123Z',
      '2026-03-29T01:00:00.000Z',
      '1969-12-31T23:59:59.999Z',
      '0001-06-01T12:00:00.000Z',
      '-000400-02-29T23:00:00.000Z',
    ]);
    expect(written[0][0].endsWith(offset)).toBe(true);
    for (const [ours, theirs] of written) expect(ours).toBe(theirs);
  });
});
